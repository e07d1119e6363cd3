// The private calendar feed: its page (create, replace with confirmation, turn off) and the feed itself,
// which a calendar app fetches by its secret address. A form sent again (a refresh, a second tab) never
// replaces an address already in use: the page posts which feed it showed, and only that one is replaced.
import { z } from 'zod';
import { createFeed, feedIcs, feedState, feedUrl, revokeFeed, webcalUrl } from '../../usecases/bookings/calendar-feed.ts';
import { CheckboxGroup, ErrorSummary, type FieldErrors, PostButton } from '../components/forms.tsx';
import { all, MALFORMED_FORM, one, readFormValues } from '../read-form.ts';
import { Done, staffNotFound, staffPage, staffWhen } from './layout.tsx';
import { auditOf } from './request.ts';
import { currentTherapistId, type StaffContext } from './session.ts';

const DONE = { revoked: 'The feed is turned off: calendar apps using its address get nothing from now on.' };
const STALE =
  'Your feed changed since this page was shown (perhaps the form was sent twice), so nothing was replaced. Its address is the one you last copied; if you did not copy it, replace it below.';

const Replaces = z.union([z.literal('').transform(() => null), z.string().regex(/^[A-Za-z0-9_-]{16}$/)]);

async function renderCalendar(c: StaffContext, state: { newUrl?: string; errors?: FieldErrors } = {}, status: 200 | 400 | 409 | 422 = 200) {
  const therapistId = currentTherapistId(c);
  const feed = await feedState(c.var.deps, therapistId);
  const since = feed?.since ?? null;
  const tz = (await c.var.deps.repos.practice.get()).timeZone;
  const errors = state.errors ?? {};
  return staffPage(
    c,
    { title: 'Calendar feed', status, scripts: state.newUrl ? ['copy-text.js'] : [] },
    <>
      <ErrorSummary errors={errors} order={['confirm']} />
      <Done messages={DONE} value={c.req.query('done')} />
      <h1>Your calendar feed</h1>
      <p>
        A private address your own calendar app (Apple Calendar, Google Calendar, Outlook) can subscribe to, so your sessions appear there. Each entry says
        "Client session" and the booking reference: never a client's name or why they come. Anyone with the address can see those times, so keep it to yourself;
        you can replace it or turn it off at any time.
      </p>
      {state.newUrl ? (
        <div class="notice notice--ok" role="status">
          <h2>Your new feed address</h2>
          <p>For your privacy it is shown only this once. Add it to your calendar app now:</p>
          <p class="secret" id="feed-url">
            {state.newUrl}
          </p>
          <div class="button-row">
            <a class="button" href={webcalUrl(state.newUrl)}>
              Open in my calendar app
            </a>
            <button type="button" class="button button--secondary" data-copy="feed-url" data-copy-status="feed-url-status" hidden>
              Copy the address
            </button>
          </div>
          <p id="feed-url-status" class="muted" aria-live="polite" />
          <p class="muted">
            Or copy it into your calendar app's "subscribe to a calendar" or "add calendar from URL". The calendar is called "your sessions" there.
          </p>
        </div>
      ) : null}
      {since !== null ? <p>Your feed has been on since {staffWhen(since, tz)}.</p> : <p>You have no feed at the moment.</p>}
      {since === null ? (
        <form method="post" action="/staff/calendar/new">
          <input type="hidden" name="replaces" value="" />
          <button type="submit" class="button">
            Create a feed address
          </button>
        </form>
      ) : (
        <>
          <h2>Replace or turn off</h2>
          <form method="post" action="/staff/calendar/new" novalidate>
            <input type="hidden" name="replaces" value={feed?.label} />
            <CheckboxGroup
              name="confirm"
              label="Replace the address"
              hint="Every calendar app using the current address stops getting your sessions until you give it the new one."
              error={errors.confirm}
              options={[{ value: 'yes', label: 'I understand: the current address stops working' }]}
            />
            <button type="submit" class="button">
              Replace the address
            </button>
          </form>
          <PostButton action="/staff/calendar/revoke" label="Turn the feed off" variant="danger" />
        </>
      )}
    </>,
  );
}

export const calendarPage = (c: StaffContext) => renderCalendar(c);

export async function calendarCreate(c: StaffContext) {
  const fields = await readFormValues(c);
  if (!fields) return renderCalendar(c, { errors: { _form: MALFORMED_FORM } }, 400);
  const replaces = Replaces.safeParse(one(fields.replaces));
  if (!replaces.success) return renderCalendar(c, { errors: { _form: STALE } }, 409);
  if (replaces.data !== null && !all(fields.confirm).includes('yes')) {
    return renderCalendar(c, { errors: { confirm: 'Tick the box to replace the address, or leave the page to keep it' } }, 422);
  }
  const token = await createFeed(c.var.deps, currentTherapistId(c), replaces.data, auditOf(c));
  if (token === null) return renderCalendar(c, { errors: { _form: STALE } }, 409);
  return renderCalendar(c, { newUrl: feedUrl(c.var.deps.config.publicUrl, token) });
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
