// The session note's lock rule (src/domain/session-notes.ts): no note before a session starts or for a
// cancelled (or pending) session; the first note is always the original; the original can be changed until
// exactly 72 hours after the session's end, and from that instant every change is an addendum. And the form
// schema: random input never throws and never passes out of shape.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NOTE_LOCK_HOURS, NOTE_TEXT_MAX, NoteForm, noteLockedAt, noteWrite, toNoteContent } from '../../src/domain/session-notes.ts';
import { CONCERN_IDS } from '../../src/domain/types.ts';

const HOUR = 3_600_000;
const STATUSES = ['pending', 'confirmed', 'attended', 'no_show', 'cancelled'] as const;
const session = fc
  .record({ status: fc.constantFrom(...STATUSES), start: fc.integer({ min: 0, max: 2 ** 40 }), minutes: fc.integer({ min: 1, max: 240 }) })
  .map((s) => ({ status: s.status, start: s.start, end: s.start + s.minutes * 60_000 }));

describe('the lock rule', () => {
  test('property: closed before the start or for a session that did not take place; else original, edit before the lock, addendum from it', () => {
    fc.assert(
      fc.property(session, fc.integer({ min: -10 * HOUR, max: 200 * HOUR }), fc.boolean(), (s, offset, hasOriginal) => {
        const now = s.start + offset;
        const w = noteWrite(s, now, hasOriginal);
        const noted = s.status === 'confirmed' || s.status === 'attended' || s.status === 'no_show';
        if (!noted || now < s.start) return w === 'closed';
        if (!hasOriginal) return w === 'original';
        return w === (now < s.end + NOTE_LOCK_HOURS * HOUR ? 'edit' : 'addendum');
      }),
      { numRuns: 2000 },
    );
  });

  test('property: once locked, always locked (the later moment never reopens the original)', () => {
    fc.assert(
      fc.property(session, fc.integer({ min: 0, max: 400 * HOUR }), fc.integer({ min: 0, max: 400 * HOUR }), (s, a, b) => {
        const [early, late] = a <= b ? [s.start + a, s.start + b] : [s.start + b, s.start + a];
        return !(noteWrite(s, early, true) === 'addendum' && noteWrite(s, late, true) === 'edit');
      }),
      { numRuns: 1000 },
    );
  });

  test('the boundary: the last millisecond before 72 hours edits, the 72nd hour itself adds', () => {
    const s = { status: 'attended', start: Date.parse('2027-03-01T10:00:00Z'), end: Date.parse('2027-03-01T10:50:00Z') };
    expect(noteLockedAt(s)).toBe(Date.parse('2027-03-04T10:50:00Z'));
    expect(noteWrite(s, noteLockedAt(s) - 1, true)).toBe('edit');
    expect(noteWrite(s, noteLockedAt(s), true)).toBe('addendum');
    expect(noteWrite(s, s.start - 1, false)).toBe('closed');
    expect(noteWrite(s, s.start, false)).toBe('original');
    expect(noteWrite({ ...s, status: 'cancelled' }, s.end, false)).toBe('closed');
  });
});

describe('the note form', () => {
  const fields = ['text', 'themes', 'risk', 'nextSteps'] as const;
  const anyValue = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('', ' ', 'yes', 'no', 'maybe', ...CONCERN_IDS),
    fc.array(fc.constantFrom('trust-issues', 'loneliness', 'not-a-theme'), { maxLength: 4 }),
    fc.constantFrom('x'.repeat(NOTE_TEXT_MAX), 'x'.repeat(NOTE_TEXT_MAX + 1), ' '.repeat(5)),
  );
  test('property: random input never throws; what passes is in shape', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...fields), anyValue), (form) => {
        const r = NoteForm.safeParse(form);
        if (!r.success) return r.error.issues.every((i) => fields.includes(String(i.path[0]) as (typeof fields)[number]));
        const c = toNoteContent(r.data);
        return (
          c.text.trim().length > 0 &&
          c.text.length <= NOTE_TEXT_MAX &&
          c.themes.every((t) => (CONCERN_IDS as readonly string[]).includes(t)) &&
          new Set(c.themes).size === c.themes.length &&
          (c.risk === null || typeof c.risk === 'boolean') &&
          c.nextSteps.length <= 2000
        );
      }),
      { numRuns: 500 },
    );
  });
});
