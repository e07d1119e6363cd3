// One safety policy on every form that asks about feelings, over HTTP on every database: the self-check's
// "yes" (with or without the other answers), its "no" (a therapist near the top), Find your match's results,
// and the companion's check-in when what someone writes suggests risk.
import { describe, expect, test } from 'vitest';
import { STATEMENT_IDS } from '../../src/domain/self-check.ts';
import { useTestApp } from '../support/app.ts';
import { demoIds } from '../support/booking.ts';
import { type ClientBrowser, type Fields, signInClient } from '../support/companion.ts';
import { DIALECTS } from '../support/databases.ts';
import { decodeHtml as decode } from '../support/html.ts';
import { linkIn, readOutbox } from '../support/outbox.ts';

const fullSelfCheck = (overrides: Record<string, string> = {}) => ({
  about: 'partner',
  ...Object.fromEntries(STATEMENT_IDS.map((id) => [id, '3'])),
  ios: '4',
  hurt: 'yes',
  risk: 'no',
  ...overrides,
});

const at = (html: string, needle: string) => {
  const i = html.indexOf(needle);
  expect(i, needle).toBeGreaterThan(-1);
  return i;
};

/** What a page after a worry must never have: errors, praise of the relationship, anything together. */
function expectHelpOnly(html: string) {
  expect(html).not.toContain('class="error-summary"');
  expect(html).not.toContain('error-message');
  expect(html).not.toMatch(/real strengths|a lot of closeness/);
  // In any text on the page (field names such as "time-together" are not text).
  expect(html).not.toMatch(/>[^<]*\btogether\b[^<]*</i);
  expect(html).not.toContain('What you could try next');
  expect(html).not.toContain('Three kinds of closeness');
  expect(html).not.toContain('not be overheard');
  expect(html).not.toContain('name="relationship" value="couple"');
}

describe.each(DIALECTS)('the safety policy on %s', (dialect) => {
  const t = useTestApp(dialect, { clock: { now: () => Date.UTC(2027, 2, 1, 8) } });

  describe('the self-check', () => {
    test('the form, which asks the safety question, has the quick exit', async () => {
      const html = await (await t.request('/self-check')).text();
      expect(html).toContain('data-quick-exit');
      expect(html).toContain('quick-exit');
    });

    test.each([
      ['every other statement skipped', { risk: 'yes' }],
      ['some answered, some skipped', { risk: 'yes', about: 'friend', 'safe-to-share': '5', laughter: '5' }],
      ['everything answered, glowingly', fullSelfCheck({ risk: 'yes', ...Object.fromEntries(STATEMENT_IDS.map((id) => [id, '5'])), ios: '7' })],
      ['other answers that are not choices', { risk: 'yes', about: 'stranger', ios: '12', 'safe-to-share': '9' }],
    ])('a "yes" with %s: help first and the quick exit, no errors, no reflection, nothing together', async (_name, fields) => {
      const res = await t.form('/self-check', fields);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = decode(await res.text());
      // The quick exit, then every urgent number, before the page's heading.
      expect(at(html, 'data-quick-exit')).toBeLessThan(at(html, 'class="urgent-help"'));
      expect(at(html, 'class="urgent-help"')).toBeLessThan(at(html, '<h1'));
      expect(html).toContain('Your safety comes first');
      for (const n of ['tel:999', '0808 2000 247', 'National Domestic Abuse Helpline', '0808 8010 327']) expect(html).toContain(n);
      // A first session alone: to book, or to find a therapist who sees people on their own.
      const { ref } = await demoIds(t);
      expect(html).toContain(`href="/book?service=${ref('initial-consultation')}&therapist=any"`);
      expect(html).toContain('Book a first conversation on your own');
      expect(html).toContain('name="relationship" value="individual"');
      expectHelpOnly(html);
      // Nothing a visitor said goes into a link.
      for (const [, href] of html.matchAll(/href="([^"]+)"/g)) expect(href!).not.toMatch(/risk|afraid|yes/i);
    });

    test('"Change my answers" after a yes brings the form back as it was, without errors', async () => {
      const html = await (await t.form('/self-check', { risk: 'yes', about: 'family', edit: 'yes' })).text();
      expect(html).toMatch(/name="risk" value="yes" checked=""/);
      expect(html).toMatch(/name="about" value="family" checked=""/);
      expect(html).not.toContain('class="error-summary"');
    });

    test('a "no": "talking to a therapist could help", with ways to find and book one, comes before the reflection and the exercises', async () => {
      const low = fullSelfCheck(Object.fromEntries(STATEMENT_IDS.map((id) => [id, '3'])));
      const html = decode(await (await t.form('/self-check', { ...low, 'safe-to-share': '1', 'show-feelings': '1', support: '1' })).text());
      const support = at(html, 'Talking to a therapist could help');
      expect(support).toBeLessThan(at(html, 'Three kinds of closeness'));
      expect(support).toBeLessThan(at(html, 'What you could try next'));
      expect(at(html, 'Find a therapist who fits')).toBeLessThan(at(html, 'Three kinds of closeness'));
      const { ref } = await demoIds(t);
      expect(at(html, `href="/book?service=${ref('initial-consultation')}&therapist=any"`)).toBeLessThan(at(html, 'Three kinds of closeness'));
      // No worry: no help-first box, no quick exit, the exercises are there.
      expect(at(html, 'class="urgent-help"')).toBeGreaterThan(at(html, '<h1'));
      expect(html).not.toContain('data-quick-exit');
      expect(html).toContain('name="relationship" value="couple"');
    });

    test('"I would rather not say": the reflection as usual, with the quick exit', async () => {
      const html = await (await t.form('/self-check', fullSelfCheck({ risk: 'prefer_not_to_say' }))).text();
      expect(html).toContain('<h1>Your reflection</h1>');
      expect(html).toContain('data-quick-exit');
      expect(at(html, 'class="urgent-help"')).toBeGreaterThan(at(html, '<h1'));
    });

    test('without a yes, what is missing still gets a message per field', async () => {
      for (const risk of ['no', 'prefer_not_to_say', '']) {
        const res = await t.form('/self-check', { risk, about: 'partner' });
        expect(res.status).toBe(422);
        const html = await res.text();
        expect(html).toContain('class="error-summary"');
        expect(html).toContain('Choose how much you agree with statement 1');
      }
    });
  });

  describe('Find your match', () => {
    const results = (safety: string) => t.form('/match', { relationship: 'couple', concerns: 'trust-issues', safety, format: 'either', step: '8', go: 'next' });

    test('results after a yes: the quick exit and help first, domestic-abuse help, no joint sessions', async () => {
      const html = decode(await (await results('yes')).text());
      expect(at(html, 'data-quick-exit')).toBeLessThan(at(html, 'class="urgent-help"'));
      expect(at(html, 'class="urgent-help"')).toBeLessThan(at(html, '<h1'));
      expect(html).toContain('class="safety-help"');
      expect(html).not.toContain('Works with couples');
    });

    test('results after a no: neither', async () => {
      const html = await (await results('no')).text();
      expect(html).not.toContain('data-quick-exit');
      expect(html).not.toContain('class="safety-help"');
      expect(at(html, 'class="urgent-help"')).toBeGreaterThan(at(html, '<h1'));
    });
  });

  describe('/safety', () => {
    test('a yes leads with urgent help, under the quick exit', async () => {
      const html = await (await t.form('/safety', { safety: 'yes' })).text();
      expect(at(html, 'data-quick-exit')).toBeLessThan(at(html, 'class="urgent-help"'));
      expect(at(html, 'class="urgent-help"')).toBeLessThan(at(html, '<h1'));
    });
  });

  describe('the companion check-in', () => {
    async function startCircle(b: ClientBrowser): Promise<string> {
      const res = await b.post('/companion/start', { kind: 'couple', name: 'Us', displayName: 'Ash', weekday: '7', time: '19:00', timeZone: 'Europe/London' });
      return /\/companion\/circles\/([0-9a-f-]{36})/.exec(res.headers.get('location') ?? '')![1]!;
    }
    async function answer(b: ClientBrowser, circle: string, fields: Fields) {
      const form = await (await b.get(`/companion/circles/${circle}/check-in`)).text();
      const weekStart = /name="weekStart" value="(\d+)"/.exec(form)![1]!;
      return b.post(`/companion/circles/${circle}/check-in`, {
        weekStart,
        cognitive: '3',
        experiential: '3',
        emotional: '3',
        appreciation: '',
        moreOf: '',
        ...fields,
      });
    }

    test('words that suggest risk: help first, to the writer alone; a session alone; nothing together; a word about sharing', async () => {
      const ash = await signInClient(t, 'ash@example.test');
      const circle = await startCircle(ash);
      const invited = await ash.post(`/companion/circles/${circle}/invite`, { email: 'bo@example.test' });
      expect(invited.status).toBe(303);
      const invitePath = linkIn((await readOutbox(t, { kind: 'companion-invite', to: 'bo@example.test' })).at(-1)!.text, '/companion/invites');
      const bo = await signInClient(t, 'bo@example.test', invitePath);
      expect((await bo.post(invitePath, { displayName: 'Bo' })).status).toBe(303);

      // Before: nothing flagged, the page as usual.
      const before = await (await ash.get(`/companion/circles/${circle}/check-in`)).text();
      expect(before).not.toContain('Your safety comes first');

      // A form with an error keeps the help first too: the words just sent decide.
      const refused = await ash.post(`/companion/circles/${circle}/check-in`, { weekStart: '1', hurt: 'yes', hurtWords: 'He hits me when he drinks' });
      expect(refused.status).toBe(422);
      const refusedHtml = await refused.text();
      expect(at(refusedHtml, 'class="urgent-help"')).toBeLessThan(at(refusedHtml, '<h1'));
      expect(refusedHtml).toContain('Your safety comes first');

      expect((await answer(ash, circle, { hurt: 'yes', hurtWords: 'He hits me when he drinks', share: 'hurt' })).status).toBe(303);
      for (const path of ['', '/check-in', '/trends', '/exercises']) {
        const html = decode(await (await ash.get(`/companion/circles/${circle}${path}`)).text());
        expect(at(html, 'data-quick-exit'), path).toBeLessThan(at(html, 'class="urgent-help"'));
        expect(at(html, 'class="urgent-help"'), path).toBeLessThan(at(html, '<h1'));
        expect(at(html, 'Your safety comes first'), path).toBeLessThan(at(html, '<h1'));
        expect(html, path).toContain('Only you can see this. Nobody else in your circle is told.');
        expect(html, path).toContain('0808 2000 247');
        expect(html, path).not.toContain('name="relationship" value="couple"');
      }
      const checkIn = await (await ash.get(`/companion/circles/${circle}/check-in`)).text();
      expect(checkIn).toContain('You chose to share those words with your circle');
      // Exercises: only the one done on your own is suggested.
      const exercises = await (await ash.get(`/companion/circles/${circle}/exercises`)).text();
      const suggested = exercises.slice(at(exercises, 'Suggested for you'), at(exercises, 'All exercises'));
      expect(suggested).toContain('Self-compassion after hurt');
      for (const joint of ['Open conversations', 'Appreciation jar', 'Promise tracker', 'Sharing ladder']) expect(suggested).not.toContain(joint);

      // The other member is told nothing of it.
      for (const path of ['', '/check-in', '/trends', '/exercises']) {
        const html = await (await bo.get(`/companion/circles/${circle}${path}`)).text();
        expect(html, path).not.toContain('Your safety comes first');
        expect(html, path).not.toContain('hits me');
        expect(at(html, 'class="urgent-help"'), path).toBeGreaterThan(at(html, '<h1'));
      }
      // Unticking "share" takes away the word about sharing.
      expect((await answer(ash, circle, { hurt: 'yes', hurtWords: 'He hits me when he drinks' })).status).toBe(303);
      const unshared = await (await ash.get(`/companion/circles/${circle}/check-in`)).text();
      expect(unshared).toContain('Your safety comes first');
      expect(unshared).not.toContain('You chose to share those words with your circle');
      // Calm words next time: back to normal.
      expect((await answer(ash, circle, { hurt: 'no', hurtWords: '', appreciation: 'A long walk on Sunday' })).status).toBe(303);
      expect(await (await ash.get(`/companion/circles/${circle}/check-in`)).text()).not.toContain('Your safety comes first');
    });
  });
});
