// The private calendar feed: its page (create, replace, turn off) and the feed itself, which a calendar app
// fetches by its secret address.
import { createFeed, feedCreatedAt, feedIcs, feedUrl, revokeFeed } from '../../usecases/bookings/calendar-feed.ts';
import { Done, staffNotFound, staffPage, staffWhen } from './layout.tsx';
import { auditOf } from './request.ts';
import { currentTherapistId, type StaffContext } from './session.ts';

const DONE = { revoked: 'The feed is turned off: calendar apps using its address get nothing from now on.' };

async function renderCalendar(c: StaffContext, newUrl?: string) {
  const therapistId = currentTherapistId(c);
  const since = await feedCreatedAt(c.var.deps, therapistId);
  const tz = (await c.var.deps.repos.practice.get()).timeZone;
  return staffPage(
    c,
    { title: 'Calendar feed' },
    <>
      <Done messages={DONE} value={c.req.query('done')} />
      <h1>Your calendar feed</h1>
      <p>
        A private address your own calendar app (Apple Calendar, Google Calendar, Outlook) can subscribe to, so your sessions appear there. Each entry says
        "Client session" and the booking reference: never a client's name or why they come. Anyone with the address can see those times, so keep it to yourself;
        you can replace it or turn it off at any time.
      </p>
      {newUrl ? (
        <div class="notice notice--ok" role="status">
          <h2>Your new feed address</h2>
          <p>Copy it into your calendar app now ("subscribe to a calendar" or "add calendar from URL"). For your privacy it is shown only this once.</p>
          <p class="secret" id="feed-url">
            {newUrl}
          </p>
        </div>
      ) : null}
      {since !== null ? <p>Your feed has been on since {staffWhen(since, tz)}.</p> : <p>You have no feed at the moment.</p>}
      <div class="button-row">
        <form method="post" action="/staff/calendar/new">
          <button type="submit" class="button">
            {since !== null ? 'Replace the address (the old one stops working)' : 'Create a feed address'}
          </button>
        </form>
        {since !== null ? (
          <form method="post" action="/staff/calendar/revoke">
            <button type="submit" class="button button--danger">
              Turn the feed off
            </button>
          </form>
        ) : null}
      </div>
    </>,
  );
}

export const calendarPage = (c: StaffContext) => renderCalendar(c);

export async function calendarCreate(c: StaffContext) {
  const token = await createFeed(c.var.deps, currentTherapistId(c), auditOf(c));
  return renderCalendar(c, feedUrl(c.var.deps.config.publicUrl, token));
}

export async function calendarRevoke(c: StaffContext) {
  await revokeFeed(c.var.deps, currentTherapistId(c), auditOf(c));
  return c.redirect('/staff/calendar?done=revoked', 303);
}

/** GET /staff/calendar/{token}.ics: the feed, for whoever holds the address. */
export async function calendarFeed(c: StaffContext) {
  const match = /^([A-Za-z0-9_-]{43})\.ics$/.exec(c.req.param('file') ?? '');
  const ics = match ? await feedIcs(c.var.deps, match[1]!) : undefined;
  c.set('privatePage', true);
  if (!ics) return staffNotFound(c);
  return c.body(ics, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Disposition': 'inline; filename="sessions.ics"',
  });
}
