// "Book my next session": when a client may book their next session from the page of one that took place,
// and how long a manage link lasts after its session so that the offer can be made.

const DAY = 86_400_000;

/** How long a manage link keeps working after its session ends (the page then offers the next session). */
export const NEXT_SESSION_DAYS = 30;

/** When a manage link for a session ending at `end` stops working. */
export const manageLinkExpiry = (end: number) => end + NEXT_SESSION_DAYS * DAY;

/**
 * Whether the client may book their next session from this one: it took place (marked attended, or
 * confirmed and over), so a cancelled, missed or future session offers nothing here.
 */
export function mayBookNext(s: { status: string; end: number }, now: number): boolean {
  if (s.status === 'attended') return true;
  return s.status === 'confirmed' && now >= s.end;
}
