// Ids that sort in the order rows were made: the time, then a per-process counter, then randomness.
// Used where order matters and several rows can share a millisecond (the outbox, the waiting list).
import { randomBytes } from 'node:crypto';

let counter = 0;

export function orderedId(now: number): string {
  counter = (counter + 1) % 36 ** 4;
  return `${Math.max(0, Math.trunc(now)).toString(36).padStart(9, '0')}${counter.toString(36).padStart(4, '0')}${randomBytes(6).toString('hex')}`;
}
