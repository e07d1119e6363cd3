// Work that survives an expired session, for staff and companion alike (used by their session guards):
// - a POST that meets an expired session keeps what was typed (usecases/kept-forms.ts: sealed, 30 minutes,
//   found by a random id in this browser's cookie, never in a URL) and, after signing in, the kept page
//   offers it once, to send again;
// - a page asked for before signing in is where signing in leads (staff: a cookie holding the path; only
//   same-site paths under the side's prefix, so never an open redirect).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { KEPT_FORM_MINUTES, type KeptForm, type KeptSide, keepable, keepForm, takeKeptForm } from '../usecases/kept-forms.ts';
import type { AppEnv } from './env.ts';
import { readFormValues } from './read-form.ts';

type AnyContext = Context<AppEnv> | Context<any>;

const isHttps = (c: AnyContext) => (c.var.deps.config.publicUrl as string).startsWith('https:');
const cookieName = (c: AnyContext, base: string) => (isHttps(c) ? `__Host-${base}` : base);
const options = (c: AnyContext) => ({ path: '/', httpOnly: true, sameSite: 'Lax' as const, secure: isHttps(c), maxAge: KEPT_FORM_MINUTES * 60 });
const KEPT: Record<KeptSide, string> = { staff: 'closer_staff_kept', client: 'closer_client_kept' };
const STAFF_NEXT = 'closer_staff_next';
const ID = /^[A-Za-z0-9_-]{43}$/;

/** The side's own paths: "/staff…" or "/companion…", no scheme, host, "//", backslash or dot segments. */
export function sameSitePath(value: string | undefined, prefix: '/staff' | '/companion'): string | undefined {
  if (!value || value.length > 300) return undefined;
  if (!/^\/[A-Za-z0-9_\-/.?=&%]*$/.test(value) || value.includes('//') || /(^|\/)\.\.?(\/|$|\?)/.test(value)) return undefined;
  const path = value.split('?')[0]!;
  return path === prefix || path.startsWith(`${prefix}/`) ? value : undefined;
}

/**
 * A form posted with no live session: keeps what was typed (if anything worth keeping) for this browser.
 * Answers whether something was kept.
 */
export async function keepPostedForm(c: AnyContext, side: KeptSide): Promise<boolean> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return false;
  const values = await readFormValues(c);
  const fields = values ? keepable(values) : undefined;
  if (!fields) return false;
  const id = await keepForm(c.var.deps, side, { action: c.req.path, fields });
  setCookie(c, cookieName(c, KEPT[side]), id, options(c));
  return true;
}

/** The form kept for this browser, once: the row and the cookie go as it is read. */
export async function takeKeptFormHere(c: AnyContext, side: KeptSide): Promise<KeptForm | undefined> {
  const name = cookieName(c, KEPT[side]);
  const id = getCookie(c, name);
  if (id === undefined) return undefined;
  deleteCookie(c, name, { path: '/', secure: isHttps(c) });
  if (!ID.test(id)) return undefined;
  const kept = await takeKeptForm(c.var.deps, side, id);
  const prefix = side === 'staff' ? '/staff' : '/companion';
  return kept && sameSitePath(kept.action, prefix) === kept.action ? kept : undefined;
}

/** Staff: where to go after signing in (a deep link, or the kept page). */
export function rememberStaffNext(c: AnyContext, path: string): void {
  if (sameSitePath(path, '/staff')) setCookie(c, cookieName(c, STAFF_NEXT), path, options(c));
}

/** Staff: the page asked for before signing in, once. */
export function takeStaffNext(c: AnyContext): string | undefined {
  const name = cookieName(c, STAFF_NEXT);
  const value = getCookie(c, name);
  if (value === undefined) return undefined;
  deleteCookie(c, name, { path: '/', secure: isHttps(c) });
  return sameSitePath(value, '/staff');
}

/** The kept page's content: what was typed, and a button that sends it again (no JavaScript needed). */
export function KeptFormOffer({ kept, leave }: { kept: KeptForm | undefined; leave: string }) {
  if (!kept) {
    return (
      <>
        <h1>Nothing is waiting to be sent</h1>
        <p>
          What you type into a form when your session has ended is kept for {KEPT_FORM_MINUTES} minutes, in the browser you were using, and offered once after
          you sign in. There is nothing kept for this browser now: it may have been offered already, or the {KEPT_FORM_MINUTES} minutes have passed.
        </p>
        <p>
          <a href={leave}>Carry on</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>You were signed out before this was sent</h1>
      <p>
        Your session had ended, so what you sent was not saved. We kept what you typed (not passwords or codes), and this is the only time it is offered: send
        it now, or leave it and it is deleted.
      </p>
      <form method="post" action={kept.action}>
        {kept.fields.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <details class="kept-fields">
          <summary>What you typed</summary>
          <dl class="facts">
            {kept.fields
              .filter(([, value]) => value !== '')
              .map(([name, value]) => (
                <>
                  <dt>{name}</dt>
                  <dd>{value}</dd>
                </>
              ))}
          </dl>
        </details>
        <div class="button-row">
          <button type="submit" class="button">
            Send it now
          </button>
          <a href={leave} class="button button--secondary">
            Leave it
          </a>
        </div>
      </form>
    </>
  );
}
