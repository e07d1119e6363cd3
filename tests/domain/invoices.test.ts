// The charging rule (attended, a missed session, a client's late cancellation) at its boundaries, the VAT
// line, numbering and the states an invoice moves through.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAN, chargeFor, dueOn, invoiceNumber, isLateCancellation, paidDateAllowed, shareOf, vatIncluded } from '../../src/domain/invoices.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const start = Date.UTC(2027, 2, 10, 10);
const fee = { minor: 6000, currency: 'GBP' };

describe('the late-cancellation charge', () => {
  it('exactly at the limit is not late; one minute inside is', () => {
    const policy = { chargeHours: 48, chargePercent: 50 };
    expect(chargeFor(policy, fee, start, { kind: 'client_cancelled', at: start - 48 * HOUR })).toBeNull();
    expect(chargeFor(policy, fee, start, { kind: 'client_cancelled', at: start - 48 * HOUR + MINUTE })).toEqual({
      kind: 'late_cancellation',
      amount: { minor: 3000, currency: 'GBP' },
    });
    expect(chargeFor(policy, fee, start, { kind: 'client_cancelled', at: start - 48 * HOUR - MINUTE })).toBeNull();
  });

  it('property: charged exactly when the policy charges, the session is paid and the cancellation is strictly inside the window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 720 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: -2000 * HOUR, max: 2000 * HOUR }),
        (hours, percent, minor, before) => {
          const at = start - before;
          const charge = chargeFor({ chargeHours: hours, chargePercent: percent }, { minor, currency: 'GBP' }, start, { kind: 'client_cancelled', at });
          const expected = minor > 0 && percent > 0 && before < hours * HOUR && shareOf(minor, percent) > 0;
          expect(charge !== null).toBe(expected);
          if (charge) {
            expect(charge.kind).toBe('late_cancellation');
            expect(charge.amount.minor).toBeGreaterThan(0);
            expect(charge.amount.minor).toBeLessThanOrEqual(minor);
            expect(Math.abs(charge.amount.minor - (minor * percent) / 100)).toBeLessThanOrEqual(0.5);
          }
          expect(isLateCancellation({ chargeHours: hours }, start, at)).toBe(before < hours * HOUR);
        },
      ),
    );
  });

  it('attended: always the whole fee; missed: the share, or nothing when the policy charges none; free: never', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 50_000 }), (percent, minor) => {
        const policy = { chargeHours: 24, chargePercent: percent };
        expect(chargeFor(policy, { minor, currency: 'GBP' }, start, { kind: 'attended' })).toEqual({ kind: 'session', amount: { minor, currency: 'GBP' } });
        const missed = chargeFor(policy, { minor, currency: 'GBP' }, start, { kind: 'no_show' });
        expect(missed?.amount.minor ?? 0).toBe(percent === 0 ? 0 : shareOf(minor, percent));
        expect(chargeFor(policy, { minor: 0, currency: 'GBP' }, start, { kind: 'attended' })).toBeNull();
      }),
    );
  });
});

describe('the invoice itself', () => {
  it('VAT: exempt is no line; a rate is the part of the amount that is VAT', () => {
    expect(vatIncluded(6000, null)).toBeNull();
    expect(vatIncluded(6000, 2000)).toBe(1000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 10_000 }), (amount, rate) => {
        const vat = vatIncluded(amount, rate)!;
        expect(vat).toBeGreaterThanOrEqual(0);
        expect(vat).toBeLessThanOrEqual(amount);
      }),
    );
  });

  it('numbers sort as they were given, within a year', () => {
    expect(invoiceNumber(2027, 1)).toBe('INV-2027-0001');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9998 }), (n) => {
        expect(invoiceNumber(2027, n) < invoiceNumber(2027, n + 1)).toBe(true);
      }),
    );
  });

  it('due after the terms; paid not before it was issued nor after today', () => {
    expect(dueOn(100, 14)).toBe(114);
    expect(paidDateAllowed(100, 100, 105)).toBe(true);
    expect(paidDateAllowed(99, 100, 105)).toBe(false);
    expect(paidDateAllowed(106, 100, 105)).toBe(false);
  });

  it('states: a draft is issued, an issued invoice paid, and only those two voided', () => {
    expect([CAN.issue('draft'), CAN.issue('issued'), CAN.issue('void')]).toEqual([true, false, false]);
    expect([CAN.pay('issued'), CAN.pay('draft'), CAN.pay('paid')]).toEqual([true, false, false]);
    expect([CAN.void('draft'), CAN.void('issued'), CAN.void('paid'), CAN.void('void')]).toEqual([true, true, false, false]);
  });
});
