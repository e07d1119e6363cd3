// GET /manage/{token}/rematch: "Not the right fit?" from a booking. A second match that leaves out the
// booked therapist, starting from what the booking already knows (who is coming when the service says,
// how they meet, their zone); the rest is asked again, since match answers are never stored. The form
// posts to /match: nothing goes into a URL and nothing new is stored.
import type { Context } from 'hono';
import { manageFacts } from '../../usecases/bookings/manage-facts.ts';
import { bookingByToken } from '../../usecases/bookings/read.ts';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.tsx';
import { notFoundPage } from './errors.tsx';
import { ManageRematchForm } from './match-rematch.tsx';

export async function manageRematchPage(c: Context<AppEnv>) {
  c.set('privatePage', true);
  const token = c.req.param('token') ?? '';
  const booking = await bookingByToken(c.var.deps, token);
  if (!booking) return notFoundPage(c);
  const facts = await manageFacts(c.var.deps, booking);
  const fields: [string, string][] = [
    ...(facts?.relationship ? [['relationship', facts.relationship] as [string, string]] : []),
    ['format', booking.format === 'in_person' ? 'in_person' : 'online'],
    ['tz', booking.clientTimeZone],
    ['exclude', booking.therapistId],
  ];
  const active = booking.status === 'confirmed' || booking.status === 'pending';
  return renderPage(
    c,
    { title: 'Not the right fit?', private: true },
    <div class="narrow">
      <p>
        <a class="back-link" href={`/manage/${token}`}>
          Back to your appointment
        </a>
      </p>
      <h1>Not the right fit?</h1>
      <p>
        It is common for the first therapist not to be the right one, and it is fine to look for someone else. We will match you again, leaving out{' '}
        {booking.therapistName}.
      </p>
      <p>
        From this booking we keep {facts?.relationship ? 'who is coming, ' : ''}how you would like to meet (
        {booking.format === 'in_person' ? 'in person' : 'online'}) and your time zone. We do not keep the answers you gave when you first looked, so we will ask
        what is happening again. Nothing new is stored.
      </p>
      {active ? (
        <p class="notice">
          Your appointment with {booking.therapistName} stays booked until you cancel it. If you book someone else, please{' '}
          <a href={`/manage/${token}/cancel`}>cancel this one</a> so the time can go to someone else.
        </p>
      ) : null}
      <ManageRematchForm fields={fields} therapistName={booking.therapistName} />
    </div>,
  );
}
