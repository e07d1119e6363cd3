import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnyTherapistOption, assignAnyTherapist, type ChangeActor, type ChangeKind, decideChange, formatsFreeAt } from '../../src/domain/booking.ts';
import { FORMATS, type Format } from '../../src/domain/types.ts';

const option = (therapistId: string, formats: Format[], free = true, load = 0): AnyTherapistOption => ({ therapistId, formats, free, load });

describe('"any available therapist" and the format', () => {
  it('offers only the formats of the therapists free at the time, online first', () => {
    expect(formatsFreeAt([])).toEqual([]);
    expect(formatsFreeAt([{ formats: ['in_person'] }])).toEqual(['in_person']);
    expect(formatsFreeAt([{ formats: ['in_person'] }, { formats: ['online'] }])).toEqual(['online', 'in_person']);
  });

  it('a time only an in-person therapist is free for: online is refused as a format, not as a taken time', () => {
    const options = [option('daniel', ['in_person']), option('lucia', ['online'], false)];
    const online = assignAnyTherapist(options, 'online', 0);
    expect(online.ok).toBe(false);
    if (online.ok) return;
    expect(online.error.code).toBe('FORMAT_NOT_OFFERED');
    expect(online.error.detail).toBe('At that time the therapists who are free see clients only in person. Choose in person, or pick another time.');
    expect(assignAnyTherapist(options, 'in_person', 0)).toEqual({ ok: true, value: 'daniel' });
    expect(assignAnyTherapist(options, undefined, 0)).toEqual({ ok: true, value: 'daniel' });
  });

  it('nobody free at all is a taken time, whatever the format', () => {
    const options = [option('a', ['online'], false), option('b', ['in_person'], false)];
    for (const format of [undefined, 'online', 'in_person'] as const) {
      const r = assignAnyTherapist(options, format, 0);
      expect(r.ok ? undefined : r.error.code).toBe('NO_THERAPIST_FREE');
    }
    expect(assignAnyTherapist([], 'online', 0).ok).toBe(false);
  });

  it('among those free in the format, the lightest week wins; ties rotate', () => {
    const options = [
      option('a', ['online', 'in_person'], true, 3),
      option('b', ['online'], true, 1),
      option('c', ['in_person'], true, 0),
      option('d', ['online'], true, 1),
    ];
    // c has the lightest week but does not meet online: b and d tie, and the rotation picks between them.
    expect(new Set([0, 1, 2, 3].map((r) => (assignAnyTherapist(options, 'online', r) as { value: string }).value))).toEqual(new Set(['b', 'd']));
    expect(assignAnyTherapist(options, 'in_person', 0)).toEqual({ ok: true, value: 'c' });
    expect(assignAnyTherapist(options, undefined, 7)).toEqual({ ok: true, value: 'c' });
  });

  it('property: whoever is assigned is free and meets in the format asked for; a refusal is exact', () => {
    const arbOption = fc.record({
      therapistId: fc.string({ minLength: 1, maxLength: 4 }),
      formats: fc.subarray([...FORMATS]),
      free: fc.boolean(),
      load: fc.nat({ max: 5 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbOption, { selector: (o) => o.therapistId, maxLength: 8 }),
        fc.option(fc.constantFrom(...FORMATS), { nil: undefined }),
        fc.nat(),
        (options, format, rotation) => {
          const result = assignAnyTherapist(options, format, rotation);
          const free = options.filter((o) => o.free && o.formats.length > 0);
          if (result.ok) {
            const chosen = options.find((o) => o.therapistId === result.value)!;
            expect(chosen.free).toBe(true);
            if (format) expect(chosen.formats).toContain(format);
            // Fair: nobody eligible had a lighter week.
            const eligible = free.filter((o) => !format || o.formats.includes(format));
            expect(chosen.load).toBe(Math.min(...eligible.map((o) => o.load)));
          } else if (result.error.code === 'NO_THERAPIST_FREE') {
            expect(free).toEqual([]);
          } else {
            expect(result.error.code).toBe('FORMAT_NOT_OFFERED');
            expect(free.length).toBeGreaterThan(0);
            expect(free.some((o) => format && o.formats.includes(format))).toBe(false);
          }
        },
      ),
    );
  });
});

describe('the change policy (decideChange): every actor × kind × status × time', () => {
  const HOUR = 3_600_000;
  const ACTORS: ChangeActor[] = ['client', 'therapist', 'admin'];
  const KINDS: ChangeKind[] = ['cancel', 'reschedule', 'reassign', 'mark'];
  const STATUSES = ['pending', 'confirmed', 'cancelled', 'attended', 'no_show'] as const;
  const start = Date.parse('2027-03-10T10:00:00Z');
  const end = start + 50 * 60_000;
  const settings = { lateCancellationHours: 24 };
  /** When the question is asked, against the late window (24 hours before) and the session. */
  const MOMENTS = {
    'well before the late window': start - 72 * HOUR,
    'exactly at the late window': start - 24 * HOUR,
    'just inside the late window': start - 24 * HOUR + 1,
    'an hour before the start': start - HOUR,
    'at the start': start,
    'during the session': start + 10 * 60_000,
    'at the end': end,
    'after the end': end + 24 * HOUR,
    'just under a week after the end': end + 7 * 24 * HOUR - 1,
    'a week after the end': end + 7 * 24 * HOUR,
  } as const;
  type Moment = keyof typeof MOMENTS;

  /** The rule as the practice states it, written out case by case. */
  function expected(actor: ChangeActor, kind: ChangeKind, status: (typeof STATUSES)[number], moment: Moment): string {
    const now = MOMENTS[moment];
    if (kind === 'mark') {
      if (actor === 'client') return 'FORBIDDEN';
      if (status === 'cancelled' || status === 'pending') return 'ALREADY_CANCELLED';
      if (now < start) return 'SESSION_NOT_STARTED';
      if (status === 'confirmed') return 'ok';
      // A mark is corrected until a week after the session.
      return now < end + 7 * 24 * HOUR ? 'ok' : 'SESSION_PASSED';
    }
    if (kind === 'reassign' && actor !== 'admin') return 'FORBIDDEN';
    if (status === 'cancelled') return 'ALREADY_CANCELLED';
    if (status === 'attended' || status === 'no_show') return 'SESSION_PASSED';
    if (actor !== 'client') return now < start ? 'ok' : 'SESSION_PASSED';
    if (now >= end) return 'SESSION_PASSED';
    return start - now >= 24 * HOUR ? 'ok' : 'LATE_CANCELLATION';
  }

  const cases = ACTORS.flatMap((actor) =>
    KINDS.flatMap((kind) => STATUSES.flatMap((status) => (Object.keys(MOMENTS) as Moment[]).map((moment) => ({ actor, kind, status, moment })))),
  );
  it.each(cases)('$actor $kind, $status, $moment', ({ actor, kind, status, moment }) => {
    const outcome = decideChange({ actor, kind, booking: { status, startsAt: start, endsAt: end }, now: MOMENTS[moment], settings });
    expect(outcome.ok ? 'ok' : outcome.error.code).toBe(expected(actor, kind, status, moment));
  });

  const booking = fc
    .record({
      status: fc.constantFrom(...STATUSES),
      startsAt: fc.integer({ min: 0, max: 10 * 365 * 24 }).map((h) => Date.parse('2027-01-01T00:00:00Z') + h * HOUR),
      minutes: fc.integer({ min: 1, max: 240 }),
    })
    .map((b) => ({ status: b.status, startsAt: b.startsAt, endsAt: b.startsAt + b.minutes * 60_000 }));
  const offset = fc.integer({ min: -400 * 24, max: 400 * 24 }).map((h) => h * HOUR);
  const late = fc.record({ lateCancellationHours: fc.integer({ min: 0, max: 168 }) });

  it('a client may cancel or move a session exactly when it is active and the late window has not begun', () => {
    fc.assert(
      fc.property(booking, offset, late, (b, d, s) => {
        const now = b.startsAt + d;
        const allowed = (b.status === 'pending' || b.status === 'confirmed') && b.startsAt - now >= s.lateCancellationHours * HOUR && now < b.startsAt;
        for (const kind of ['cancel', 'reschedule'] as const) expect(decideChange({ actor: 'client', kind, booking: b, now, settings: s }).ok).toBe(allowed);
      }),
    );
  });

  it('whatever a client may do, the therapist and an admin may do too; cancel and move are always decided alike', () => {
    fc.assert(
      fc.property(booking, offset, late, (b, d, s) => {
        const now = b.startsAt + d;
        const ask = (actor: ChangeActor, kind: ChangeKind) => decideChange({ actor, kind, booking: b, now, settings: s });
        for (const actor of ACTORS) expect(ask(actor, 'cancel')).toEqual(ask(actor, 'reschedule'));
        if (ask('client', 'cancel').ok) {
          expect(ask('therapist', 'cancel').ok).toBe(true);
          expect(ask('admin', 'cancel').ok).toBe(true);
        }
      }),
    );
  });

  it('nobody changes a session once it has started; only the practice marks one, once it has started, and corrects the mark for 7 days', () => {
    fc.assert(
      fc.property(booking, offset, late, fc.constantFrom(...ACTORS), (b, d, s, actor) => {
        const now = b.startsAt + d;
        for (const kind of ['cancel', 'reschedule', 'reassign'] as const) {
          if (now >= b.startsAt) expect(decideChange({ actor, kind, booking: b, now, settings: s }).ok).toBe(false);
        }
        const mark = decideChange({ actor, kind: 'mark', booking: b, now, settings: s });
        const marked = b.status === 'attended' || b.status === 'no_show';
        expect(mark.ok).toBe(actor !== 'client' && now >= b.startsAt && (b.status === 'confirmed' || (marked && now < b.endsAt + 7 * 24 * HOUR)));
      }),
    );
  });

  it('a correction must change the mark: marking an attended session attended again is refused, the other way is allowed', () => {
    const b = { status: 'attended', startsAt: start, endsAt: end };
    const ask = (markAs: 'attended' | 'no_show', now: number) => decideChange({ actor: 'therapist', kind: 'mark', markAs, booking: b, now, settings });
    expect(ask('attended', end + HOUR).ok ? 'ok' : (ask('attended', end + HOUR) as { error: { code: string } }).error.code).toBe('CONFLICT');
    expect(ask('no_show', end + HOUR).ok).toBe(true);
    expect(ask('no_show', end + 7 * 24 * HOUR).ok).toBe(false);
    // A confirmed session may be marked either way.
    expect(decideChange({ actor: 'therapist', kind: 'mark', markAs: 'attended', booking: { ...b, status: 'confirmed' }, now: end, settings }).ok).toBe(true);
  });

  it('time only closes doors: a change refused for its timing stays refused later', () => {
    fc.assert(
      fc.property(
        booking,
        offset,
        fc.integer({ min: 1, max: 1000 * HOUR }),
        late,
        fc.constantFrom(...ACTORS),
        fc.constantFrom(...KINDS),
        (b, d, later, s, actor, kind) => {
          const now = b.startsAt + d;
          const first = decideChange({ actor, kind, booking: b, now, settings: s });
          if (!first.ok && ['LATE_CANCELLATION', 'SESSION_PASSED'].includes(first.error.code)) {
            expect(decideChange({ actor, kind, booking: b, now: now + later, settings: s }).ok).toBe(false);
          }
        },
      ),
    );
  });

  it('the late-cancellation message names the practice’s window', () => {
    const outcome = decideChange({
      actor: 'client',
      kind: 'cancel',
      booking: { status: 'confirmed', startsAt: start, endsAt: end },
      now: start - HOUR,
      settings: { lateCancellationHours: 48 },
    });
    expect(outcome.ok ? '' : outcome.error.detail).toContain('48 hours');
  });
});
