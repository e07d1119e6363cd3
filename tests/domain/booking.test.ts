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
