// Session notes (issue 14): the rule for when a booking's therapist may write one, and when it is locked.
// A note can be written once the session has started (and was not cancelled); it can be changed until 72
// hours after the session's end; after that, every change is a dated addendum and the original stays as it was.
import { z } from 'zod';
import { CONCERN_IDS } from './types.ts';

export const NOTE_LOCK_HOURS = 72;
const HOUR = 3_600_000;

export const NOTE_TEXT_MAX = 20_000;
export const NOTE_NEXT_STEPS_MAX = 2_000;

/** The booking's statuses after which a note belongs (a cancelled or pending session has none). */
const NOTED_STATUSES = new Set(['confirmed', 'attended', 'no_show']);

export interface NotedSession {
  status: string;
  start: number;
  end: number;
}

/** The moment a session's note stops being editable. */
export const noteLockedAt = (s: Pick<NotedSession, 'end'>) => s.end + NOTE_LOCK_HOURS * HOUR;

/**
 * What writing now does: 'closed' (no note for this session, or not yet), 'original' (the first note),
 * 'edit' (the original is changed, within 72 hours of the end), 'addendum' (locked: a new dated row).
 */
export type NoteWrite = 'closed' | 'original' | 'edit' | 'addendum';

export function noteWrite(s: NotedSession, now: number, hasOriginal: boolean): NoteWrite {
  if (!NOTED_STATUSES.has(s.status) || now < s.start) return 'closed';
  if (!hasOriginal) return 'original';
  return now < noteLockedAt(s) ? 'edit' : 'addendum';
}

/** What a note holds (sealed as one value). */
export interface NoteContent {
  text: string;
  themes: string[];
  /** Whether the therapist flagged risk; null when the question was left unanswered. */
  risk: boolean | null;
  nextSteps: string;
}

const blank = (v: unknown) => (v === undefined || v === null ? '' : v);

/** The note form's fields, each with its own message. */
export const NoteForm = z.object({
  text: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .min(1, 'Write the note')
      .max(NOTE_TEXT_MAX, `Keep the note under ${NOTE_TEXT_MAX.toLocaleString('en-GB')} characters`),
  ),
  themes: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(CONCERN_IDS, { message: 'Choose themes from the list' })).max(CONCERN_IDS.length),
  ),
  risk: z.preprocess(blank, z.enum(['', 'yes', 'no'], { message: 'Choose yes or no' })),
  nextSteps: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .max(NOTE_NEXT_STEPS_MAX, `Keep the next steps under ${NOTE_NEXT_STEPS_MAX.toLocaleString('en-GB')} characters`),
  ),
});

export const toNoteContent = (f: z.output<typeof NoteForm>): NoteContent => ({
  text: f.text,
  themes: [...new Set(f.themes)],
  risk: f.risk === '' ? null : f.risk === 'yes',
  nextSteps: f.nextSteps,
});
