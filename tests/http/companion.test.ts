import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import { COMPANION_CONSENT_VERSION } from '../../src/domain/companion.ts';
import { createTransport, drainOutbox } from '../../src/jobs/outbox-worker.ts';
import { pruneCompanion } from '../../src/usecases/companion/erasure.ts';
import { sendCheckInReminders } from '../../src/usecases/companion/reminders.ts';
import { enqueueMail } from '../../src/usecases/outbox.ts';
import { COMPANION_ROUTES } from '../../src/web/companion/routes.tsx';
import { ORIGIN, startTestApp, type TestApp, useTestApp } from '../support/app.ts';
import {
  answerCheckIn as answer,
  askForSignInLink as askForLink,
  type ClientBrowser as Browser,
  clientBrowser as browser,
  checkInFields as checkIn,
  DAY,
  type Fields,
  HOUR,
  inviteTo as invite,
  joinCircle,
  MINUTE,
  NEXT_CHECK_IN as SECOND_WEEK,
  COMPANION_START as START,
  signInClient as signIn,
  startCircle,
  WEEK,
  weekStartOf,
} from '../support/companion.ts';
import { DIALECTS } from '../support/databases.ts';
import { linkIn, readOutbox } from '../support/outbox.ts';
import { startInbox } from '../support/smtp.ts';

const outboxFor = (t: TestApp, to: string, kind: string) => readOutbox(t, { kind, to });

/** Signs a browser in again after the clock has moved past its session's limits (30 idle minutes, 12 hours). */
async function resume(t: TestApp, ...browsers: Browser[]): Promise<void> {
  for (const b of browsers) b.cookie = (await signIn(t, b.email)).cookie;
}

describe.each(DIALECTS)('the companion on %s', (dialect) => {
  let now = START;
  const clock = { now: () => now };
  const t = useTestApp(dialect, { clock });

  describe('signing in', () => {
    test('asking for a link looks the same whether or not the address has an account', async () => {
      await signIn(t, 'known@example.test');
      const normalise = (html: string, email: string) =>
        html
          .replaceAll(email, 'EMAIL')
          .replace(/nonce="[^"]+"/g, '')
          .replace(/\/assets\/[^"]+/g, '');
      const known = await browser(t, 'x').post('/companion/sign-in', { email: 'known@example.test' });
      const unknown = await browser(t, 'x').post('/companion/sign-in', { email: 'nobody@example.test' });
      expect(known.status).toBe(unknown.status);
      expect(normalise(await known.text(), 'known@example.test')).toBe(normalise(await unknown.text(), 'nobody@example.test'));
      expect((await outboxFor(t, 'nobody@example.test', 'companion-sign-in')).length).toBe(1);
    });

    test('a link works once, for 15 minutes, and is stored only as a hash; opening it does not use it up', async () => {
      const b = browser(t, 'once@example.test');
      await b.post('/companion/sign-in', { email: b.email });
      const path = linkIn((await outboxFor(t, b.email, 'companion-sign-in')).at(-1)!.text, '/companion/sign-in');
      const token = path.split('/').at(-1)!;
      expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
      const stored = await t.deps.database.db.selectFrom('companion_login_tokens').select('token_hash').execute();
      expect(stored.some((r) => r.token_hash === token)).toBe(false);
      expect((await b.get(path)).status).toBe(200);
      expect((await b.get(path)).status).toBe(200);
      expect((await b.post(path, { consent: 'yes' })).status).toBe(303);
      const again = browser(t, 'someone-else');
      expect((await again.post(path)).status).toBe(404);
      expect(again.cookie).toBe('');

      const late = browser(t, 'late@example.test');
      await late.post('/companion/sign-in', { email: late.email });
      const latePath = linkIn((await outboxFor(t, late.email, 'companion-sign-in')).at(-1)!.text, '/companion/sign-in');
      now += 15 * 60_000 + 1;
      expect((await late.post(latePath, { consent: 'yes' })).status).toBe(404);
      expect(late.cookie).toBe('');
    });

    test('the session cookie is HttpOnly, SameSite=Lax, host-wide, and lasts no longer than the session; signing out ends it', async () => {
      const b = browser(t, 'session@example.test');
      const path = await askForLink(t, b);
      const res = await b.post(path, { consent: 'yes' });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('closer_client='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Secure/); // plain-http development; see the https test below
      // The cookie's lifetime is the session's absolute limit, 12 hours, and no more.
      expect(Number(/Max-Age=(\d+)/.exec(cookie)?.[1])).toBe(12 * 3600);
      const stored = await t.deps.database.db.selectFrom('companion_sessions').select('id_hash').execute();
      expect(stored.some((r) => b.cookie.endsWith(r.id_hash))).toBe(false);
      const signIns = await t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'companion.sign_in').execute();
      expect(signIns.length).toBeGreaterThan(0);
      expect(JSON.stringify(signIns)).not.toContain('@example.test');
      expect((await b.get('/companion/account')).status).toBe(200);

      const out = await signIn(t, 'out@example.test');
      const saved = out.cookie;
      expect((await out.post('/companion/sign-out')).status).toBe(303);
      const replay = browser(t, 'replay');
      replay.cookie = saved;
      expect((await replay.get('/companion/account')).headers.get('location')).toBe('/companion/sign-in?next=%2Fcompanion%2Faccount');
    });

    test('the quick exit of a signed-in page signs out on its way to the weather page', async () => {
      const quick = await signIn(t, 'quick@example.test');
      const saved = quick.cookie;
      expect(await (await quick.get('/companion/account')).text()).toContain('href="/companion/quick-exit"');
      const left = await quick.get('/companion/quick-exit');
      expect(left.status).toBe(303);
      expect(left.headers.get('location')).toBe('https://www.bbc.co.uk/weather');
      const back = browser(t, 'back');
      back.cookie = saved;
      expect((await back.get('/companion/account')).headers.get('location')).toBe('/companion/sign-in?next=%2Fcompanion%2Faccount');
      // Signed out, the pages' quick exit goes straight to the weather page.
      expect(await (await back.get('/companion/sign-in')).text()).toContain('href="https://www.bbc.co.uk/weather"');
    });

    test('a session ends after 30 minutes without use', async () => {
      const idle = await signIn(t, 'idle@example.test');
      now += 29 * MINUTE;
      expect((await idle.get('/companion/account')).status).toBe(200);
      now += 31 * MINUTE;
      const ended = await idle.get('/companion/account');
      expect(ended.status).toBe(303);
      expect(ended.headers.get('location')).toBe('/companion/sign-in?next=%2Fcompanion%2Faccount');
      // The row went with it: coming back sooner does not revive it.
      now -= 2 * MINUTE;
      expect((await idle.get('/companion/account')).status).toBe(303);
    });

    test('using a session keeps it going, but 12 hours after signing in it ends anyway', async () => {
      const busy = await signIn(t, 'busy@example.test');
      const signedInAt = now;
      // Every 25 minutes for almost 12 hours: never idle long enough to end.
      while (now + 25 * MINUTE < signedInAt + 12 * HOUR) {
        now += 25 * MINUTE;
        expect((await busy.get('/companion/account')).status, `${(now - signedInAt) / MINUTE} minutes in`).toBe(200);
      }
      now = signedInAt + 12 * HOUR - MINUTE;
      expect((await busy.get('/companion/account')).status).toBe(200);
      now = signedInAt + 12 * HOUR;
      expect((await busy.get('/companion/account')).status).toBe(303);
      // A new sign-in starts a new 12 hours.
      await resume(t, busy);
      expect((await busy.get('/companion/account')).status).toBe(200);
    });

    test('too many links for one address are throttled (429 with Retry-After), never for good', async () => {
      const b = browser(t, 'many@example.test');
      for (let i = 0; i < 5; i++) expect((await b.post('/companion/sign-in', { email: b.email })).status).toBe(200);
      const refused = await b.post('/companion/sign-in', { email: 'MANY@example.test ' });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await b.post('/companion/sign-in', { email: 'other@example.test' })).status).toBe(200);
      now += 15 * 60_000;
      expect((await b.post('/companion/sign-in', { email: b.email })).status).toBe(200);
    });

    test('bad input is a clear message, and sign-in only ever leads back into the companion', async () => {
      const res = await browser(t, 'x').post('/companion/sign-in', { email: 'not an address' });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('There is a problem');
      expect(html).toContain('href="#f-email"');
      const b = await signIn(t, 'next@example.test', 'https://evil.example/');
      expect(b).toBeTruthy();
      const b2 = browser(t, 'next2@example.test');
      const path = await askForLink(t, b2, '//evil.example');
      expect((await b2.post(path, { consent: 'yes' })).headers.get('location')).toBe('/companion');
    });
  });

  describe('consent, asked for when an account is created', () => {
    const db = () => t.deps.database.db;
    const accountOf = (email: string) =>
      db().selectFrom('companion_clients').selectAll().where('email_index', '=', t.deps.encryptor.blindIndex(email)).executeTakeFirst();

    test('without the box ticked, the form comes back with a message on the box, and nothing is written', async () => {
      const b = browser(t, 'consent-missing@example.test');
      const path = await askForLink(t, b);
      const page = await (await b.get(path)).text();
      expect(page).toContain('Create your companion account');
      expect(page).toMatch(/<input[^>]*id="f-consent"[^>]*type="checkbox"[^>]*name="consent"[^>]*value="yes"/);
      expect(page).not.toMatch(/id="f-consent"[^>]*checked/);
      const sessionsBefore = (await db().selectFrom('companion_sessions').select('id_hash').execute()).length;

      for (const fields of [{}, { consent: 'no' }, { consent: '' }] as Fields[]) {
        const res = await b.post(path, fields);
        expect(res.status, JSON.stringify(fields)).toBe(422);
        const html = await res.text();
        expect(html).toContain('<title>Error: Create your companion account');
        expect(html).toContain('There is a problem');
        expect(html).toContain('href="#f-consent"');
        expect(html).toMatch(/id="f-consent-error"[\s\S]*Tick the box to agree to how we keep what you write/);
        expect(res.headers.getSetCookie().some((c) => c.startsWith('closer_client='))).toBe(false);
      }
      // Extra fields are refused too (a strict form), and write nothing either.
      expect((await b.post(path, { consent: 'yes', consent_version: 'old' })).status).toBe(422);

      expect(await accountOf(b.email)).toBeUndefined();
      expect(b.cookie).toBe('');
      expect(await db().selectFrom('companion_sessions').select('id_hash').execute()).toHaveLength(sessionsBefore);
      const token = await db()
        .selectFrom('companion_login_tokens')
        .select('used_at')
        .where('email_index', '=', t.deps.encryptor.blindIndex(b.email))
        .executeTakeFirstOrThrow();
      expect(token.used_at).toBeNull(); // the link still works: tick the box and go on
      expect((await b.post(path, { consent: 'yes' })).status).toBe(303);
      expect(b.cookie).toMatch(/^closer_client=/);
    });

    test('with the box ticked, the account records the consent wording and when it was given, once', async () => {
      const b = browser(t, 'consent-given@example.test');
      const path = await askForLink(t, b);
      const givenAt = now;
      expect((await b.post(path, { consent: 'yes' })).status).toBe(303);
      const account = (await accountOf(b.email))!;
      expect(account.consent_version).toBe(COMPANION_CONSENT_VERSION);
      expect(Number(account.consent_at)).toBe(givenAt);
      const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'companion.consent').where('target', '=', account.id).execute();
      expect(audit).toHaveLength(1);
      expect(Number(audit[0]!.at)).toBe(givenAt);

      // Their own page and download say so.
      expect(await (await b.get('/companion/account')).text()).toContain('You agreed to how we keep what you write on');
      const data = (await (await b.get('/companion/account/export')).json()) as { account: { consent: { version: string; givenAt: string } } };
      expect(data.account.consent).toEqual({ version: COMPANION_CONSENT_VERSION, givenAt: new Date(givenAt).toISOString() });

      // Signing in again does not ask again, and does not move the time it was given.
      now += MINUTE;
      const again = browser(t, b.email);
      const next = await askForLink(t, again);
      const page = await (await again.get(next)).text();
      expect(page).not.toContain('name="consent"');
      expect(page).toContain('Sign in to the companion');
      expect((await again.post(next)).status).toBe(303);
      expect(Number((await accountOf(b.email))!.consent_at)).toBe(givenAt);
    });

    test('an account made before consent was recorded is asked at its next sign-in', async () => {
      const b = await signIn(t, 'consent-legacy@example.test');
      await db()
        .updateTable('companion_clients')
        .set({ consent_version: null, consent_at: null })
        .where('email_index', '=', t.deps.encryptor.blindIndex(b.email))
        .execute();
      now += MINUTE;
      const path = await askForLink(t, b);
      const page = await (await b.get(path)).text();
      expect(page).toContain('name="consent"');
      expect(page).toContain('Sign in to the companion');
      const cookie = b.cookie;
      expect((await b.post(path, {})).status).toBe(422);
      expect(b.cookie).toBe(cookie);
      expect((await accountOf(b.email))!.consent_version).toBeNull();
      expect((await b.post(path, { consent: 'yes' })).status).toBe(303);
      const account = (await accountOf(b.email))!;
      expect(account.consent_version).toBe(COMPANION_CONSENT_VERSION);
      expect(Number(account.consent_at)).toBe(now);
    });
  });

  describe('two members of a couple', () => {
    let alex: Browser;
    let sam: Browser;
    let circle: string;
    let alexsOwnCircle: string;
    let firstWeek: string;
    let alexPrivatePromise: string;
    let alexNote: string;

    const ALEX_SECRET = 'alex-private-appreciation-7f3a';
    const ALEX_SHARED = 'alex-shared-more-of-walks-91c2';
    const ALEX_HURT = 'alex-private-hurt-words-5d0e';
    const SAM_SECRET = 'sam-private-more-of-22b9';

    beforeAll(async () => {
      now = START;
      alex = await signIn(t, 'alex@example.test');
      circle = await startCircle(alex, 'couple', 'Alex and Sam', 'Alex');
      alexsOwnCircle = await startCircle(alex, 'friends', 'Alex only', 'Alex');
      const invitePath = await invite(t, alex, circle, 'sam@example.test');
      sam = await joinCircle(t, invitePath, 'sam@example.test', 'Sam');
    });

    test('an invitation shows the inviter’s name as theirs; a name that carries a link or an address is left out (L5)', async () => {
      const plain = (await outboxFor(t, 'sam@example.test', 'companion-invite')).at(-1)!;
      expect(plain.text).toContain('Someone who gave their name as "Alex" would like you to join them');
      expect(plain.text).toContain('does not check names');
      const spammer = await signIn(t, 'spammer@example.test');
      const spam = await startCircle(spammer, 'friends', 'Prize', 'Claim your prize at www.win-prize.example');
      await invite(t, spammer, spam, 'target@example.test');
      const mail = (await outboxFor(t, 'target@example.test', 'companion-invite')).at(-1)!;
      expect(mail.text).not.toContain('win-prize');
      expect(mail.text).toContain('Someone would like you to join them');
    });

    test('pending invitations say to whom, to their sender only, and each can be withdrawn alone', async () => {
      const friends = await startCircle(alex, 'friends', 'Walkers', 'Alex');
      const toKim = await invite(t, alex, friends, 'kim@example.test');
      const toLee = await invite(t, alex, friends, 'lee.walk@example.test');
      const page = await (await alex.get(`/companion/circles/${friends}/settings`)).text();
      expect(page).toContain('To kim@example.test, works until');
      expect(page).toContain('To lee.walk@example.test, works until');
      const label = /action="[^"]*\/invite\/([A-Za-z0-9_-]{16})\/cancel"[^>]*>\s*<span>\s*To kim@example\.test/.exec(page)![1]!;
      // Nobody else can withdraw it, nor learn whom it went to.
      const lee = await joinCircle(t, toLee, 'lee.walk@example.test', 'Lee');
      const theirs = await (await lee.get(`/companion/circles/${friends}/settings`)).text();
      expect(theirs).not.toContain('kim@example.test');
      expect(theirs).toContain('Someone else in the circle has an invitation out.');
      await lee.post(`/companion/circles/${friends}/invite/${label}/cancel`, {});
      expect((await t.request(toKim)).status).toBe(200);
      // Its sender can: that link stops working; the page says so.
      const withdrawn = await alex.post(`/companion/circles/${friends}/invite/${label}/cancel`, {});
      expect(await withdrawn.text()).toContain('The invitation is withdrawn');
      expect((await t.request(toKim)).status).toBe(404);
      expect(await (await alex.get(`/companion/circles/${friends}/settings`)).text()).not.toContain('kim@example.test');
      const stored = await t.deps.database.db.selectFrom('companion_invites').select('invitee_sealed').execute();
      expect(JSON.stringify(stored)).not.toContain('@example.test');
    });

    test('nobody can invite their own address (in any letter case)', async () => {
      const before = (await outboxFor(t, 'alex@example.test', 'companion-invite')).length;
      const self = await alex.post(`/companion/circles/${alexsOwnCircle}/invite`, { email: 'Alex@Example.test' });
      expect(self.status).toBe(422);
      expect(await self.text()).toContain('That is your own address');
      expect((await outboxFor(t, 'alex@example.test', 'companion-invite')).length).toBe(before);
    });

    test('an invitation works once, and a couple has room for two', async () => {
      const invitePath = (await outboxFor(t, 'sam@example.test', 'companion-invite')).at(-1)!;
      const stranger = await signIn(t, 'stranger@example.test');
      const reuse = await stranger.post(linkIn(invitePath.text, '/companion/invites'), { displayName: 'Stranger' });
      expect(reuse.status).toBe(404);
      const full = await alex.post(`/companion/circles/${circle}/invite`, { email: 'third@example.test' });
      expect(full.status).toBe(422);
      expect(await full.text()).toContain('no room for anyone else');
    });

    test('answers are private until both have answered; then only what was shared appears, side by side', async () => {
      expect(
        (
          await answer(
            alex,
            circle,
            checkIn([4, 2, 3], {
              appreciation: ALEX_SECRET,
              moreOf: ALEX_SHARED,
              hurt: 'yes',
              hurtWords: ALEX_HURT,
              share: ['cognitive', 'moreOf'],
            }),
          )
        ).status,
      ).toBe(303);
      const row = await t.deps.database.db.selectFrom('companion_weeks').select('id').where('circle_id', '=', circle).executeTakeFirstOrThrow();
      firstWeek = row.id;

      // Before Sam answers, Sam sees nothing of Alex's, anywhere.
      for (const path of ['', '/check-in', `/weeks/${firstWeek}`, '/trends']) {
        const html = await (await sam.get(`/companion/circles/${circle}${path}`)).text();
        for (const s of [ALEX_SECRET, ALEX_SHARED, ALEX_HURT]) expect(html).not.toContain(s);
      }
      const waiting = await (await sam.get(`/companion/circles/${circle}/weeks/${firstWeek}`)).text();
      expect(waiting).toContain('1 of 2 have answered');

      const done = await answer(sam, circle, checkIn([5, 4, 4], { moreOf: SAM_SECRET, share: ['cognitive', 'experiential', 'emotional'] }));
      expect(done.status).toBe(303);
      expect(done.headers.get('location')).toBe(`/companion/circles/${circle}/weeks/${firstWeek}`);

      const seenBySam = await (await sam.get(`/companion/circles/${circle}/weeks/${firstWeek}`)).text();
      expect(seenBySam).toContain(ALEX_SHARED);
      expect(seenBySam).toContain('4 of 5');
      for (const s of [ALEX_SECRET, ALEX_HURT]) expect(seenBySam).not.toContain(s);
      expect(seenBySam).not.toContain(SAM_SECRET.replace('sam', 'alex'));
      const seenByAlex = await (await alex.get(`/companion/circles/${circle}/weeks/${firstWeek}`)).text();
      expect(seenByAlex).not.toContain(SAM_SECRET);
      expect(seenByAlex).toContain(ALEX_SECRET); // your own answers, whole, marked private
      expect(seenByAlex).toContain('Only you can see this');

      // Revealed answers can no longer be changed.
      const late = await alex.post(`/companion/circles/${circle}/check-in`, { weekStart: String(Date.UTC(2026, 4, 31, 18)), ...checkIn([1, 1, 1]) });
      expect(late.status).toBe(422);
    });

    test('a bad check-in is refused with a message per field and writes nothing', async () => {
      now = SECOND_WEEK + HOUR;
      await resume(t, alex, sam); // days later: their sessions from Wednesday have ended
      const before = await t.deps.database.db.selectFrom('companion_answers').select('id').execute();
      const res = await sam.post(`/companion/circles/${circle}/check-in`, {
        weekStart: await weekStartOf(sam, circle),
        cognitive: '9',
        hurt: 'maybe',
        clientId: 'alex',
      });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('There is a problem');
      expect(html).toContain('href="#f-cognitive"');
      expect(await t.deps.database.db.selectFrom('companion_answers').select('id').execute()).toHaveLength(before.length);
    });

    test('the first check-in of the month asks couples the CSI-4 and scores it for the member alone', async () => {
      const form = await (await alex.get(`/companion/circles/${circle}/check-in`)).text();
      expect(form).toContain('Couples Satisfaction Index');
      const res = await answer(alex, circle, checkIn([2, 2, 2], { csi1: '2', csi2: '3', csi3: '2', csi4: '3', hurt: 'yes' }));
      expect(res.status).toBe(303);
      const own = await (await alex.get(`/companion/circles/${circle}/trends`)).text();
      expect(own).toContain('cut-off 13.5');
      const week2 = await t.deps.database.db
        .selectFrom('companion_weeks')
        .select('id')
        .where('circle_id', '=', circle)
        .where('with_csi', '=', 1)
        .executeTakeFirstOrThrow();
      // The week ends unanswered by Sam; both sign in again afterwards.
      now = SECOND_WEEK + WEEK + HOUR;
      await resume(t, alex, sam);
      const samView = await (await sam.get(`/companion/circles/${circle}/weeks/${week2.id}`)).text();
      expect(samView).not.toContain('10 of 21');
      expect(samView).toContain('Not shared');
    });

    test('promises: shared ones are seen by both, private ones by their maker only; only the maker marks them', async () => {
      await alex.post(`/companion/circles/${circle}/promises`, { text: 'alex-private-promise-to-self', dueOn: '', visibility: 'me' });
      await alex.post(`/companion/circles/${circle}/promises`, { text: 'I will cook on Thursday', dueOn: '2026-06-18', visibility: 'circle' });
      const rows = await t.deps.database.db.selectFrom('companion_promises').select(['id', 'shared']).where('circle_id', '=', circle).execute();
      alexPrivatePromise = rows.find((r) => r.shared === 0)!.id;
      const shared = rows.find((r) => r.shared === 1)!.id;
      const samSees = await (await sam.get(`/companion/circles/${circle}/promises`)).text();
      expect(samSees).toContain('I will cook on Thursday');
      expect(samSees).not.toContain('alex-private-promise-to-self');
      expect((await sam.post(`/companion/circles/${circle}/promises/${shared}`, { status: 'kept' })).status).toBe(404);
      expect((await alex.post(`/companion/circles/${circle}/promises/${shared}`, { status: 'kept' })).status).toBe(303);
      const alexSees = await (await alex.get(`/companion/circles/${circle}/promises`)).text();
      expect(alexSees).toContain('alex-private-promise-to-self');
      expect(alexSees).toMatch(/made 2 promises here and kept 1/);
    });

    test('the appreciation jar is for the whole circle; only the author takes a note out', async () => {
      await alex.post(`/companion/circles/${circle}/jar`, { text: 'Thank you for the walk on Sunday' });
      alexNote = (await t.deps.database.db.selectFrom('companion_notes').select('id').where('circle_id', '=', circle).executeTakeFirstOrThrow()).id;
      expect(await (await sam.get(`/companion/circles/${circle}/jar`)).text()).toContain('Thank you for the walk on Sunday');
      expect((await sam.post(`/companion/circles/${circle}/jar/${alexNote}/delete`)).status).toBe(404);
    });

    test("Sam gets a 404 for anything of Alex's that is not shared, through every route", async () => {
      await answer(alex, alexsOwnCircle, checkIn([3, 3, 3], { appreciation: 'alex-own-circle-secret' }));
      const ownWeek = (await t.deps.database.db.selectFrom('companion_weeks').select('id').where('circle_id', '=', alexsOwnCircle).executeTakeFirstOrThrow())
        .id;
      const ownNote = await alex.post(`/companion/circles/${alexsOwnCircle}/jar`, { text: 'alex-own-note' });
      expect(ownNote.status).toBe(303);
      const ownPromiseRes = await alex.post(`/companion/circles/${alexsOwnCircle}/promises`, { text: 'alex-own-promise', visibility: 'circle' });
      expect(ownPromiseRes.status).toBe(303);
      const ownPromise = (
        await t.deps.database.db.selectFrom('companion_promises').select('id').where('circle_id', '=', alexsOwnCircle).executeTakeFirstOrThrow()
      ).id;
      const ownNoteId = (await t.deps.database.db.selectFrom('companion_notes').select('id').where('circle_id', '=', alexsOwnCircle).executeTakeFirstOrThrow())
        .id;

      const fill = (path: string, ids: Record<string, string>) => path.replace(/:(\w+)/g, (_, k: string) => ids[k] ?? 'missing');
      const memberRoutes = COMPANION_ROUTES.filter((r) => r.access === 'member');
      expect(memberRoutes.length).toBeGreaterThan(15);
      const secrets = ['alex-own-circle-secret', 'alex-own-note', 'alex-own-promise', 'Alex only', ALEX_SECRET, ALEX_HURT, 'alex-private-promise-to-self'];
      const fields = {
        text: 'x',
        status: 'kept',
        email: 'y@example.test',
        weekday: '1',
        time: '10:00',
        timeZone: 'UTC',
        visibility: 'me',
        ...checkIn([1, 1, 1]),
      };
      // Alex's own circle: every member route is a 404 for Sam, reading and writing.
      for (const route of memberRoutes) {
        const path = `/companion${fill(route.path, { circleId: alexsOwnCircle, weekId: ownWeek, promiseId: ownPromise, noteId: ownNoteId, exerciseId: 'open-conversations' })}`;
        const res = route.method === 'GET' ? await sam.get(path) : await sam.post(path, fields);
        expect(res.status, `${route.method} ${path}`).toBe(404);
        const html = await res.text();
        for (const s of secrets) expect(html, `${route.method} ${path}`).not.toContain(s);
      }
      // Signed out, every member route leads to the sign-in page and shows nothing.
      const anonymous = browser(t, 'anonymous');
      for (const route of memberRoutes) {
        const path = `/companion${fill(route.path, { circleId: alexsOwnCircle, weekId: ownWeek, promiseId: ownPromise, noteId: ownNoteId, exerciseId: 'open-conversations' })}`;
        const res = route.method === 'GET' ? await anonymous.get(path) : await anonymous.post(path, fields);
        expect(res.status, `${route.method} ${path}`).toBe(303);
        expect(res.headers.get('location'), path).toMatch(/^\/companion\/sign-in/);
      }
      // Their shared circle: Alex's private promise and another circle's week are not found either.
      expect((await sam.post(`/companion/circles/${circle}/promises/${alexPrivatePromise}`, { status: 'kept' })).status).toBe(404);
      expect((await sam.post(`/companion/circles/${circle}/promises/${alexPrivatePromise}/delete`)).status).toBe(404);
      expect((await sam.get(`/companion/circles/${circle}/weeks/${ownWeek}`)).status).toBe(404);
      // And every page Sam can open in the shared circle leaves out what Alex did not share.
      for (const route of memberRoutes.filter((r) => r.method === 'GET')) {
        const path = `/companion${fill(route.path, { circleId: circle, weekId: firstWeek, exerciseId: 'self-compassion' })}`;
        const res = await sam.get(path);
        expect(res.status, path).toBe(200);
        const html = await res.text();
        for (const s of secrets) expect(html, path).not.toContain(s);
      }
      for (const path of ['/companion', '/companion/account', '/companion/account/export']) {
        const text = await (await sam.get(path)).text();
        for (const s of secrets) expect(text, path).not.toContain(s);
      }
      // Nothing from Alex's side ever went into Sam's e-mail either.
      for (const m of await outboxFor(t, 'sam@example.test', 'companion-invite')) for (const s of secrets) expect(m.text).not.toContain(s);
    });

    test('every companion page is private: no-store, no referrer, not indexed, with urgent help and a quick exit where feelings come up', async () => {
      for (const route of COMPANION_ROUTES.filter((r) => r.method === 'GET' && r.access !== 'public')) {
        const path = `/companion${route.path.replace(':circleId', circle).replace(':weekId', firstWeek).replace(':exerciseId', 'presence-plan')}`;
        const res = await alex.get(path);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('cache-control'), path).toBe('no-store');
        if (route.path.includes('export')) continue;
        expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
        expect(res.headers.get('x-robots-tag'), path).toContain('noindex');
        const html = await res.text();
        expect(html, path).toContain('data-quick-exit');
        expect(html, path).toContain('href="/companion/quick-exit"'); // signed in: it signs out on the way to the weather page
        if (route.access === 'member') {
          for (const n of ['999', '116 123', '0808 2000 247']) expect(html, path).toContain(n);
          expect(html, path).toContain('If someone close to you frightens or controls you');
        }
      }
      for (const path of ['/companion', '/companion/sign-in']) {
        expect((await browser(t, 'anon').get(path)).headers.get('cache-control')).toBe('no-store');
      }
    });

    test('trends are SVG charts with a table, own answers for oneself and shared ones for both', async () => {
      const html = await (await sam.get(`/companion/circles/${circle}/trends`)).text();
      expect(html).toContain('<svg class="chart__svg"');
      expect(html).toContain('<table class="data-table">');
      expect(html).toMatch(/Shared answers, week by week: feeling understood/);
      // Alex shared cognitive closeness only: Sam's table shows it, and "Not shared" for the rest.
      expect(html).toContain('Not shared');
    });
  });

  describe('the support rule, seen only by the member it is about', () => {
    test('low answers three weeks running suggest support to that member alone, with the reason and a way into matching', async () => {
      now = Date.UTC(2026, 6, 1, 12);
      const jo = await signIn(t, 'jo@example.test');
      const circle = await startCircle(jo, 'family', 'The Smiths', 'Jo');
      const kim = await joinCircle(t, await invite(t, jo, circle, 'kim@example.test'), 'kim@example.test', 'Kim');
      for (let week = 0; week < 3; week++) {
        expect((await answer(jo, circle, checkIn([1, 2, 2], { hurt: 'yes' }))).status).toBe(303);
        expect((await answer(kim, circle, checkIn([5, 5, 4]))).status).toBe(303);
        if (week === 1) {
          const afterTwo = await (await jo.get(`/companion/circles/${circle}`)).text();
          expect(afterTwo).toContain('It may be time to talk to someone'); // hurt twice running
          expect(afterTwo).toContain('each of your last two check-ins');
        }
        if (week < 2) {
          now += 6 * DAY; // into the next check-in week (Wednesday, Tuesday, Monday)
          await resume(t, jo, kim);
        }
      }
      const jos = await (await jo.get(`/companion/circles/${circle}`)).text();
      expect(jos).toContain('It may be time to talk to someone');
      expect(jos).toContain('low each time');
      expect(jos).toContain('Only you can see this');
      expect(jos).toContain('When something has hurt');
      expect(jos).toMatch(/<form method="post" action="\/match"/);
      expect(jos).toContain('name="relationship" value="family"');
      expect(jos).toContain('name="concerns" value="family-conflict"');
      for (const path of ['', '/check-in', '/trends', '/exercises']) {
        const kims = await (await kim.get(`/companion/circles/${circle}${path}`)).text();
        expect(kims).not.toContain('It may be time to talk to someone');
        expect(kims).not.toContain('When something has hurt');
      }
      // Nobody is told by e-mail either: the only mail about the check-ins says that someone answered, or
      // that answers can be seen, and nothing else.
      const mail = await readOutbox(t);
      const notices = ['companion-partner-answered', 'companion-answers-revealed'];
      expect(new Set(mail.map((m) => m.kind).filter((k) => !notices.includes(k)))).toEqual(new Set(['companion-sign-in', 'companion-invite']));
      for (const m of mail.filter((x) => notices.includes(x.kind))) expect(m.text).not.toMatch(/talk to someone|hurt|support/i);
      // Exercises follow what Jo's check-ins show.
      const exercises = await (await jo.get(`/companion/circles/${circle}/exercises`)).text();
      expect(exercises.indexOf('Self-compassion after hurt')).toBeLessThan(exercises.indexOf('All exercises'));
    });
  });

  describe('reminders', () => {
    test('each member who has not answered gets one reminder per week, however many processes run the job', async () => {
      now = Date.UTC(2026, 7, 5, 12); // Wednesday 5 August
      const lee = await signIn(t, 'lee@example.test');
      const circle = await startCircle(lee, 'couple', 'Lee and Max', 'Lee');
      await joinCircle(t, await invite(t, lee, circle, 'max@example.test'), 'max@example.test', 'Max');
      const opens = Date.UTC(2026, 7, 9, 18); // Sunday 9 August 19:00 BST
      now = opens - 60_000;
      expect(await sendCheckInReminders(t.deps, now)).toBe(0);
      const reminders = async (to: string) => (await outboxFor(t, to, 'companion-reminder')).length;
      expect(await reminders('lee@example.test')).toBe(0);

      now = opens + 5 * 60_000;
      await resume(t, lee);
      expect((await answer(lee, circle, checkIn([4, 4, 4]))).status).toBe(303); // Lee answers before the job runs: no reminder for Lee
      const runs = await Promise.all([sendCheckInReminders(t.deps, now), sendCheckInReminders(t.deps, now), sendCheckInReminders(t.deps, now)]);
      expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
      expect(await reminders('max@example.test')).toBe(1);
      expect(await reminders('lee@example.test')).toBe(0);
      now += HOUR;
      await sendCheckInReminders(t.deps, now);
      expect(await reminders('max@example.test')).toBe(1);

      const mail = (await outboxFor(t, 'max@example.test', 'companion-reminder'))[0]!;
      expect(mail.subject).toBe('Your weekly check-in is open');
      expect(mail.text).toContain(`${ORIGIN}/companion/sign-in/`);
      expect(mail.text).not.toContain('Lee and Max');

      // The next week, both get one again.
      now = opens + WEEK + 60_000;
      await sendCheckInReminders(t.deps, now);
      expect(await reminders('max@example.test')).toBe(2);
      expect(await reminders('lee@example.test')).toBe(1);
    });

    test('reminders reach a real SMTP server through the outbox worker', async () => {
      const inbox = await startInbox();
      try {
        const pending = await t.deps.database.db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute();
        // These were written over several simulated weeks; mail more than a day overdue is held for an admin
        // (undelivered-mail.test.ts), so make them due now, as if each had just been written.
        await t.deps.database.db.updateTable('outbox').set({ next_attempt_at: now }).where('status', '=', 'pending').execute();
        const transport = createTransport(inbox.url);
        let sent = 0;
        for (let i = 0; i < 20 && sent < pending.length; i++) sent += (await drainOutbox(t.deps, transport, 50)).sent;
        transport.close();
        const to = (m: (typeof inbox.messages)[number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text ?? '';
        const reminders = inbox.messages.filter((m) => m.subject === 'Your weekly check-in is open' && /^(lee|max)@/.test(to(m)));
        expect(reminders.map(to).sort()).toEqual(['lee@example.test', 'max@example.test', 'max@example.test']);
        expect(reminders[0]!.text).toMatch(/\/companion\/sign-in\/[A-Za-z0-9_-]{43}/);
      } finally {
        await inbox.close();
      }
    });
  });

  describe('leaving, export and erasure', () => {
    test('a member downloads everything they wrote, and only that', async () => {
      now = Date.UTC(2026, 8, 2, 12);
      const ana = await signIn(t, 'ana@example.test');
      const circle = await startCircle(ana, 'friends', 'Book club', 'Ana');
      const ben = await joinCircle(t, await invite(t, ana, circle, 'ben@example.test'), 'ben@example.test', 'Ben');
      await answer(ana, circle, checkIn([3, 4, 5], { appreciation: 'ana-export-marker' }));
      await answer(ben, circle, checkIn([3, 4, 5], { appreciation: 'ben-export-marker', share: ['appreciation'] }));
      const res = await ana.get('/companion/account/export');
      expect(res.headers.get('content-disposition')).toContain('attachment');
      const data = (await res.json()) as { account: { email: string }; circles: unknown[]; checkIns: { answer: { appreciation: string } }[] };
      expect(data.account.email).toBe('ana@example.test');
      expect(data.checkIns.map((c) => c.answer.appreciation)).toEqual(['ana-export-marker']);
      expect(JSON.stringify(data)).not.toContain('ben-export-marker');
      const audit = await t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'companion.export').execute();
      expect(audit.length).toBeGreaterThan(0);
      expect(JSON.stringify(audit)).not.toContain('ana@example.test');
    });

    test('leaving a circle deletes what one wrote there; deleting an account erases everything and empties circles', async () => {
      const cat = await signIn(t, 'cat@example.test');
      const circle = await startCircle(cat, 'friends', 'Walkers', 'Cat');
      const dev = await joinCircle(t, await invite(t, cat, circle, 'dev@example.test'), 'dev@example.test', 'Dev');
      await answer(dev, circle, checkIn([2, 2, 2], { appreciation: 'dev-leaving-marker' }));
      await dev.post(`/companion/circles/${circle}/jar`, { text: 'dev-note' });
      const leave = await dev.post(`/companion/circles/${circle}/leave`);
      expect(leave.headers.get('location')).toBe('/companion?left=1');
      expect((await dev.get(`/companion/circles/${circle}`)).status).toBe(404);
      const db = t.deps.database.db;
      const devId = (await db.selectFrom('companion_members').select('client_id').where('circle_id', '=', circle).execute()).map((r) => r.client_id);
      expect(devId).toHaveLength(1);
      expect(await db.selectFrom('companion_notes').select('id').where('circle_id', '=', circle).execute()).toHaveLength(0);

      await answer(cat, circle, checkIn([4, 4, 4]));
      // Cat has sign-in links (one used, one not yet) and companion mail addressed to them, sent and waiting;
      // and a message from the practice that is not the companion's.
      await askForLink(t, cat);
      await enqueueMail(db, { kind: 'booking-confirmation', to: cat.email, subject: 'Appointment', text: 'cat-booking-mail' }, now, t.deps.encryptor);
      const catIndex = t.deps.encryptor.blindIndex(cat.email);
      const mailTo = async (to: string) => (await readOutbox(t, { to })).map((r) => r.kind);
      await db.updateTable('outbox').set({ status: 'sent', sent_at: now }).where('kind', '=', 'companion-sign-in').execute();
      await enqueueMail(db, { kind: 'companion-reminder', to: cat.email, subject: 'Your weekly check-in is open', text: 'x' }, now, t.deps.encryptor);
      expect(await db.selectFrom('companion_login_tokens').select('token_hash').where('email_index', '=', catIndex).execute()).toHaveLength(2);
      expect((await mailTo(cat.email)).filter((k) => k.startsWith('companion-')).length).toBeGreaterThanOrEqual(3);
      const devsMail = (await mailTo('dev@example.test')).length;
      expect(devsMail).toBeGreaterThan(0);

      const refused = await cat.post('/companion/account/delete', {});
      expect(refused.status).toBe(422);
      const gone = await cat.post('/companion/account/delete', { confirm: 'yes' });
      expect(gone.status).toBe(200);
      expect(await gone.text()).toContain('Your account has been deleted');
      // Their sign-in links and the companion's mail to them are gone; other mail, and mail to others, stays.
      expect(await db.selectFrom('companion_login_tokens').select('token_hash').where('email_index', '=', catIndex).execute()).toHaveLength(0);
      expect(await mailTo(cat.email)).toEqual(['booking-confirmation']);
      expect(await mailTo('dev@example.test')).toHaveLength(devsMail);
      expect(await db.selectFrom('companion_clients').select('id').where('email_index', '=', catIndex).execute()).toHaveLength(0);
      expect(await db.selectFrom('companion_circles').select('id').where('id', '=', circle).execute()).toHaveLength(0);
      expect(await db.selectFrom('companion_answers').select('id').where('circle_id', '=', circle).execute()).toHaveLength(0);
      expect((await cat.get('/companion/account')).status).toBe(303);
      const erasure = await db.selectFrom('audit_log').selectAll().where('action', '=', 'companion.erasure').execute();
      expect(erasure).toHaveLength(1);
      expect(erasure[0]!.actor).toMatch(/^companion-client:[0-9a-f-]{36}$/);
    });
  });

  test('random form input never causes a server error', async () => {
    now = Date.UTC(2026, 9, 7, 12);
    const eve = await signIn(t, 'eve@example.test');
    const circle = await startCircle(eve, 'couple', 'Fuzz', 'Eve');
    const posts = COMPANION_ROUTES.filter(
      (r) => r.method === 'POST' && !r.path.includes('delete') && !r.path.includes('leave') && !r.path.includes('sign-out'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...posts),
        fc.dictionary(
          fc.constantFrom(
            'email',
            'kind',
            'name',
            'displayName',
            'weekday',
            'time',
            'timeZone',
            'cognitive',
            'hurt',
            'share',
            'weekStart',
            'text',
            'visibility',
            'dueOn',
            'status',
            'csi1',
            'next',
            'zzz',
          ),
          fc.oneof(fc.string(), fc.constantFrom('1', '5', 'yes', '2026-02-30', 'couple', '', '99999999999999999999')),
        ),
        async (route, fields) => {
          const path = `/companion${route.path.replace(':circleId', circle).replace(/:(\w+)/g, 'x')}`;
          const res = await eve.post(path, fields);
          expect(res.status, path).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('housekeeping removes ended sessions and used-up links, never anything anyone wrote', async () => {
    const db = t.deps.database.db;
    const answers = (await db.selectFrom('companion_answers').select('id').execute()).length;
    expect(answers).toBeGreaterThan(0);
    expect(await pruneCompanion(t.deps, now + 60 * DAY)).toBeGreaterThan(0);
    expect(await db.selectFrom('companion_sessions').select('id_hash').execute()).toHaveLength(0);
    expect(await db.selectFrom('companion_login_tokens').select('token_hash').execute()).toHaveLength(0);
    expect(await db.selectFrom('companion_answers').select('id').execute()).toHaveLength(answers);
  });

  test('an account nobody has signed in to for a year is erased with what its holder wrote; others stay', async () => {
    const db = t.deps.database.db;
    const idle = await signIn(t, 'idle-year@example.test');
    const active = await signIn(t, 'active-year@example.test');
    const idleCircle = await startCircle(idle, 'friends', 'Quiet', 'Ida');
    const activeCircle = await startCircle(active, 'friends', 'Busy', 'Ava');
    expect((await answer(idle, idleCircle, checkIn([3, 3, 3]))).status).toBeLessThan(400);
    expect((await answer(active, activeCircle, checkIn([4, 4, 4]))).status).toBeLessThan(400);
    const idOf = async (email: string) =>
      (await db.selectFrom('companion_clients').select('id').where('email_index', '=', t.deps.encryptor.blindIndex(email)).executeTakeFirstOrThrow()).id;
    const [idleId, activeId] = [await idOf('idle-year@example.test'), await idOf('active-year@example.test')];
    await db
      .updateTable('companion_clients')
      .set({ last_sign_in_at: now - 366 * DAY })
      .where('id', '=', idleId)
      .execute();
    await db
      .updateTable('companion_clients')
      .set({ last_sign_in_at: now - 300 * DAY })
      .where('id', '=', activeId)
      .execute();

    expect(await pruneCompanion(t.deps, now)).toBeGreaterThan(0);
    expect(await db.selectFrom('companion_clients').select('id').where('id', '=', idleId).execute()).toHaveLength(0);
    expect(await db.selectFrom('companion_answers').select('id').where('client_id', '=', idleId).execute()).toHaveLength(0);
    expect(await db.selectFrom('companion_circles').select('id').where('id', '=', idleCircle).execute()).toHaveLength(0);
    expect(await db.selectFrom('companion_clients').select('id').where('id', '=', activeId).execute()).toHaveLength(1);
    expect(await db.selectFrom('companion_answers').select('id').where('client_id', '=', activeId).execute()).toHaveLength(1);
  });

  test('the raw database holds no plaintext of what anyone wrote', async () => {
    const markers = [
      'alex-private-appreciation-7f3a',
      'alex-shared-more-of-walks-91c2',
      'alex-private-hurt-words-5d0e',
      'I will cook on Thursday',
      'Thank you for the walk',
      'Alex and Sam',
      'alex@example.test',
      'ana-export-marker',
    ];
    let raw = '';
    if (dialect === 'sqlite') {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.deps.database.db);
      const dir = t.testDb.dataDir;
      for (const f of readdirSync(dir).filter((f) => f.startsWith('closer.sqlite'))) raw += readFileSync(join(dir, f)).toString('latin1');
    } else {
      const tables = [
        'companion_clients',
        'companion_login_tokens',
        'companion_circles',
        'companion_members',
        'companion_weeks',
        'companion_answers',
        'companion_promises',
        'companion_notes',
        'outbox',
        'rate_limits',
        'audit_log',
      ];
      for (const table of tables) raw += JSON.stringify((await sql`select * from ${sql.table(table)}`.execute(t.deps.database.db)).rows);
    }
    expect(raw.length).toBeGreaterThan(1000);
    for (const m of markers) expect(raw, m).not.toContain(m);
  });
});

describe('the session cookie over https', () => {
  test('is __Host-closer_client and Secure when the public address is https', async () => {
    const t = await startTestApp('sqlite', { env: { PUBLIC_URL: 'https://closer.example' } });
    try {
      const b = browser(t, 'https@example.test');
      await b.post('/companion/sign-in', { email: b.email });
      const text = (await readOutbox(t, 'companion-sign-in'))[0]!.text;
      const path = /https:\/\/closer\.example(\/companion\/sign-in\/[A-Za-z0-9_-]+)/.exec(text)![1]!;
      const res = await b.post(path, { consent: 'yes' });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-closer_client='));
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/; Max-Age=43200(;|$)/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).not.toMatch(/Domain=/);
    } finally {
      await t.stop();
    }
  });
});
