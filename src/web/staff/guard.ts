// The staff side's access checks, in front of every handler and inside those that load a record. Both ask
// decide() (src/domain/access.ts); this file only turns its refusals into responses.
import type { MiddlewareHandler } from 'hono';
import { type Actor, type DenyReason, decide, type Resource, type StaffAction } from '../../domain/access.ts';
import { keepPostedForm, rememberStaffNext } from '../kept-work.tsx';
import type { RouteRule } from '../route-access.ts';
import { forbiddenPage, staffNotFound } from './layout.tsx';
import type { StaffContext, StaffEnv } from './session.ts';

/** The answer to a refusal: sign in, finish signing in, not yours to see (403), or no such thing (404). */
export function denied(c: StaffContext, reason: DenyReason): Response | Promise<Response> {
  const actor: Actor = c.var.actor;
  switch (reason) {
    case 'sign_in':
      return signInFirst(c);
    case 'second_factor':
      if (c.req.method === 'GET') rememberStaffNext(c, new URL(c.req.url).pathname + new URL(c.req.url).search);
      return c.redirect(actor.kind === 'staff' && actor.secondFactorEnrolled ? '/staff/login/code' : '/staff/two-factor', 303);
    case 'forbidden':
      return forbiddenPage(c);
    default:
      return staffNotFound(c);
  }
}

/**
 * Nobody (or an ended session) asks: sign in first, then come back. A page asked for is where signing in
 * leads; a form sent keeps what was typed, offered once after signing in (web/kept-work.tsx).
 */
async function signInFirst(c: StaffContext): Promise<Response> {
  if (c.req.method === 'GET') {
    const url = new URL(c.req.url);
    // The sign-in steps themselves are not a destination.
    if (!/^\/staff(\/login(\/.*)?|\/two-factor)?$/.test(url.pathname)) rememberStaffNext(c, `${url.pathname}${url.search}`);
    return c.redirect('/staff/login', 303);
  }
  if (await keepPostedForm(c, 'staff')) {
    rememberStaffNext(c, '/staff/kept');
    return c.redirect('/staff/login?done=kept', 303);
  }
  return c.redirect('/staff/login', 303);
}

/** For a handler that has loaded a record: may this actor do this to it? A refusal is the response to send. */
export function authorize(c: StaffContext, action: StaffAction, resource: Resource): Response | Promise<Response> | undefined {
  const decision = decide(c.var.actor, action, resource);
  return decision.allow ? undefined : denied(c, decision.reason);
}

/** For a part of a page (not the whole response): may this actor do this to this record? */
export function may(c: StaffContext, action: StaffAction, resource: Resource): boolean {
  return decide(c.var.actor, action, resource).allow;
}

export function guard(rule: RouteRule): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    if (rule.kind !== 'staff') return next();
    const decision = decide(c.var.actor, rule.action);
    if (!decision.allow) return denied(c, decision.reason);
    return next();
  };
}
