// How to join an online session, in words, the same in every e-mail and on the manage page: the room's
// link when there is one; when there is none, who sends it (the practice, not this site) and what to do
// if it has not come.
import type { PracticeSettings } from '../domain/practice.ts';

/** The session as far as joining goes. */
export interface JoinFacts {
  format: string;
  /** The room's link now (usecases/bookings/room.ts), or null. */
  roomUrl?: string | null | undefined;
}

/** Said when an online session has no link from this site: honest about who sends it. */
export const noRoomWords = (phone: string) =>
  `This site does not send a joining link for this session: the practice sends you one itself. If nobody has told you how to join by the day before, please call us on ${phone}.`;

/** A line under the room's link: who it is for (a per-session room, a series' shared room or the therapist's own link alike). */
export const ROOM_NOTE = 'The link is for you and your therapist. Please keep it to yourself.';

/** The lines an e-mail about an online session adds (none for in person). */
export function joinLines(s: JoinFacts, practice: Pick<PracticeSettings, 'phone'>): string[] {
  if (s.format !== 'online') return [];
  if (s.roomUrl) return ['', 'To join by video at the time of your appointment, open:', s.roomUrl, ROOM_NOTE];
  return ['', noRoomWords(practice.phone)];
}
