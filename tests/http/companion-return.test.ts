// A companion people keep coming back to: the weekly reminder signs in and lands on the check-in, "remember
// me on this device", drafts kept while answering (also across an ended sign-in), and the e-mails that say
// a partner answered or the answers are revealed (once each, with no content).
import { describe, expect, test } from 'vitest';
import { sendCheckInReminders } from '../../src/usecases/companion/reminders.ts';
import { ORIGIN, useTestApp } from '../support/app.ts';
import {
  answerCheckIn,
  askForSignInLink,
  type ClientBrowser,
  checkInFields,
  clientBrowser,
  DAY,
  HOUR,
  inviteTo,
  joinCircle,
  MINUTE,
  NEXT_CHECK_IN as OPENS,
  COMPANION_START as START,
  signInClient,
  startCircle,
  WEEK,
  weekStartOf,
} from '../support/companion.ts';
import { DIALECTS } from '../support/databases.ts';
import { linkIn, readOutbox } from '../support/outbox.ts';

const NOTICES = ['companion-partner-answered', 'companion-answers-revealed'];

describe.each(DIALECTS)('coming back to the companion on %s', (dialect) => {
  let now = START;
  const clock = { now: () => now };
  const t = useTestApp(dialect, { clock });

  /** A couple's circle of two fresh addresses, both signed in. */
  async function couple(tag: string): Promise<{ a: ClientBrowser; b: ClientBrowser; circle: string }> {
    const a = await signInClient(t, `${tag}-a@example.test`);
    const circle = await startCircle(a, 'couple', `Secret circle ${tag}`, 'Ash');
    const b = await joinCircle(t, await inviteTo(t, a, circle, `${tag}-b@example.test`), `${tag}-b@example.test`, 'Bo');
    return { a, b, circle };
  }

  const mailTo = (to: string, kind: string) => readOutbox(t, { kind, to });

  describe('the weekly reminder', () => {
    test('carries a single-use sign-in link, stored hashed, that lands on this week’s check-in and works until the check-in closes', async () => {
      now = START;
      const { a, b, circle } = await couple('remind');
      now = OPENS + 5 * MINUTE;
      expect(await sendCheckInReminders(t.deps, now)).toBeGreaterThanOrEqual(2);
      const mail = (await mailTo(b.email, 'companion-reminder')).at(-1)!;
      const path = linkIn(mail.text, '/companion/sign-in');
      const token = path.split('/').at(-1)!;
      expect(token.length).toBeGreaterThanOrEqual(43);
      expect(mail.text).not.toContain(circle);
      expect(mail.text).not.toContain('Secret circle');
      const stored = await t.deps.database.db.selectFrom('companion_login_tokens').select(['token_hash', 'expires_at']).execute();
      expect(stored.some((r) => r.token_hash === token)).toBe(false);

      // A new device, signed out: the link opens a page with a button (mail scanners do not use it up).
      const phone = clientBrowser(t, b.email);
      expect((await phone.get(path)).status).toBe(200);
      const signedIn = await phone.post(path, {});
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get('location')).toBe(`/companion/circles/${circle}/check-in`);
      const page = await phone.get(`/companion/circles/${circle}/check-in`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('name="weekStart"');

      // Once only.
      const again = clientBrowser(t, b.email);
      expect((await again.post(path, {})).status).toBe(404);
      expect(again.cookie).toBe('');

      // Ash's link, unused, still works days later, but not once the check-in has closed (a week at most).
      const ashPath = linkIn((await mailTo(a.email, 'companion-reminder')).at(-1)!.text, '/companion/sign-in');
      now = OPENS + 6 * DAY;
      expect((await clientBrowser(t, a.email).get(ashPath)).status).toBe(200);
      now = OPENS + WEEK + MINUTE;
      const late = clientBrowser(t, a.email);
      expect((await late.post(ashPath, {})).status).toBe(404);
      expect(late.cookie).toBe('');
    });
  });

  describe('remember me on this device', () => {
    const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('closer_client='))!;

    test('is offered unticked and explained for shared devices; ticked, the cookie and the sign-in last 30 days, used or not', async () => {
      now = START;
      const b = clientBrowser(t, 'keep@example.test');
      const path = await askForSignInLink(t, b);
      const html = await (await b.get(path)).text();
      expect(html).toContain('Keep me signed in on this device for 30 days');
      expect(html).toMatch(/name="remember" value="yes"(?![^>]*checked)/);
      expect(html).toContain('shared or borrowed');
      const res = await b.post(path, { consent: 'yes', remember: 'yes' });
      expect(res.status).toBe(303);
      expect(Number(/Max-Age=(\d+)/.exec(cookieOf(res))?.[1])).toBe(30 * 24 * 3600);
      const signedInAt = now;
      now += 3 * HOUR; // idle far longer than 30 minutes
      expect((await b.get('/companion/account')).status).toBe(200);
      now = signedInAt + 29 * DAY;
      expect((await b.get('/companion/account')).status).toBe(200);
      now = signedInAt + 30 * DAY + MINUTE;
      expect((await b.get('/companion/account')).status).toBe(303);
    });

    test('unticked, the usual limits hold; signing out ends a remembered sign-in at once', async () => {
      now = START;
      const plain = clientBrowser(t, 'plain@example.test');
      const res = await plain.post(await askForSignInLink(t, plain), { consent: 'yes' });
      expect(Number(/Max-Age=(\d+)/.exec(cookieOf(res))?.[1])).toBe(12 * 3600);
      now += 31 * MINUTE;
      expect((await plain.get('/companion/account')).status).toBe(303);

      const kept = clientBrowser(t, 'kept@example.test');
      await kept.post(await askForSignInLink(t, kept), { consent: 'yes', remember: 'yes' });
      const cookie = kept.cookie;
      const remembered = async () => (await t.deps.database.db.selectFrom('companion_sessions').select('id_hash').where('remembered', '=', 1).execute()).length;
      const before = await remembered();
      const out = await kept.post('/companion/sign-out');
      expect(out.status).toBe(303);
      expect(cookieOf(out)).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
      kept.cookie = cookie; // the old cookie, kept by someone: it no longer signs in
      expect((await kept.get('/companion/account')).status).toBe(303);
      expect(await remembered()).toBe(before - 1);
    });
  });

  describe('drafts', () => {
    test('“Save and finish later” keeps what was written, sealed, and the page shows it again; saving the answer ends the draft', async () => {
      now = START;
      const { a, b, circle } = await couple('draft');
      const weekStart = await weekStartOf(a, circle);
      const kept = await a.post(`/companion/circles/${circle}/check-in/draft`, {
        weekStart,
        cognitive: '4',
        appreciation: 'draft-words-about-the-walk',
        hurt: 'no',
        share: ['cognitive'],
      });
      expect(kept.status).toBe(303);
      expect(kept.headers.get('location')).toBe(`/companion/circles/${circle}/check-in?kept=1`);
      const html = await (await a.get(`/companion/circles/${circle}/check-in?kept=1`)).text();
      expect(html).toContain('Kept for later');
      expect(html).toContain('draft-words-about-the-walk');
      expect(html).toMatch(/name="cognitive" value="4" checked/);
      expect(html).toMatch(/name="share" value="cognitive" checked/);
      expect(await (await a.get(`/companion/circles/${circle}`)).text()).toContain('Finish this week&#39;s check-in');
      const rows = await t.deps.database.db.selectFrom('companion_drafts').selectAll().execute();
      expect(rows.length).toBe(1);
      expect(rows[0]!.body_sealed).not.toContain('draft-words');
      // It is the member's own, so it is in their copy of their data.
      const copy = (await (await a.get('/companion/account/export')).json()) as { checkInDrafts: { fields: { appreciation?: string } }[] };
      expect(copy.checkInDrafts.map((d) => d.fields.appreciation)).toEqual(['draft-words-about-the-walk']);

      // The page's script keeps it as the person goes: 204, nothing else.
      const auto = await t.request(`/companion/circles/${circle}/check-in/draft`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', origin: ORIGIN, cookie: a.cookie },
        body: new URLSearchParams({ weekStart, cognitive: '5', appreciation: 'draft-words-updated' }).toString(),
      });
      expect(auto.status).toBe(204);
      expect(await (await a.get(`/companion/circles/${circle}/check-in`)).text()).toContain('draft-words-updated');
      // Nothing of it reaches the other member, nor tells them anything.
      for (const path of ['', '/check-in']) expect(await (await b.get(`/companion/circles/${circle}${path}`)).text()).not.toContain('draft-words');
      expect((await mailTo(b.email, 'companion-partner-answered')).length).toBe(0);

      expect((await answerCheckIn(a, circle, checkInFields([5, 4, 4], { appreciation: 'final' }))).status).toBe(303);
      expect((await t.deps.database.db.selectFrom('companion_drafts').selectAll().execute()).length).toBe(0);
      expect(await (await a.get(`/companion/circles/${circle}/check-in`)).text()).not.toContain('draft-words-updated');
    });

    test('what was kept before a sign-in ended is there after signing in again, with a kind word', async () => {
      now = START;
      const { b, circle } = await couple('expired');
      const weekStart = await weekStartOf(b, circle);
      expect((await b.post(`/companion/circles/${circle}/check-in/draft`, { weekStart, appreciation: 'kept-across-expiry' })).status).toBe(303);
      now += 40 * MINUTE; // the sign-in has ended
      const late = await b.post(`/companion/circles/${circle}/check-in/draft`, { weekStart, appreciation: 'kept-across-expiry, and more' });
      expect(late.status).toBe(303);
      expect(late.headers.get('location')).toMatch(/^\/companion\/sign-in/);
      const back = await signInClient(t, b.email, `/companion/circles/${circle}/check-in`);
      const html = await (await back.get(`/companion/circles/${circle}/check-in`)).text();
      expect(html).toContain('Welcome back: here is what you had written');
      expect(html).toContain('kept-across-expiry');
    });

    test('a draft for a week that has ended is not kept; an unreadable one changes nothing', async () => {
      now = START;
      const { a, circle } = await couple('stale');
      const weekStart = await weekStartOf(a, circle);
      now = OPENS + MINUTE;
      await signInClient(t, a.email).then((x) => (a.cookie = x.cookie));
      const stale = await a.post(`/companion/circles/${circle}/check-in/draft`, { weekStart, appreciation: 'old week' });
      expect(stale.status).toBe(422);
      expect(await stale.text()).toContain('has ended and a new one has begun');
      const bad = await a.post(`/companion/circles/${circle}/check-in/draft`, { appreciation: 'no week' });
      expect(bad.status).toBe(422);
      expect((await t.deps.database.db.selectFrom('companion_drafts').selectAll().where('circle_id', '=', circle).execute()).length).toBe(0);
    });
  });

  describe('e-mails when a partner has answered and when answers are revealed', () => {
    test('one of each per person per week, through the outbox, with nothing of the answers or the circle in them', async () => {
      now = START;
      const { a, b, circle } = await couple('notice');
      expect((await answerCheckIn(a, circle, checkInFields([4, 3, 3], { appreciation: 'ash-secret-words', share: ['appreciation'] }))).status).toBe(303);
      expect((await mailTo(b.email, 'companion-partner-answered')).length).toBe(1);
      expect((await mailTo(a.email, 'companion-partner-answered')).length).toBe(0);
      // Changing the answer is not a new event.
      expect((await answerCheckIn(a, circle, checkInFields([4, 4, 3], { appreciation: 'ash-secret-words-2' }))).status).toBe(303);
      expect((await mailTo(b.email, 'companion-partner-answered')).length).toBe(1);

      // Bo answers: the week is revealed; Ash is told, Bo (who sees it at once) is not.
      expect((await answerCheckIn(b, circle, checkInFields([5, 5, 4], { moreOf: 'bo-secret-words', share: ['moreOf'] }))).status).toBe(303);
      expect((await mailTo(a.email, 'companion-answers-revealed')).length).toBe(1);
      expect((await mailTo(b.email, 'companion-answers-revealed')).length).toBe(0);
      expect((await mailTo(a.email, 'companion-partner-answered')).length).toBe(0);

      const all = [...(await readOutbox(t, { to: a.email })), ...(await readOutbox(t, { to: b.email }))].filter((m) => NOTICES.includes(m.kind));
      expect(all.length).toBe(2);
      for (const m of all) {
        expect(m.text).toContain(`${ORIGIN}/companion/circles/${circle}`);
        for (const secret of ['ash-secret-words', 'bo-secret-words', 'Secret circle', 'Ash', 'Bo']) {
          expect(m.text).not.toContain(secret);
          expect(m.subject).not.toContain(secret);
        }
      }
    });

    test('a week revealed by its end tells those who can now see someone else’s answers, once', async () => {
      now = START;
      const { a, b, circle } = await couple('weekend');
      expect((await answerCheckIn(a, circle, checkInFields([3, 3, 3], { appreciation: 'only-ash-answered' }))).status).toBe(303);
      now = OPENS + 5 * MINUTE; // the week has ended without Bo
      await sendCheckInReminders(t.deps, now);
      await sendCheckInReminders(t.deps, now + HOUR);
      const told = await mailTo(b.email, 'companion-answers-revealed');
      expect(told.length).toBe(1);
      expect(told[0]!.text).toContain('has closed');
      expect(told[0]!.text).not.toContain('only-ash-answered');
      expect((await mailTo(a.email, 'companion-answers-revealed')).length).toBe(0); // nobody else answered: nothing new to see
    });

    test('someone whose own check-in suggests they may not be safe gets none', async () => {
      now = START;
      const { a, b, circle } = await couple('safety');
      expect((await answerCheckIn(b, circle, checkInFields([2, 2, 1], { hurt: 'yes', hurtWords: 'I am afraid of my partner' }))).status).toBe(303);
      expect((await answerCheckIn(a, circle, checkInFields([4, 4, 4]))).status).toBe(303);
      expect((await mailTo(b.email, 'companion-partner-answered')).length).toBe(0);
      expect((await mailTo(b.email, 'companion-answers-revealed')).length).toBe(0);
      // Ash, with no worry of their own, was told that Bo answered.
      expect((await mailTo(a.email, 'companion-partner-answered')).length).toBe(1);
    });
  });
});
