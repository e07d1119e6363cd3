// A companion client over HTTP: a cookie jar for one person, and signing in by magic link as a person
// would (ask, read the e-mail, open the link, consent the first time). The browser's sign-in is
// signInClientPage in ./browser.ts.
import { expect } from 'vitest';
import { ORIGIN, type TestApp } from './app.ts';
import { linkIn, readOutbox } from './outbox.ts';

export type Fields = Record<string, string | string[]>;

export function formBody(fields: Fields): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
}

/** One person's requests, keeping the companion cookie the app sets. */
export interface ClientBrowser {
  email: string;
  cookie: string;
  get(path: string): Promise<Response>;
  post(path: string, fields?: Fields): Promise<Response>;
}

export function clientBrowser(t: TestApp, email: string): ClientBrowser {
  const b: ClientBrowser = {
    email,
    cookie: '',
    async get(path) {
      const res = await t.request(path, { headers: b.cookie ? { cookie: b.cookie } : {} });
      keep(res);
      return res;
    },
    async post(path, fields = {}) {
      const res = await t.request(path, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: ORIGIN,
          'sec-fetch-site': 'same-origin',
          ...(b.cookie ? { cookie: b.cookie } : {}),
        },
        body: formBody(fields),
      });
      keep(res);
      return res;
    },
  };
  function keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split('=');
      if (name === 'closer_client') b.cookie = value ? `${name}=${value}` : '';
    }
  }
  return b;
}

/** Asks for a sign-in link for the browser's address and returns its path, as read from the e-mail. */
export async function askForSignInLink(t: TestApp, b: ClientBrowser, next?: string): Promise<string> {
  const asked = await b.post('/companion/sign-in', next ? { email: b.email, next } : { email: b.email });
  expect(asked.status).toBe(200);
  return linkIn((await readOutbox(t, { kind: 'companion-sign-in', to: b.email })).at(-1)!.text, '/companion/sign-in');
}

/**
 * Signs in by magic link, as a person would: ask, read the e-mail, open the link, tick the consent box if
 * the page asks (the first time), press the button.
 */
export async function signInClient(t: TestApp, email: string, next?: string): Promise<ClientBrowser> {
  const b = clientBrowser(t, email);
  const path = await askForSignInLink(t, b, next);
  const page = await b.get(path);
  expect(page.status).toBe(200);
  const asks = (await page.text()).includes('name="consent"');
  const done = await b.post(path, asks ? { consent: 'yes' } : {});
  expect(done.status).toBe(303);
  expect(b.cookie).toMatch(/^closer_client=/);
  return b;
}

/** A check-in's fields: the three closeness levels, nothing written, nothing hurt (and `extra`). */
export const checkInFields = (levels: [number, number, number], extra: Fields = {}): Fields => ({
  cognitive: String(levels[0]),
  experiential: String(levels[1]),
  emotional: String(levels[2]),
  appreciation: '',
  moreOf: '',
  hurt: 'no',
  hurtWords: '',
  ...extra,
});

/** The start of the week the open check-in form answers (its hidden weekStart). */
export async function weekStartOf(b: ClientBrowser, circleId: string): Promise<string> {
  const html = await (await b.get(`/companion/circles/${circleId}/check-in`)).text();
  const m = /name="weekStart" value="(\d+)"/.exec(html);
  if (!m) throw new Error('no open check-in form');
  return m[1]!;
}

/** Sends the open week's check-in form with `fields`. */
export async function answerCheckIn(b: ClientBrowser, circleId: string, fields: Fields): Promise<Response> {
  return b.post(`/companion/circles/${circleId}/check-in`, { weekStart: await weekStartOf(b, circleId), ...fields });
}

/** Starts a circle checking in on Sundays at 19:00 London time; returns its id. */
export async function startCircle(b: ClientBrowser, kind: string, name: string, displayName: string): Promise<string> {
  const res = await b.post('/companion/start', { kind, name, displayName, weekday: '7', time: '19:00', timeZone: 'Europe/London' });
  expect(res.status).toBe(303);
  const m = /\/companion\/circles\/([0-9a-f-]{36})/.exec(res.headers.get('location') ?? '');
  return m![1]!;
}

/** Invites an address to a circle; returns the invitation's path, as read from the e-mail. */
export async function inviteTo(t: TestApp, from: ClientBrowser, circleId: string, to: string): Promise<string> {
  const res = await from.post(`/companion/circles/${circleId}/invite`, { email: to });
  expect(res.status).toBe(303);
  return linkIn((await readOutbox(t, { kind: 'companion-invite', to })).at(-1)!.text, '/companion/invites');
}

/** Signs the invitee in from the invitation and joins under `displayName`. */
export async function joinCircle(t: TestApp, inviteePath: string, email: string, displayName: string): Promise<ClientBrowser> {
  const b = await signInClient(t, email, inviteePath);
  const res = await b.post(inviteePath, { displayName });
  expect(res.status).toBe(303);
  return b;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
/** Wednesday 3 June 2026, 12:00 UTC: the companion tests' clock starts here; their circles check in on Sundays at 19:00 London time. */
export const COMPANION_START = Date.UTC(2026, 5, 3, 12);
/** Sunday 7 June 2026, 19:00 BST: the next check-in opens (for couples, with the monthly CSI-4). */
export const NEXT_CHECK_IN = Date.UTC(2026, 5, 7, 18);
