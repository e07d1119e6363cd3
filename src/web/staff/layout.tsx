// The frame of every staff page: the site's shell, never indexed, never sent as a referrer, with the staff
// navigation for whoever is signed in.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { StaffActor } from '../../domain/access.ts';
import type { AppEnv } from '../env.ts';
import { notFoundPage } from '../pages/errors.tsx';
import { MALFORMED_FORM } from '../read-form.ts';
import { renderPage } from '../render.tsx';
import type { StaffContext } from './session.ts';

const asApp = (c: StaffContext) => c as unknown as Context<AppEnv>;

function StaffNav({ actor, path }: { actor: StaffActor; path: string }) {
  const links: { href: string; label: string }[] = [];
  if (actor.therapistId) {
    links.push(
      { href: '/staff/week', label: 'Week' },
      { href: '/staff/hours', label: 'Hours' },
      { href: '/staff/profile', label: 'Profile' },
      { href: '/staff/calendar', label: 'Calendar feed' },
    );
  }
  if (actor.role === 'admin') links.push({ href: '/staff/schedule', label: 'Schedule' }, { href: '/staff/admin', label: 'Admin' });
  links.push({ href: '/staff/account', label: 'Account' });
  const current = (href: string) =>
    path === href || (href !== '/staff/admin' && path.startsWith(`${href}/`)) || (href === '/staff/admin' && path.startsWith('/staff/admin'));
  return (
    <nav class="staff-nav" aria-label="Staff">
      <ul>
        {links.map((l) => (
          <li>
            <a href={l.href} aria-current={current(l.href) ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
        <li>
          <form method="post" action="/staff/logout" class="staff-nav__signout">
            <button type="submit" class="button button--secondary">
              Sign out
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}

export interface StaffPageOptions {
  title: string;
  status?: ContentfulStatusCode;
  scripts?: string[];
  /** Stylesheets (source names in src/assets) beside the site's own. */
  styles?: string[];
}

/** A staff page; with the staff navigation once someone is fully signed in. */
export function staffPage(c: StaffContext, options: StaffPageOptions, content: Child): Promise<Response> {
  const actor = c.var.actor;
  const signedIn = actor?.kind === 'staff' && actor.secondFactorDone ? actor : undefined;
  return renderPage(
    asApp(c),
    { title: options.title, status: options.status ?? 200, scripts: options.scripts ?? [], styles: options.styles ?? [], private: true },
    <div class="staff">
      {signedIn ? <StaffNav actor={signedIn} path={c.req.path} /> : null}
      {content}
    </div>,
  );
}

/** Someone else's record, or no such record: the same page. */
export const staffNotFound = (c: StaffContext) => notFoundPage(asApp(c));

export function forbiddenPage(c: StaffContext) {
  return staffPage(
    c,
    { title: 'Not available to you', status: 403 },
    <>
      <h1>This page is not part of your account</h1>
      <p>Your account does not give access to this page. If you need it, ask the practice admin.</p>
      <p>
        <a href="/staff">Go to your staff home</a>
      </p>
    </>,
  );
}

/**
 * A body that could not be read at all (a broken multipart body, say), on a form that is only a button:
 * a 400 that changes nothing and says to try again.
 */
export function unreadableFormPage(c: StaffContext, back = '/staff') {
  return staffPage(
    c,
    { title: 'Error: what was sent could not be read', status: 400 },
    <>
      <h1>What was sent could not be read</h1>
      <p>{MALFORMED_FORM} Nothing has been changed.</p>
      <p>
        <a href={back}>Go back</a>
      </p>
    </>,
  );
}

/** A fixed message after a change (named in the query; never user data). */
export function Done({ messages, value }: { messages: Record<string, string>; value: string | undefined }) {
  const text = value ? messages[value] : undefined;
  return text ? (
    <p class="notice notice--ok" role="status">
      {text}
    </p>
  ) : null;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
/** "Tue 3 Jun 2027, 10:00" in a zone. */
export function staffWhen(ms: number, timeZone: string): string {
  let f = dateTimeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    });
    dateTimeFormats.set(timeZone, f);
  }
  return f.format(ms);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** "Tuesday 9 March 2027" (without the year: "Tuesday 9 March") for an instant in a zone. */
export function dayLabel(ms: number, timeZone: string, withYear = true): string {
  const key = `${timeZone}|${withYear}`;
  let f = dayFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}), timeZone });
    dayFormats.set(key, f);
  }
  const parts = f.formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return [get('weekday'), get('day'), get('month'), withYear ? get('year') : ''].filter(Boolean).join(' ');
}

/** "Tuesday 9 March 2027" for a calendar date "2027-03-09". */
export const dateLabel = (date: string) => dayLabel(Date.parse(`${date}T12:00:00Z`), 'UTC');
