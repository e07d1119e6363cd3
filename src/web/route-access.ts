// Every route of the app, and who may use it: the one table. A route that is not here fails
// tests/http/route-declarations.test.ts, and a staff route that is not here cannot even be registered
// (src/web/staff/routes.tsx looks its rule up and throws at start-up).
//
// To declare a new route, add a line "METHOD /path/:param" (the pattern as registered, with the mount
// prefix) with one of:
//   PUBLIC                  anyone, signed in or not (pages, the public API, assets, sign-in forms)
//   capability('why')       a secret token in the URL is the credential (manage links, reset links, feeds)
//   client('why')           a signed-in client, checked by that area's own access function (the companion)
//   staff('action')         staff only: the action (src/domain/access.ts) decides which role, and the
//                           staff router asks decide() before the handler runs
import type { StaffAction } from '../domain/access.ts';
import { COMPANION_ROUTES } from './companion/routes.tsx';

export type RouteRule = { kind: 'public' } | { kind: 'capability'; note: string } | { kind: 'client'; note: string } | { kind: 'staff'; action: StaffAction };

export const PUBLIC: RouteRule = { kind: 'public' };
export const capability = (note: string): RouteRule => ({ kind: 'capability', note });
export const client = (note: string): RouteRule => ({ kind: 'client', note });
export const staff = (action: StaffAction): RouteRule => ({ kind: 'staff', action });

export const ROUTE_ACCESS: Record<string, RouteRule> = {
  // The public site.
  'GET /assets/:file': PUBLIC,
  'GET /healthz': PUBLIC,
  'GET /media/:file': PUBLIC,
  'GET /favicon.ico': PUBLIC,
  'GET /icon.svg': PUBLIC,
  'GET /apple-touch-icon.png': PUBLIC,
  'GET /icon-192.png': PUBLIC,
  'GET /icon-512.png': PUBLIC,
  'GET /manifest.webmanifest': PUBLIC,
  'GET /api': PUBLIC,
  'GET /': PUBLIC,
  'GET /guide': PUBLIC,
  'GET /services': PUBLIC,
  'GET /services/:slug': PUBLIC,
  'GET /self-check': PUBLIC,
  'POST /self-check': PUBLIC,
  'GET /contact': PUBLIC,
  'POST /contact/message': PUBLIC,
  'POST /contact/callback': PUBLIC,
  'GET /contact/sent': PUBLIC,
  'GET /privacy': PUBLIC,
  'GET /your-data': PUBLIC,
  'POST /your-data': PUBLIC,
  'GET /your-data/:token': capability('data copy link: single-use, 24 hours, mailed to the address'),
  'POST /your-data/:token': capability('data copy link: single-use, 24 hours, mailed to the address'),
  'GET /therapists': PUBLIC,
  'GET /therapists/:slug': PUBLIC,
  'GET /match': PUBLIC,
  'POST /match': PUBLIC,
  'GET /match/how': PUBLIC,
  'GET /safety': PUBLIC,
  'POST /safety': PUBLIC,
  'GET /book': PUBLIC,
  'POST /book': PUBLIC,
  'POST /book/waitlist': PUBLIC,
  'GET /manage/:token': capability('manage link: one booking'),
  'GET /manage/:token/calendar.ics': capability('manage link: one booking'),
  'GET /manage/:token/rematch': capability('manage link: one booking'),
  'GET /manage/:token/cancel': capability('manage link: one booking'),
  'POST /manage/:token/cancel': capability('manage link: one booking'),
  'GET /manage/:token/reschedule': capability('manage link: one booking'),
  'POST /manage/:token/reschedule': capability('manage link: one booking'),
  'GET /manage/:token/next': capability('manage link: one booking (its next session)'),
  'POST /manage/:token/next': capability('manage link: one booking (its next session)'),
  'GET /manage/:token/intake': capability('manage link: one booking'),
  'POST /manage/:token/intake': capability('manage link: one booking'),
  'GET /intake/:token': capability('a partner’s intake link: one booking, one person, derived from the booking'),
  'POST /intake/:token': capability('a partner’s intake link: one booking, one person, derived from the booking'),
  'GET /invoice/:token': capability('invoice link: one invoice, derived from it, mailed to the client'),
  'GET /invoice/:token/invoice.pdf': capability('invoice link: one invoice, derived from it, mailed to the client'),
  'GET /invoice/:token/receipt.pdf': capability('invoice link: one invoice, derived from it, mailed to the client'),
  'GET /waitlist/leave/:token': capability('leave link: one waiting-list entry'),
  'POST /waitlist/leave/:token': capability('leave link: one waiting-list entry'),

  // The JSON API.
  'GET /api/v1/openapi.json': PUBLIC,
  'GET /api/v1/services': PUBLIC,
  'GET /api/v1/concerns': PUBLIC,
  'GET /api/v1/therapists': PUBLIC,
  'GET /api/v1/therapists/:id/slots': PUBLIC,
  'POST /api/v1/match': PUBLIC,
  'POST /api/v1/bookings': PUBLIC,
  'POST /api/v1/waitlist': PUBLIC,
  'GET /api/v1/manage/:token': capability('manage link: one booking'),
  'POST /api/v1/manage/:token/cancel': capability('manage link: one booking'),
  'POST /api/v1/manage/:token/reschedule': capability('manage link: one booking'),
  'GET /api/v1/manage/:token/calendar.ics': capability('manage link: one booking'),

  // The companion declares its routes in its own table (src/web/companion/routes.tsx), read in below.

  // Staff: signing in.
  'GET /staff/login': PUBLIC,
  'POST /staff/login': PUBLIC,
  'GET /staff/password-reset': PUBLIC,
  'POST /staff/password-reset': PUBLIC,
  'GET /staff/password-reset/:token': capability('password reset link: single-use, 30 minutes'),
  'POST /staff/password-reset/:token': capability('password reset link: single-use, 30 minutes'),
  'GET /staff/invitation/:token': capability('invitation link: single-use, 7 days'),
  'POST /staff/invitation/:token': capability('invitation link: single-use, 7 days'),
  'GET /staff/calendar/:file': capability('calendar feed: one therapist, revocable'),
  'GET /staff/login/code': staff('session.pending'),
  'POST /staff/login/code': staff('session.pending'),
  'POST /staff/login/recovery': staff('session.pending'),
  'GET /staff/two-factor': staff('session.pending'),
  'POST /staff/two-factor': staff('session.pending'),
  'POST /staff/logout': staff('session.pending'),

  // Staff: everyone signed in.
  'GET /staff': staff('staff.home'),
  'GET /staff/kept': staff('account.manage'),
  'GET /staff/account': staff('account.manage'),
  'POST /staff/account/password': staff('account.manage'),
  'POST /staff/account/two-factor': staff('account.manage'),
  'POST /staff/account/recovery-codes': staff('account.manage'),
  'POST /staff/account/sessions/sign-out-others': staff('account.manage'),
  'POST /staff/account/sessions/sign-out-all': staff('account.manage'),

  // Staff: therapists.
  'GET /staff/week': staff('week.read'),
  'GET /staff/bookings/:id': staff('booking.read'),
  'POST /staff/bookings/:id/attended': staff('booking.mark'),
  'POST /staff/bookings/:id/no-show': staff('booking.mark'),
  'POST /staff/bookings/:id/cancel': staff('booking.cancel'),
  'GET /staff/bookings/:id/series': staff('series.manage'),
  'POST /staff/bookings/:id/series': staff('series.manage'),
  'GET /staff/bookings/:id/note': staff('booking.session_note'),
  'POST /staff/bookings/:id/note': staff('booking.session_note'),
  'GET /staff/bookings/:id/client': staff('client.record.read'),
  'GET /staff/series/:id': staff('series.manage'),
  'POST /staff/series/:id/end': staff('series.manage'),
  'POST /staff/invoices/:id/issue': staff('invoice.manage'),
  'POST /staff/invoices/:id/paid': staff('invoice.manage'),
  'POST /staff/invoices/:id/void': staff('invoice.manage'),
  'GET /staff/hours': staff('hours.manage'),
  'POST /staff/hours/weekly': staff('hours.manage'),
  'POST /staff/hours/dates': staff('hours.manage'),
  'POST /staff/hours/dates/remove': staff('hours.manage'),
  'POST /staff/hours/time-off': staff('hours.manage'),
  'POST /staff/hours/time-off/remove': staff('hours.manage'),
  'GET /staff/profile': staff('profile.manage'),
  'POST /staff/profile': staff('profile.manage'),
  'GET /staff/profile/preview': staff('profile.manage'),
  'POST /staff/profile/photo': staff('profile.manage'),
  'POST /staff/profile/photo/remove': staff('profile.manage'),
  'GET /staff/calendar': staff('calendar.manage'),
  'POST /staff/calendar/new': staff('calendar.manage'),
  'POST /staff/calendar/revoke': staff('calendar.manage'),

  // Staff: admins.
  'GET /staff/schedule': staff('schedule.read'),
  'GET /staff/admin': staff('admin.home'),
  'GET /staff/admin/therapists': staff('admin.therapists'),
  'POST /staff/admin/therapists/invite': staff('admin.therapists'),
  'GET /staff/admin/therapists/:id': staff('admin.therapists'),
  'GET /staff/admin/therapists/:id/profile': staff('admin.therapists'),
  'POST /staff/admin/therapists/:id/profile': staff('admin.therapists'),
  'GET /staff/admin/therapists/:id/preview': staff('admin.therapists'),
  'GET /staff/admin/therapists/:id/deactivate': staff('admin.therapists'),
  'POST /staff/admin/therapists/:id/deactivate': staff('admin.therapists'),
  'GET /staff/admin/therapists/:id/activate': staff('admin.therapists'),
  'POST /staff/admin/therapists/:id/activate': staff('admin.therapists'),
  'POST /staff/admin/therapists/:id/reset-second-factor': staff('admin.therapists'),
  'POST /staff/admin/therapists/:id/photo': staff('admin.therapists'),
  'POST /staff/admin/therapists/:id/photo/remove': staff('admin.therapists'),
  'GET /staff/admin/bookings/:id/move': staff('booking.reassign'),
  'POST /staff/admin/bookings/:id/reassign': staff('booking.reassign'),
  'GET /staff/admin/services': staff('admin.services'),
  'GET /staff/admin/services/:id': staff('admin.services'),
  'POST /staff/admin/services/:id': staff('admin.services'),
  'GET /staff/admin/settings': staff('admin.settings'),
  'POST /staff/admin/settings': staff('admin.settings'),
  'POST /staff/admin/settings/logo': staff('admin.settings'),
  'POST /staff/admin/settings/logo/remove': staff('admin.settings'),
  'GET /staff/admin/invoices': staff('admin.invoices'),
  'GET /staff/admin/billing': staff('admin.invoices'),
  'POST /staff/admin/billing': staff('admin.invoices'),
  'GET /staff/admin/profile-changes': staff('admin.profiles'),
  'POST /staff/admin/profile-changes/:id/approve': staff('admin.profiles'),
  'POST /staff/admin/profile-changes/:id/reject': staff('admin.profiles'),
  'GET /staff/admin/inbox': staff('admin.inbox'),
  'GET /staff/admin/inbox/:id': staff('admin.inbox'),
  'POST /staff/admin/inbox/:id/handled': staff('admin.inbox'),
  'GET /staff/admin/waitlist': staff('admin.waitlist'),
  'GET /staff/admin/mail': staff('admin.mail'),
  'POST /staff/admin/mail/:id/send-again': staff('admin.mail'),
  'GET /staff/admin/audit': staff('admin.audit'),
  'GET /staff/admin/clients': staff('admin.clients'),
  'POST /staff/admin/clients/find': staff('admin.clients'),
  'POST /staff/admin/clients/export': staff('admin.clients'),
  'POST /staff/admin/clients/erase': staff('admin.clients'),
};

// The companion's table: public, or a signed-in client (its circle routes also check membership).
for (const r of COMPANION_ROUTES) {
  const path = r.path === '/' ? '/companion' : `/companion${r.path}`;
  let rule: RouteRule;
  if (r.access === 'member') rule = client('companion: a member of the circle');
  else if (r.access !== 'public') rule = client('companion: signed-in client');
  // A public companion route with a token in its path is a capability URL (magic link, invitation).
  else if (path.includes(':token')) rule = capability('companion: a single-use link sent by e-mail');
  else rule = PUBLIC;
  ROUTE_ACCESS[`${r.method} ${path}`] = rule;
}

/** The rule for a registered route, or undefined when it was never declared. */
export function ruleFor(method: string, path: string): RouteRule | undefined {
  return ROUTE_ACCESS[`${method.toUpperCase()} ${path}`];
}
