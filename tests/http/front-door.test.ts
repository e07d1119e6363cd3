// The front door (issue 5) in-process, on every database: guide, FAQ data, services, self-check,
// contact (encryption, outbox, honeypot, rate limit, failing mail server), privacy.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeEach, describe, expect, test } from 'vitest';
import { FAQ } from '../../src/content/faq.ts';
import { GUIDE_SECTION_IDS, GUIDE_SECTIONS, RELATED_TOPICS } from '../../src/content/guide.ts';
import { STATEMENT_IDS, SUPPORT_RULE_TEXT } from '../../src/domain/self-check.ts';
import { createTransport, drainOutbox } from '../../src/jobs/outbox-worker.ts';
import { contactRequests } from '../../src/usecases/contact/read.ts';
import { CONTACT_LIMIT_MAX } from '../../src/usecases/contact/submit.ts';
import { ORIGIN, startTestApp, type TestApp, useTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { decodeHtml as decode } from '../support/html.ts';
import { FRONT_DOOR_PAGES } from '../support/pages.ts';

const HOUR = 3_600_000;

/** A clock the tests move on, so each test starts in a fresh rate-limit window. */
function testClock() {
  let now = Date.UTC(2026, 10, 2, 9, 0, 0);
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const count = async (t: TestApp, table: 'contact_requests' | 'outbox' | 'rate_limits') =>
  Number(
    (
      await t.deps.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const jsonLd = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, any>);

/** The whole database as bytes on disk (SQLite, after a checkpoint) or the raw column (PostgreSQL). */
async function rawStorage(t: TestApp): Promise<string> {
  if (t.deps.database.dialect === 'sqlite') {
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.deps.database.db);
    return readFileSync(join(t.testDb.dataDir, 'closer.sqlite')).toString('latin1');
  }
  const rows = await sql<{
    raw: string;
  }>`select name_sealed || coalesce(email_sealed, '') || coalesce(phone_sealed, '') || coalesce(body_sealed, '') as raw from contact_requests`.execute(
    t.deps.database.db,
  );
  const outbox = await sql<{ raw: string }>`select to_address || subject || body_text as raw from outbox`.execute(t.deps.database.db);
  return [...rows.rows, ...outbox.rows].map((r) => r.raw).join('\n');
}

const fullSelfCheck = (overrides: Record<string, string> = {}) => ({
  about: 'partner',
  ...Object.fromEntries(STATEMENT_IDS.map((id) => [id, '3'])),
  ios: '4',
  risk: 'no',
  ...overrides,
});

const goodMessage = (overrides: Record<string, string> = {}) => ({
  name: 'Robin Example',
  email: 'robin@example.com',
  phone: '',
  message: 'We keep arguing about the same thing. Could we talk about couples counselling?',
  consent: 'yes',
  website: '',
  ...overrides,
});

describe.each(DIALECTS)('front door on %s', (dialect) => {
  const clock = testClock();
  const t = useTestApp(dialect, { clock });
  beforeEach(() => {
    clock.advance(2 * HOUR);
  });

  describe('pages', () => {
    test.each(FRONT_DOOR_PAGES)('%s answers 200 with one h1 and the urgent-help numbers from the practice settings', async (path) => {
      const res = await t.request(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
      expect(html).toContain('116 123');
      expect(html).toContain('0808 2000 247');
    });

    test('pages that ask about feelings show every urgent-help number before their heading, and the full box after', async () => {
      const practice = await t.deps.repos.practice.get();
      for (const path of ['/self-check', '/contact', '/match']) {
        const html = await (await t.request(path)).text();
        const notice = html.indexOf('class="urgent-help-notice"');
        const heading = html.indexOf('<h1');
        expect(notice, path).toBeGreaterThan(-1);
        expect(notice, path).toBeLessThan(heading);
        const top = html.slice(notice, heading);
        for (const line of practice.urgentHelp) expect(top, `${path}: ${line.name}`).toContain(`>${line.number}</a>`);
        expect(top, path).toContain('href="#urgent-help"');
        expect(html.indexOf('id="urgent-help"'), path).toBeGreaterThan(heading);
      }
      const home = await (await t.request('/')).text();
      expect(home).toContain('class="urgent-help"');
    });

    test('helpline numbers are practice settings', async () => {
      const lines = JSON.stringify([{ name: 'Test Helpline', number: '0800 000 111', detail: 'for testing', kind: 'call' }]);
      const before = await t.deps.database.db.selectFrom('practice_settings').select('urgent_help').where('id', '=', 1).executeTakeFirstOrThrow();
      await t.deps.database.db.updateTable('practice_settings').set({ urgent_help: lines }).where('id', '=', 1).execute();
      try {
        const html = await (await t.request('/self-check')).text();
        expect(html).toContain('Test Helpline');
        expect(html).toContain('href="tel:0800000111"');
      } finally {
        await t.deps.database.db.updateTable('practice_settings').set({ urgent_help: before.urgent_help }).where('id', '=', 1).execute();
      }
    });

    test('home: what the practice helps with, three paths, Call us', async () => {
      const html = decode(await (await t.request('/')).text());
      for (const href of ['/guide', '/self-check', '/match', '/services', '/contact']) expect(html).toContain(`href="${href}"`);
      expect(html).toMatch(/href="tel:[\d+]+"/);
      expect(html).toContain('Trust issues');
    });
  });

  describe('guide', () => {
    test('every section of the source page has an anchor and a contents entry', async () => {
      const html = await (await t.request('/guide')).text();
      for (const id of GUIDE_SECTION_IDS) {
        expect(html).toContain(`<section id="${id}"`);
        expect(html).toContain(`href="#${id}"`);
      }
      for (const s of GUIDE_SECTIONS) expect(decode(html)).toContain(s.title);
      expect(html).toContain('href="#faq"');
    });

    test('"last reviewed by" comes from the practice settings', async () => {
      const db = t.deps.database.db;
      await db.updateTable('practice_settings').set({ guide_reviewed_by: 'Dr Test Reviewer', guide_reviewed_on: '2027-03-05' }).where('id', '=', 1).execute();
      const html = await (await t.request('/guide')).text();
      expect(html).toContain('Last reviewed by Dr Test Reviewer on <time datetime="2027-03-05">5 March 2027</time>');
    });

    test('FAQPage JSON-LD parses and matches the visible FAQ', async () => {
      const html = await (await t.request('/guide')).text();
      const data = jsonLd(html);
      const faq = data.find((d) => d['@type'] === 'FAQPage');
      expect(faq?.['@context']).toBe('https://schema.org');
      expect(faq?.mainEntity).toHaveLength(FAQ.length);
      for (const [i, q] of (faq!.mainEntity as any[]).entries()) {
        expect(q['@type']).toBe('Question');
        expect(q.name).toBe(FAQ[i]!.question);
        expect(q.acceptedAnswer['@type']).toBe('Answer');
        expect(q.acceptedAnswer.text.length).toBeGreaterThan(40);
        expect(decode(html)).toContain(`<h3>${FAQ[i]!.question}</h3>`);
      }
    });

    test('calls to action lead into the self-check, matching and booking with real service references', async () => {
      const html = await (await t.request('/guide')).text();
      const services = await t.deps.repos.services.listActive();
      expect(html).toContain('href="/self-check"');
      expect(html).toContain('href="/match"');
      expect(html).toContain('href="/contact"');
      for (const slug of ['initial-consultation', 'couples-counselling', 'individual-therapy', 'psychosexual-therapy']) {
        expect(html).toContain(`href="/book?service=${services.find((s) => s.slug === slug)!.ref}"`);
      }
    });

    test('the related-topics strip is plain links, enhanced by a module, with no autoplay', async () => {
      const html = await (await t.request('/guide')).text();
      expect(html).toMatch(/<script type="module" src="\/assets\/related-topics\.[0-9a-f]+\.js"/);
      const strip = html.slice(html.indexOf('data-related'));
      for (const topic of RELATED_TOPICS) expect(strip).toContain(`href="${topic.href}"`);
      expect(strip).toMatch(/data-related-controls="" hidden/);
    });
  });

  describe('services', () => {
    test('/services lists every active service with its fee from the database', async () => {
      const db = t.deps.database.db;
      await db.updateTable('services').set({ price_minor: 12345 }).where('slug', '=', 'couples-counselling').execute();
      // The fee is what therapists really charge (domain/fees.ts): the service's price counts for those without a fee of their own.
      const fees = await db.selectFrom('therapist_services').selectAll().execute();
      await db.updateTable('therapist_services').set({ fee_minor: null }).execute();
      let html: string;
      try {
        html = await (await t.request('/services')).text();
      } finally {
        for (const f of fees)
          await db
            .updateTable('therapist_services')
            .set({ fee_minor: f.fee_minor })
            .where('therapist_id', '=', f.therapist_id)
            .where('service_id', '=', f.service_id)
            .execute();
      }
      expect(html).toContain('£123.45 a session');
      expect(await (await t.request('/services')).text()).toContain('From £60 a session');
      expect(html).toContain('Free of charge');
      for (const slug of ['initial-consultation', 'couples-counselling', 'family-counselling', 'individual-therapy', 'psychosexual-therapy']) {
        expect(html).toContain(`href="/services/${slug}"`);
      }
    });

    test('a service page: what happens, how long, who offers it (from the database), and a Book link', async () => {
      const { services } = (await (await t.request('/api/v1/services')).json()) as { services: { id: string; slug: string }[] };
      const psycho = services.find((s) => s.slug === 'psychosexual-therapy')!;
      const { therapists: offering } = (await (await t.request(`/api/v1/therapists?service=${psycho.id}`)).json()) as { therapists: { slug: string }[] };
      const { therapists: all } = (await (await t.request('/api/v1/therapists')).json()) as { therapists: { slug: string }[] };
      const html = await (await t.request('/services/psychosexual-therapy')).text();
      expect(html).toContain('What happens');
      expect(html).toContain('50 minutes');
      expect(html).toContain(`href="/book?service=${(await t.deps.repos.services.findById(psycho.id))!.ref}"`);
      expect(offering.length).toBeGreaterThan(0);
      for (const x of all) expect(html.includes(`href="/therapists/${x.slug}"`), x.slug).toBe(offering.some((o) => o.slug === x.slug));
    });

    test('an unknown or inactive service is a 404', async () => {
      expect((await t.request('/services/no-such-service')).status).toBe(404);
      await t.deps.database.db.updateTable('services').set({ active: 0 }).where('slug', '=', 'individual-therapy').execute();
      expect((await t.request('/services/individual-therapy')).status).toBe(404);
      await t.deps.database.db.updateTable('services').set({ active: 1 }).where('slug', '=', 'individual-therapy').execute();
    });
  });

  describe('self-check', () => {
    test('the form: who, fifteen statements, seven circle pictures drawn in SVG, the risk question', async () => {
      const html = await (await t.request('/self-check')).text();
      expect(html).toContain('method="post" action="/self-check"');
      for (const id of STATEMENT_IDS) expect(html.match(new RegExp(`name="${id}"`, 'g'))).toHaveLength(5);
      expect(html.match(/name="ios"/g)).toHaveLength(7);
      expect(html.match(/<svg class="ios-picture"/g)).toHaveLength(7);
      expect(html).toContain('name="risk"');
      expect(html).toContain('name="about"');
      expect(html).toContain('not a test, an assessment or a diagnosis');
    });

    test('missing answers: 422, an error summary linking to each field, answers kept', async () => {
      const res = await t.form('/self-check', { about: 'friend', 'safe-to-share': '4' });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('<title>Error: ');
      expect(html).toContain('class="error-summary" role="alert"');
      expect(html).not.toContain('href="#f-about"');
      expect(html).not.toContain('href="#f-safe-to-share"');
      for (const id of STATEMENT_IDS.filter((s) => s !== 'safe-to-share')) expect(html).toContain(`href="#f-${id}"`);
      expect(html).toContain('href="#f-ios"');
      expect(html).toMatch(/id="f-safe-to-share-3" type="radio" name="safe-to-share" value="4" checked=""/);
    });

    test('the result: by dimension in plain words, suggestions, the support rule, a POST into matching; nothing stored, not cached', async () => {
      const before = await Promise.all([count(t, 'contact_requests'), count(t, 'outbox'), count(t, 'rate_limits')]);
      const answers = fullSelfCheck(Object.fromEntries(['safe-to-share', 'support', 'show-feelings'].map((id) => [id, '1'])));
      const res = await t.form('/self-check', answers);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = decode(await res.text());
      for (const name of ['Cognitive closeness', 'Experiential closeness', 'Emotional closeness']) expect(html).toContain(name);
      expect(html).toContain('Emotional closeness: Strained');
      expect(html).toContain(SUPPORT_RULE_TEXT);
      expect(html).toContain('Talking to a therapist could help');
      expect(html).toContain('The sharing ladder');
      expect(html).toContain('method="post" action="/match"');
      expect(html).toContain('<input type="hidden" name="relationship" value="couple"/>');
      expect(html).toMatch(/<input type="hidden" name="concerns" value="[a-z-]+"\/>/);
      expect(html).toContain('not a test, an assessment or a diagnosis');
      expect(html).toContain('You were thinking about your partner.');
      // Nothing stored, nothing in the logs but the route.
      expect(await Promise.all([count(t, 'contact_requests'), count(t, 'outbox'), count(t, 'rate_limits')])).toEqual(before);
      const last = t.logs.filter((l) => l.route === '/self-check').at(-1);
      expect(JSON.stringify(last)).not.toMatch(/safe-to-share|partner|ios/);
    });

    test('the result carries its answers into matching by POST, and matching takes them', async () => {
      const html = await (
        await t.form('/self-check', fullSelfCheck({ about: 'family', 'safe-to-share': '1', 'show-feelings': '1', 'holding-back': '5' }))
      ).text();
      const form = html.slice(html.indexOf('action="/match"'), html.indexOf('</form>', html.indexOf('action="/match"')));
      const fields = [...form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"\/>/g)].map((m) => [m[1]!, m[2]!] as [string, string]);
      expect(fields[0]).toEqual(['relationship', 'family']);
      expect(fields.filter(([k]) => k === 'concerns').length).toBeGreaterThan(0);
      expect(fields.every(([k]) => k === 'relationship' || k === 'concerns')).toBe(true);
      const body = new URLSearchParams(fields);
      const res = await t.request('/match', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: body.toString(),
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/name="relationship" value="family" checked=""/);
    });

    test('a "yes" to the risk question puts urgent help first and suggests support', async () => {
      const html = await (await t.form('/self-check', fullSelfCheck({ risk: 'yes', 'safe-to-share': '5' }))).text();
      expect(html.indexOf('class="urgent-help"')).toBeGreaterThan(-1);
      expect(html.indexOf('class="urgent-help"')).toBeLessThan(html.indexOf('<h1'));
      expect(html).toContain('value="individual"');
    });

    test('a strong result: no support suggested, but the rule is still shown with its reason', async () => {
      const strong = fullSelfCheck({
        ...Object.fromEntries(
          STATEMENT_IDS.map((id) => [
            id,
            ['holding-back', 'misunderstandings', 'lonely-together', 'unseen', 'fear-of-judgement', 'separate-lives'].includes(id) ? '1' : '5',
          ]),
        ),
        ios: '6',
      });
      const html = decode(await (await t.form('/self-check', strong)).text());
      expect(html).toContain('Cognitive closeness: Strong');
      expect(html).toContain('Nothing in your answers points to needing professional support right now.');
      expect(html).toContain(SUPPORT_RULE_TEXT);
      expect(html.indexOf('class="urgent-help"')).toBeGreaterThan(html.indexOf('<h1'));
    });

    test('"Change my answers" brings the form back filled in', async () => {
      const html = await (await t.form('/self-check', { ...fullSelfCheck(), edit: 'yes' })).text();
      expect(html).toContain('action="/self-check"');
      expect(html).toMatch(/name="ios" value="4" checked=""/);
      expect(html).not.toContain('class="error-summary"');
    });
  });

  describe('contact', () => {
    test('Call us as a tel: link with the opening hours; two forms with a hidden honeypot', async () => {
      const html = await (await t.request('/contact')).text();
      const practice = await t.deps.repos.practice.get();
      expect(html).toContain(`href="tel:${practice.phone.replace(/[^\d+]/g, '')}"`);
      expect(html).toContain(practice.openingHours);
      expect(html).toContain('action="/contact/message#message-title"');
      expect(html).toContain('action="/contact/callback#callback-title"');
      expect(html.match(/<div class="hp" aria-hidden="true">/g)).toHaveLength(2);
      expect(html).toContain('name="times"');
      expect(html).toContain('name="voicemail"');
    });

    test('bad input: per-field errors, what was typed kept, nothing stored', async () => {
      const before = [await count(t, 'contact_requests'), await count(t, 'outbox')];
      const empty = await t.form('/contact/message', { name: '', email: '', phone: '', message: '', website: '' });
      expect(empty.status).toBe(422);
      const html = await empty.text();
      for (const f of ['name', 'email', 'message', 'consent']) expect(html).toContain(`href="#f-message-${f}"`);
      expect(html).toContain('Enter an e-mail address or a phone number');

      const bad = await t.form('/contact/message', goodMessage({ email: 'not-an-address', message: 'x'.repeat(5001) }));
      expect(bad.status).toBe(422);
      const badHtml = await bad.text();
      expect(badHtml).toContain('href="#f-message-email"');
      expect(badHtml).toContain('5000 characters or fewer');
      expect(badHtml).toContain('value="not-an-address"');

      const cb = await t.form('/contact/callback', { name: 'Sam', phone: 'call me', note: '', consent: 'yes', website: '' });
      expect(cb.status).toBe(422);
      const cbHtml = await cb.text();
      for (const f of ['phone', 'times', 'voicemail']) expect(cbHtml).toContain(`href="#f-callback-${f}"`);
      expect(cbHtml).not.toContain('href="#f-callback-name"');

      const odd = await t.form('/contact/callback', { name: 'Sam', phone: '07700 900982', times: 'midnight', voicemail: 'maybe', consent: 'yes' });
      expect(odd.status).toBe(422);
      expect([await count(t, 'contact_requests'), await count(t, 'outbox')]).toEqual(before);
    });

    test('a message is stored encrypted with its outbox notice in one go, then POST-redirect-GET with nothing personal in the URL', async () => {
      const secret = `Private words ${Math.random().toString(36).slice(2)} about our marriage`;
      const before = [await count(t, 'contact_requests'), await count(t, 'outbox')];
      const res = await t.form('/contact/message', goodMessage({ message: secret, name: 'Alexandra Unique-Name' }));
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/contact/sent?kind=message');
      expect([await count(t, 'contact_requests'), await count(t, 'outbox')]).toEqual([before[0]! + 1, before[1]! + 1]);

      const raw = await rawStorage(t);
      expect(raw).not.toContain('Private words');
      expect(raw).not.toContain('Alexandra Unique-Name');
      expect(raw).not.toContain('robin@example.com');

      const stored = (await contactRequests(t.deps, { limit: 1 }))[0]!;
      expect(stored).toMatchObject({
        kind: 'message',
        name: 'Alexandra Unique-Name',
        email: 'robin@example.com',
        body: secret,
        status: 'new',
        suggestsRisk: false,
      });
      expect(stored.reference).toMatch(/^M-[2-9A-Z]{6}$/);

      const mail = await t.deps.database.db.selectFrom('outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      const practice = await t.deps.repos.practice.get();
      expect(t.deps.encryptor.decrypt(mail.to_address)).toBe(practice.email);
      const body = t.deps.encryptor.decrypt(mail.body_text);
      expect(body).toContain(stored.reference);
      expect(body).toContain(`${ORIGIN}/staff/admin/inbox`);
      expect(body).not.toContain('Private words');
      expect(body).not.toContain('Alexandra');
      expect(t.deps.encryptor.decrypt(mail.subject)).toBe(`New message from the website (${stored.reference})`);

      const sent = await t.request('/contact/sent?kind=message');
      const html = await sent.text();
      expect(html).toContain('your message has reached us');
      expect(html.indexOf('class="urgent-help"')).toBeGreaterThan(html.indexOf('<h1'));
    });

    test('a call-back request is stored encrypted with the preferred times', async () => {
      const res = await t.form('/contact/callback', {
        name: 'Kim Caller',
        phone: '07700 900982',
        times: 'weekday-evening',
        voicemail: 'no',
        note: '',
        consent: 'yes',
        website: '',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/contact/sent?kind=callback');
      const stored = (await contactRequests(t.deps, { limit: 1 }))[0]!;
      expect(stored).toMatchObject({ kind: 'callback', name: 'Kim Caller', phone: '07700 900982', preferredTimes: ['weekday-evening'], voicemailOk: false });
      expect(await rawStorage(t)).not.toContain('07700 900982');
    });

    test('several preferred times arrive as a repeated field', async () => {
      const body = new URLSearchParams([
        ['name', 'Jo'],
        ['phone', '+44 20 7946 0000'],
        ['times', 'weekday-morning'],
        ['times', 'saturday'],
        ['voicemail', 'yes'],
        ['consent', 'yes'],
      ]);
      const res = await t.request('/contact/callback', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: body.toString(),
      });
      expect(res.status).toBe(303);
      const stored = (await contactRequests(t.deps, { limit: 1 }))[0]!;
      expect(stored.preferredTimes).toEqual(['weekday-morning', 'saturday']);
    });

    test('a message that suggests risk shows urgent help first on the confirmation, once', async () => {
      const res = await t.form('/contact/message', goodMessage({ message: 'I am afraid of him and I do not know what to do.' }));
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/contact/sent?kind=message');
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      const html = await (await t.request('/contact/sent?kind=message', { headers: { cookie: cookie.split(';')[0]! } })).text();
      expect(html.indexOf('class="urgent-help"')).toBeGreaterThan(-1);
      expect(html.indexOf('class="urgent-help"')).toBeLessThan(html.indexOf('<h1'));
      const stored = (await contactRequests(t.deps, { limit: 1 }))[0]!;
      expect(stored.suggestsRisk).toBe(true);
      const mail = await t.deps.database.db.selectFrom('outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(t.deps.encryptor.decrypt(mail.body_text)).toContain('Please read it soon');
      expect(t.deps.encryptor.decrypt(mail.subject)).not.toMatch(/risk|urgent|afraid/i);
    });

    test('a filled-in honeypot looks like success and keeps nothing', async () => {
      const before = [await count(t, 'contact_requests'), await count(t, 'outbox')];
      const res = await t.form('/contact/message', goodMessage({ website: 'http://spam.example' }));
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/contact/sent?kind=message');
      const cb = await t.form('/contact/callback', { name: 'Bot', phone: '0123456789', times: 'saturday', voicemail: 'yes', consent: 'yes', website: 'x' });
      expect(cb.status).toBe(303);
      expect([await count(t, 'contact_requests'), await count(t, 'outbox')]).toEqual(before);
    });

    test(`after ${CONTACT_LIMIT_MAX} requests in an hour from one address: 429 with Retry-After, nothing stored, the text kept`, async () => {
      for (let i = 0; i < CONTACT_LIMIT_MAX; i++) expect((await t.form('/contact/message', goodMessage())).status).toBe(303);
      const before = [await count(t, 'contact_requests'), await count(t, 'outbox')];
      const res = await t.form('/contact/callback', {
        name: 'Pat',
        phone: '07700 900123',
        times: 'saturday',
        voicemail: 'yes',
        note: 'Kept words',
        consent: 'yes',
      });
      expect(res.status).toBe(429);
      const retry = Number(res.headers.get('retry-after'));
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(3600);
      const html = await res.text();
      expect(html).toContain('Kept words');
      expect([await count(t, 'contact_requests'), await count(t, 'outbox')]).toEqual(before);
      clock.advance(retry * 1000);
      expect((await t.form('/contact/message', goodMessage())).status).toBe(303);
    });

    test('a cross-site post is refused and stores nothing', async () => {
      const before = await count(t, 'contact_requests');
      const res = await t.form('/contact/message', goodMessage(), { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
      expect(res.status).toBe(403);
      expect(await count(t, 'contact_requests')).toBe(before);
    });
  });

  test('privacy notice: built from the practice settings, with lawful bases, retention and rights', async () => {
    await t.deps.database.db
      .updateTable('practice_settings')
      .set({ name: 'Harbour Counselling', email: 'privacy@harbour.example' })
      .where('id', '=', 1)
      .execute();
    const html = decode(await (await t.request('/privacy')).text());
    const practice = await t.deps.repos.practice.get();
    expect(html).toContain('Harbour Counselling');
    expect(html).toContain('mailto:privacy@harbour.example');
    expect(html).toContain(practice.address);
    for (const words of [
      'Article 6(1)(b)',
      'Article 9(2)(a)',
      'Article 9(2)(h)',
      '6 months',
      '7 years after your last session',
      'deleted 90 days after its date',
      'for 365 days',
      'Nobody else receives what you type',
      'ico.org.uk',
      'withdraw consent',
    ]) {
      expect(html).toContain(words);
    }
  });
});

describe('contact with a failing mail server', () => {
  test('the message and its outbox row are committed; a failed send keeps the mail for a retry', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const t = await startTestApp('sqlite', { env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    try {
      const res = await t.form('/contact/message', goodMessage({ message: 'Please do not lose this message.' }));
      expect(res.status).toBe(303);
      const result = await drainOutbox(t.deps, createTransport(`smtp://127.0.0.1:${port}`));
      expect(result).toEqual({ sent: 0, failed: 1 });
      const mail = await t.deps.database.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
      expect(mail).toMatchObject({ status: 'pending', attempts: 1, kind: 'contact-message' });
      expect(mail.last_error).toBeTruthy();
      const stored = await contactRequests(t.deps);
      expect(stored.map((s) => s.body)).toEqual(['Please do not lose this message.']);
    } finally {
      await t.stop();
    }
  });
});
