// formatInstant (offset spans + arithmetic) against Temporal formatting the same instants, in one run.
// Run: node bench/format-instant.ts (through npm: npm run bench:format).
import { Temporal } from 'temporal-polyfill';
import { formatInstant } from '../src/domain/time.ts';

const base = Date.UTC(2027, 0, 1);
const N = 200_000;
let t0 = performance.now();
let x = 0;
for (let i = 0; i < N; i++) x += formatInstant(base + i * 900_000, 'Europe/London').length;
const fast = performance.now() - t0;
t0 = performance.now();
for (let i = 0; i < N; i++)
  x += Temporal.Instant.fromEpochMilliseconds(base + i * 900_000)
    .toZonedDateTimeISO('Europe/London')
    .toString({ timeZoneName: 'never' }).length;
const slow = performance.now() - t0;
console.log(`formatInstant ${((fast / N) * 1000).toFixed(2)} µs/call, Temporal ${((slow / N) * 1000).toFixed(2)} µs/call, ×${(slow / fast).toFixed(1)}`, x > 0);
