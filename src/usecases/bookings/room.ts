// A session's online room link (domain/room.ts has the rules): the therapist's own link, else the practice's
// VIDEO_URL_TEMPLATE with a room id derived from the booking's id (never stored: Encryptor.capability, like
// the manage token, so the same link comes out in every e-mail, page and feed), else none. The sessions of
// one series of ongoing sessions share one room, derived from the series' id: the client keeps the same
// link every week, and the series' one recurring invite can carry it.
import type { AppDeps } from '../../app/deps.ts';
import { roomIdFrom, sessionRoomUrl } from '../../domain/room.ts';

export type RoomDeps = Pick<AppDeps, 'encryptor' | 'config' | 'clock'>;

/** The room id of a booking: 160 bits derived from its id with the app's capability key; says nothing about the client. */
export const roomIdOf = (deps: Pick<AppDeps, 'encryptor'>, bookingId: string) => roomIdFrom(deps.encryptor.capability(`room:${bookingId}`));

/** The room id of a series of ongoing sessions: every one of its sessions meets there. */
export const seriesRoomIdOf = (deps: Pick<AppDeps, 'encryptor'>, seriesId: string) => roomIdFrom(deps.encryptor.capability(`room:series:${seriesId}`));

export interface RoomRow {
  id: string;
  format: string;
  status: string;
  ends_at: number;
  /** The booking's therapist's own link (null: none set). */
  therapist_video_url: string | null;
  /** The series of ongoing sessions it belongs to, if any: then the series' room. */
  series_id?: string | null | undefined;
}

/** The room link of a booking now, or null (in person, cancelled or marked, ended, or no link configured). */
export function roomUrlOf(deps: RoomDeps, row: RoomRow, now = deps.clock.now()): string | null {
  return (
    sessionRoomUrl(
      { format: row.format, status: row.status, end: Number(row.ends_at), therapistLink: row.therapist_video_url },
      now,
      deps.config.VIDEO_URL_TEMPLATE,
      () => (row.series_id ? seriesRoomIdOf(deps, row.series_id) : roomIdOf(deps, row.id)),
    ) ?? null
  );
}

/** The room links of one therapist's listed sessions, by booking id (those with none are left out). */
export function roomsOf(
  deps: RoomDeps,
  therapistLink: string | null,
  sessions: readonly { id: string; format: string; status: string; end: number; seriesId?: string | null | undefined }[],
): Record<string, string> {
  const now = deps.clock.now();
  const rooms: Record<string, string> = {};
  for (const s of sessions) {
    const url = roomUrlOf(
      deps,
      { id: s.id, format: s.format, status: s.status, ends_at: s.end, therapist_video_url: therapistLink, series_id: s.seriesId },
      now,
    );
    if (url) rooms[s.id] = url;
  }
  return rooms;
}

/** The room link of a series of ongoing sessions while it is running (null: in person, or no link configured). */
export function seriesRoomUrl(deps: RoomDeps, series: { id: string; format: string; therapistLink: string | null }): string | null {
  return (
    sessionRoomUrl(
      { format: series.format, status: 'confirmed', end: Number.POSITIVE_INFINITY, therapistLink: series.therapistLink },
      deps.clock.now(),
      deps.config.VIDEO_URL_TEMPLATE,
      () => seriesRoomIdOf(deps, series.id),
    ) ?? null
  );
}
