// What a session costs: the one source of truth for every price a client sees (the services pages, the
// booking steps, the directory cards, a therapist's profile, the confirmation, the e-mail and the API).
// A free service is free; otherwise the therapist's own fee for that service, or the service's price when
// they have set none. "From £60" is the lowest real fee among the active therapists who offer the service,
// never a guess.
import type { Service, Therapist } from './types.ts';

export interface Money {
  /** Minor units (pence); 0 is free. */
  minor: number;
  currency: string;
}

/** What a price reads as: free, one fee, or "from" the lowest of several. */
export type FeeFrom = { kind: 'free'; currency: string } | { kind: 'fixed'; fee: Money } | { kind: 'from'; fee: Money };

type FeeService = Pick<Service, 'id' | 'priceMinor' | 'currency'>;
type FeeTherapist = Pick<Therapist, 'serviceFees' | 'currency'>;

/** What one session of a service costs with a therapist. */
export function sessionFee(service: FeeService, therapist: FeeTherapist): Money {
  if (service.priceMinor <= 0) return { minor: 0, currency: service.currency };
  const own = Object.hasOwn(therapist.serviceFees, service.id) ? therapist.serviceFees[service.id] : undefined;
  return own !== undefined && own > 0 ? { minor: own, currency: therapist.currency } : { minor: service.priceMinor, currency: service.currency };
}

/** The lowest fee of a therapist's paid services (0 when they offer none): what matching's budget compares. */
export function lowestPaidFee(therapist: FeeTherapist & Pick<Therapist, 'serviceIds'>, services: readonly FeeService[]): number {
  const fees = services.filter((s) => s.priceMinor > 0 && therapist.serviceIds.includes(s.id)).map((s) => sessionFee(s, therapist).minor);
  return fees.length ? Math.min(...fees) : 0;
}

const same = (a: Money, b: Money) => a.minor === b.minor && a.currency === b.currency;

/** Several fees as one price: the lowest, and "from" when they differ. None: undefined. */
function summarise(fees: readonly Money[]): FeeFrom | undefined {
  if (fees.length === 0) return undefined;
  const lowest = fees.reduce((a, b) => (b.minor < a.minor ? b : a));
  if (fees.every((f) => f.minor === 0)) return { kind: 'free', currency: lowest.currency };
  const paid = fees.filter((f) => f.minor > 0);
  const cheapest = paid.reduce((a, b) => (b.minor < a.minor ? b : a));
  return fees.every((f) => same(f, cheapest)) ? { kind: 'fixed', fee: cheapest } : { kind: 'from', fee: cheapest };
}

/**
 * What a service costs, as the services page and step 1 of booking say it: the fees of the active
 * therapists who offer it. Nobody offers it: the service's own price (what a therapist without a fee of
 * their own would charge).
 */
export function serviceFee(
  service: Pick<Service, 'id' | 'priceMinor' | 'currency'>,
  therapists: readonly Pick<Therapist, 'serviceIds' | 'serviceFees' | 'currency' | 'active'>[],
): FeeFrom {
  if (service.priceMinor <= 0) return { kind: 'free', currency: service.currency };
  const fees = therapists.filter((t) => t.active && t.serviceIds.includes(service.id)).map((t) => sessionFee(service, t));
  return summarise(fees) ?? { kind: 'fixed', fee: { minor: service.priceMinor, currency: service.currency } };
}

/**
 * What a therapist's paid sessions cost (a directory card, a profile): their fee for each active, paid
 * service they offer. Undefined when they offer no paid service.
 */
export function therapistFee(
  therapist: Pick<Therapist, 'serviceIds' | 'serviceFees' | 'currency'>,
  services: readonly Pick<Service, 'id' | 'priceMinor' | 'currency' | 'active'>[],
): FeeFrom | undefined {
  const fees = services.filter((s) => s.active && s.priceMinor > 0 && therapist.serviceIds.includes(s.id)).map((s) => sessionFee(s, therapist));
  return summarise(fees);
}

/** £90, £92.50, €80: whole amounts without pence. */
const moneyFormats = new Map<string, Intl.NumberFormat>();
export function formatFee(fee: Money): string {
  const whole = fee.minor % 100 === 0;
  const key = `${fee.currency}:${whole}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { style: 'currency', currency: fee.currency, minimumFractionDigits: whole ? 0 : 2 });
    moneyFormats.set(key, format);
  }
  return format.format(fee.minor / 100);
}

/** One fee in words: "free" or "£90". */
export const feeWords = (fee: Money): string => (fee.minor === 0 ? 'free' : formatFee(fee));

/** A price in words: "free", "£90" or "from £60". */
export function fromWords(price: FeeFrom): string {
  if (price.kind === 'free') return 'free';
  return price.kind === 'from' ? `from ${formatFee(price.fee)}` : formatFee(price.fee);
}

/** The lowest amount a price can be (0 when free), for the API and for sorting. */
export const lowestMinor = (price: FeeFrom): number => (price.kind === 'free' ? 0 : price.fee.minor);
