// The video room on the staff side: a fact on a booking's page, and the week's online sessions with their
// links (the grid's entries are links to the booking already, so the rooms are listed beneath it).
import { clockTime } from '../../mail/when.ts';
import { staffWhen } from './layout.tsx';

/** "Video room" on a booking's page: the link while it can be joined; for an open online session without one, what to do. */
export function RoomFact({ booking, now }: { booking: { format: string; status: string; end: number; roomUrl: string | null }; now: number }) {
  const open = (booking.status === 'confirmed' || booking.status === 'pending') && now < booking.end;
  if (booking.format !== 'online' || !open) return null;
  return (
    <>
      <dt>Video room</dt>
      <dd data-room="">
        {booking.roomUrl ? (
          <a href={booking.roomUrl} rel="noreferrer noopener">
            {booking.roomUrl}
          </a>
        ) : (
          <span>None from this site: please send the client how to join (they have been told it comes from the practice).</span>
        )}
      </dd>
    </>
  );
}

/** The week's online sessions that can still be joined, each with its room. */
export function WeekRooms({
  sessions,
  rooms,
  timeZone,
}: {
  sessions: readonly { id: string; start: number; end: number; clientName: string }[];
  rooms: Record<string, string>;
  timeZone: string;
}) {
  const listed = sessions.filter((s) => rooms[s.id]);
  if (listed.length === 0) return null;
  return (
    <section aria-labelledby="rooms-title">
      <h2 id="rooms-title">Video rooms this week</h2>
      <ul class="week-list" data-rooms="">
        {listed.map((s) => (
          <li>
            {staffWhen(s.start, timeZone)}–{clockTime(s.end, timeZone)} {s.clientName}:{' '}
            <a href={rooms[s.id]} rel="noreferrer noopener">
              join the video room
            </a>{' '}
            <span class="muted">{rooms[s.id]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
