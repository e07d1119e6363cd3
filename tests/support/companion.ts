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
