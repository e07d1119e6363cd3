// How to join an online session, on the client's manage page: the room's link while the session can be
// joined, or (no link from this site) who sends it. Nothing in person, once cancelled, or after the end.
import { noRoomWords, ROOM_NOTE } from '../../mail/room-words.ts';

interface Props {
  booking: { format: string; status: string; end: number; roomUrl: string | null };
  phone: string;
  now: number;
}

export function JoinDetails({ booking, phone, now }: Props) {
  const open = booking.status === 'confirmed' || booking.status === 'pending';
  if (booking.format !== 'online' || !open || now >= booking.end) return null;
  if (!booking.roomUrl) return <p data-joining="">{noRoomWords(phone)}</p>;
  return (
    <section class="card" aria-labelledby="join-title" data-room="">
      <h2 id="join-title">Joining by video</h2>
      <p>At the time of your appointment, open this link in your browser (a phone works too). You do not need an account.</p>
      <p>
        <a class="button" href={booking.roomUrl} rel="noreferrer noopener">
          Join the video session
        </a>
      </p>
      <p class="manage-link">{booking.roomUrl}</p>
      <p class="muted">{ROOM_NOTE}</p>
    </section>
  );
}
