// A couple's circle with weeks of history, made through the use cases (no pages): for browser tests that
// look at a circle's home, its check-in and its charts. Signing in is done by a real session.
import type { BrowserContext } from 'playwright-core';
import { companionRepositoriesFor } from '../../src/db/repositories/companion.ts';
import { companionAccounts } from '../../src/db/repositories/companion-accounts.ts';
import { type CheckInAnswer, COMPANION_CONSENT_VERSION } from '../../src/domain/companion.ts';
import { openCheckInWeek, saveCheckIn } from '../../src/usecases/companion/check-ins.ts';
import { membershipOf, startCircle } from '../../src/usecases/companion/circles.ts';
import { openSession } from '../../src/usecases/sessions.ts';
import type { LiveApp } from './browser.ts';

const WEEK = 7 * 86_400_000;

/** A companion account for an address (consent given), and its id. */
export async function seedClient(live: LiveApp, email: string): Promise<string> {
  const deps = live.app.deps;
  const accounts = companionAccounts(deps.database.db, deps.encryptor);
  const index = deps.encryptor.blindIndex(email);
  await accounts.addClient({ emailIndex: index, emailSealed: deps.encryptor.encrypt(email), consentVersion: COMPANION_CONSENT_VERSION, now: deps.clock.now() });
  return (await accounts.clientByIndex(index))!.id;
}

/** Signs the browser context in as the client, by a session cookie of its own. */
export async function signInContext(live: LiveApp, context: BrowserContext, clientId: string): Promise<void> {
  const id = await openSession(live.app.deps, 'client', clientId);
  await context.addCookies([{ name: 'closer_client', value: id, url: live.url }]);
}

const answer = (c: [number, number, number], moreOf = ''): CheckInAnswer => ({
  closeness: { cognitive: c[0], experiential: c[1], emotional: c[2] },
  appreciation: '',
  moreOf,
  hurt: false,
  hurtWords: '',
  share: { cognitive: true, experiential: true, emotional: true, appreciation: false, moreOf: true, hurt: false, csi: false },
  csi: null,
});

/**
 * Two people in a couple's circle (Sundays 19:00 London) that has `weeks` answered weeks behind it, both
 * sharing their closeness; the clock is put back where it was, in the week after the last.
 */
export async function seedCouple(live: LiveApp, tag: string, weeks: number): Promise<{ circleId: string; rowan: string; jess: string }> {
  const deps = live.app.deps;
  const back = deps.clock.now();
  const rowan = await seedClient(live, `rowan-${tag}@example.test`);
  const jess = await seedClient(live, `jess-${tag}@example.test`);
  live.clock.t = back - weeks * WEEK;
  const started = await startCircle(deps, {
    clientId: rowan,
    kind: 'couple',
    name: 'Rowan and Jess',
    displayName: 'Rowan',
    schedule: { weekday: 7, time: '19:00', timeZone: 'Europe/London' },
  });
  if (!started.ok) throw new Error('no circle');
  const circleId = started.value.circleId;
  await companionRepositoriesFor(deps).circles.addMember({ circleId, clientId: jess, displayName: 'Jess', now: deps.clock.now() });
  // Every other week the two give the same answers, so that their lines meet and run together.
  const levels = (i: number, who: 0 | 1): [number, number, number] => {
    const base = who === 0 || i % 2 === 0 ? [3, 3, 4] : [3, 4, 4];
    return base.map((b, k) => Math.max(1, Math.min(5, b + ((i + k + (i % 2 === 0 ? 0 : who)) % 3) - 1))) as [number, number, number];
  };
  for (let i = 0; i < weeks; i++) {
    for (const [who, id] of [rowan, jess].entries()) {
      const m = (await membershipOf(deps, circleId, id))!;
      const open = await openCheckInWeek(deps, m);
      await saveCheckIn(deps, m, { weekStart: open.start, answer: answer(levels(i, who as 0 | 1)) });
    }
    live.clock.t += WEEK;
  }
  live.clock.t = back;
  return { circleId, rowan, jess };
}
