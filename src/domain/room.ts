// The online room of a session: where a client and their therapist meet by video. Pure rules, no I/O.
//
// A session's room link is, in order: the therapist's own fixed link (set on their profile), else the
// practice's template (VIDEO_URL_TEMPLATE, "{room}" replaced by the session's room id), else none (the
// practice sends the link itself, and the pages say so). In-person sessions have none; neither does a
// session that is cancelled, or whose end has passed.
//
// The room id is derived from the booking's id with a key only the app holds (like the manage token), so it
// is never stored, is the same in every e-mail and page, and says nothing about the client or the service.

/** The statuses in which a session still has a room (it has not been cancelled or marked). */
const OPEN: ReadonlySet<string> = new Set(['pending', 'confirmed']);

/** The placeholder a template carries, exactly once. */
export const ROOM_PLACEHOLDER = '{room}';

/** How many bits of the derived capability a room id keeps (at least 128: unguessable). */
export const ROOM_ID_BITS = 160;

/**
 * A room id from a derived secret (a base64url HMAC of at least ROOM_ID_BITS bits): lower-case hex, because
 * some video services (Jitsi among them) fold room names to lower case, and hex loses nothing to that.
 */
export function roomIdFrom(secret: string): string {
  const bytes = Buffer.from(secret, 'base64url');
  if (bytes.length * 8 < ROOM_ID_BITS) throw new Error('A room id needs a longer secret');
  return bytes.subarray(0, ROOM_ID_BITS / 8).toString('hex');
}

/** Why a meeting link cannot be used (a therapist's own link, or a template once filled), or undefined when it can. */
export function meetingLinkProblem(value: string): string | undefined {
  if (value.length > 500) return 'Keep the link under 500 characters';
  if (/\s/.test(value)) return 'A link has no spaces in it';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter the full link, starting with https://';
  }
  if (url.protocol !== 'https:') return 'The link must start with https:// (a video call needs a secure connection)';
  if (url.username || url.password) return 'Leave any name or password out of the link';
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return 'Enter the full link, with the video service’s address';
  return undefined;
}

/** Why a VIDEO_URL_TEMPLATE cannot be used, or undefined when it can. */
export function roomTemplateProblem(template: string): string | undefined {
  const parts = template.split(ROOM_PLACEHOLDER);
  if (parts.length !== 2) return `must contain ${ROOM_PLACEHOLDER} exactly once, for example https://meet.jit.si/closer-${ROOM_PLACEHOLDER}`;
  const filled = fillTemplate(template, '0'.repeat(ROOM_ID_BITS / 4));
  if (new URL(filled, 'https://x.invalid').host !== new URL(template.replace(ROOM_PLACEHOLDER, 'x'), 'https://x.invalid').host)
    return `${ROOM_PLACEHOLDER} must be in the path or query, not the server's name`;
  const problem = meetingLinkProblem(filled);
  return problem ? `must be an https:// address (${problem.toLowerCase()})` : undefined;
}

export const fillTemplate = (template: string, roomId: string) => template.replace(ROOM_PLACEHOLDER, roomId);

export interface RoomSession {
  format: string;
  status: string;
  /** When the session ends (epoch ms). */
  end: number;
  /** The therapist's own fixed link, if they set one. */
  therapistLink: string | null;
}

/**
 * The room link of a session now, or undefined: none in person, none once cancelled or marked, none after
 * the end. The therapist's own link wins over the practice's template; `roomId` is asked for only when
 * the template is used.
 */
export function sessionRoomUrl(s: RoomSession, now: number, template: string | undefined, roomId: () => string): string | undefined {
  if (s.format !== 'online' || !OPEN.has(s.status) || now >= s.end) return undefined;
  if (s.therapistLink) return s.therapistLink;
  return template ? fillTemplate(template, roomId()) : undefined;
}

/** Where the link comes from, for the words around it: a per-session room, the therapist's own, or none. */
export function roomSource(therapistLink: string | null, template: string | undefined): 'therapist' | 'practice' | 'none' {
  return therapistLink ? 'therapist' : template ? 'practice' : 'none';
}
