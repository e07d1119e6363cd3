import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeWindow, decideChange } from '../../src/domain/booking.ts';
import { feeWords, formatFee, fromWords, lowestPaidFee, serviceFee, sessionFee, therapistFee } from '../../src/domain/fees.ts';

const couples = { id: 'couples', priceMinor: 9500, currency: 'GBP', active: true };
const consult = { id: 'consult', priceMinor: 0, currency: 'GBP', active: true };
/** A therapist charging `feeMinor` (0: the service's price) for every service they offer. */
const therapist = (feeMinor: number, serviceIds = ['couples', 'consult'], active = true) => ({
  currency: 'GBP',
  serviceIds,
  serviceFees: feeMinor > 0 ? Object.fromEntries(serviceIds.map((id) => [id, feeMinor])) : {},
  active,
});

describe('fees: one source of truth', () => {
  it('a session costs the therapist’s own fee; a free service stays free; no fee of their own means the service’s price', () => {
    expect(sessionFee(couples, therapist(6000))).toEqual({ minor: 6000, currency: 'GBP' });
    expect(sessionFee(consult, therapist(6000))).toEqual({ minor: 0, currency: 'GBP' });
    expect(sessionFee(couples, therapist(0))).toEqual({ minor: 9500, currency: 'GBP' });
  });

  it('each service has its own fee: individual and psychosexual sessions need not cost the same', () => {
    const psychosexual = { id: 'psychosexual', priceMinor: 11000, currency: 'GBP', active: true };
    const marta = { currency: 'GBP', serviceIds: ['couples', 'psychosexual'], serviceFees: { couples: 8000 } };
    expect(sessionFee(couples, marta).minor).toBe(8000);
    expect(sessionFee(psychosexual, marta).minor).toBe(11000);
    expect(lowestPaidFee(marta, [couples, psychosexual, consult])).toBe(8000);
    expect(lowestPaidFee({ ...marta, serviceIds: ['consult'] }, [couples, psychosexual, consult])).toBe(0);
    expect(fromWords(therapistFee(marta, [couples, psychosexual])!)).toBe('from £80');
  });

  it('a service: "from" the lowest fee among the active therapists offering it, one fee when they agree, the service’s price when nobody offers it', () => {
    const price = serviceFee(couples, [therapist(9000), therapist(6000), therapist(4000, ['consult']), therapist(3000, ['couples'], false), therapist(12000)]);
    expect(price).toEqual({ kind: 'from', fee: { minor: 6000, currency: 'GBP' } });
    expect(fromWords(price)).toBe('from £60');
    expect(fromWords(serviceFee(couples, [therapist(9000), therapist(9000)]))).toBe('£90');
    expect(fromWords(serviceFee(couples, [therapist(5000, ['consult'])]))).toBe('£95');
    expect(fromWords(serviceFee(consult, [therapist(9000), therapist(6000)]))).toBe('free');
  });

  it('a therapist: their fee for their paid services, "from" only when those differ', () => {
    expect(fromWords(therapistFee(therapist(9000), [couples, consult])!)).toBe('£90');
    const individual = { id: 'individual', priceMinor: 7500, currency: 'GBP', active: true };
    expect(fromWords(therapistFee(therapist(0, ['couples', 'individual']), [couples, individual])!)).toBe('from £75');
    expect(therapistFee(therapist(9000, ['consult']), [couples, consult])).toBeUndefined();
    expect(therapistFee(therapist(9000, []), [couples, consult])).toBeUndefined();
  });

  it('money reads as people write it', () => {
    expect(formatFee({ minor: 9000, currency: 'GBP' })).toBe('£90');
    expect(formatFee({ minor: 9250, currency: 'GBP' })).toBe('£92.50');
    expect(feeWords({ minor: 0, currency: 'GBP' })).toBe('free');
  });

  const fee = fc.integer({ min: 0, max: 50_000 });
  const people = fc.array(fc.record({ feeMinor: fee, active: fc.boolean(), offers: fc.boolean() }), { maxLength: 8 });

  it('property: "from £X" is the lowest real fee of an active therapist offering it, and every such therapist’s fee is at least X', () => {
    fc.assert(
      fc.property(fee, people, (price, list) => {
        const service = { id: 's', priceMinor: price, currency: 'GBP' };
        const ts = list.map((p) => ({
          serviceFees: (p.feeMinor > 0 ? { s: p.feeMinor } : {}) as Record<string, number>,
          currency: 'GBP',
          active: p.active,
          serviceIds: p.offers ? ['s'] : [],
        }));
        const result = serviceFee(service, ts);
        const real = ts.filter((t) => t.active && t.serviceIds.includes('s')).map((t) => sessionFee(service, t).minor);
        if (price === 0) return result.kind === 'free';
        if (real.length === 0) return result.kind === 'fixed' && result.fee.minor === price;
        const lowest = Math.min(...real);
        if (result.kind === 'free') return false;
        // The shown amount is a fee someone really charges, nobody charges less, and "from" is said exactly when fees differ.
        return result.fee.minor === lowest && real.includes(result.fee.minor) && (result.kind === 'from') === real.some((m) => m !== lowest);
      }),
    );
  });

  it('property: a free service is free with every therapist; a paid one is never free', () => {
    fc.assert(
      fc.property(fee, fee, (price, own) => {
        const f = sessionFee({ id: 's', priceMinor: price, currency: 'GBP' }, { serviceFees: own > 0 ? { s: own } : {}, currency: 'GBP' });
        return price === 0 ? f.minor === 0 : f.minor > 0 && f.minor === (own > 0 ? own : price);
      }),
    );
  });
});

describe('the change window before booking', () => {
  const H = 3_600_000;
  it('property: inside the window exactly when decideChange would refuse the client a change of the booked session', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 * 40 }), fc.integer({ min: 0, max: 72 }), (minutesAhead, hours) => {
        const now = 1_800_000_000_000;
        const start = now + minutesAhead * 60_000;
        const w = changeWindow(start, start + 50 * 60_000, now, { lateCancellationHours: hours });
        const refused = !decideChange({
          actor: 'client',
          kind: 'reschedule',
          booking: { status: 'confirmed', startsAt: start, endsAt: start + 50 * 60_000 },
          now,
          settings: { lateCancellationHours: hours },
        }).ok;
        return w.insideNow === refused && w.until === start - hours * H && w.insideNow === start - now < hours * H;
      }),
    );
  });
});
