// Practices between check-ins: the promise tracker, the appreciation jar, and the exercises suggested by a
// member's own check-ins. Only a promise's maker marks or deletes it; only a note's author takes it out.
import type { Membership } from '../../db/repositories/companion-circles.ts';
import type { PromiseStatus } from '../../db/repositories/companion-together.ts';
import { suggestExercises } from '../../domain/companion.ts';
import { fail, type Outcome, ok } from '../../domain/errors.ts';
import { ownSupport } from './circles.ts';
import { type CompanionDeps, companion } from './deps.ts';

/** The promises the member may see (everyone's shared ones and their own), and the circle's members. */
export async function promisesOf(deps: CompanionDeps, m: Membership) {
  const r = companion(deps);
  const [promises, members] = await Promise.all([r.together.visiblePromises(m.circle.id, m.clientId), r.circles.members(m.circle.id)]);
  return { promises, members };
}

export async function makePromise(
  deps: CompanionDeps,
  m: Membership,
  input: { text: string; dueOn: string | null; shared: boolean },
): Promise<Outcome<{ promiseId: string }>> {
  const promiseId = await companion(deps).together.addPromise({ circleId: m.circle.id, clientId: m.clientId, ...input, now: deps.clock.now() });
  return ok({ promiseId });
}

export async function markPromise(deps: CompanionDeps, m: Membership, promiseId: string, status: PromiseStatus): Promise<Outcome<void>> {
  const done = await companion(deps).together.markPromise(m.circle.id, m.clientId, promiseId, status, deps.clock.now());
  return done ? ok(undefined) : fail('PROMISE_NOT_FOUND', 'No promise of yours with that id in this circle.');
}

export async function deletePromise(deps: CompanionDeps, m: Membership, promiseId: string): Promise<Outcome<void>> {
  const done = await companion(deps).together.deletePromise(m.circle.id, m.clientId, promiseId);
  return done ? ok(undefined) : fail('PROMISE_NOT_FOUND', 'No promise of yours with that id in this circle.');
}

/** The notes in the circle's jar, and the circle's members. */
export async function jarOf(deps: CompanionDeps, m: Membership) {
  const r = companion(deps);
  const [notes, members] = await Promise.all([r.together.notes(m.circle.id), r.circles.members(m.circle.id)]);
  return { notes, members };
}

export async function addNote(deps: CompanionDeps, m: Membership, text: string): Promise<Outcome<{ noteId: string }>> {
  const noteId = await companion(deps).together.addNote({ circleId: m.circle.id, clientId: m.clientId, text, now: deps.clock.now() });
  return ok({ noteId });
}

export async function deleteNote(deps: CompanionDeps, m: Membership, noteId: string): Promise<Outcome<void>> {
  const done = await companion(deps).together.deleteNote(m.circle.id, m.clientId, noteId);
  return done ? ok(undefined) : fail('NOTE_NOT_FOUND', 'No note of yours with that id in this circle.');
}

/**
 * Exercises suggested from the member's own latest check-ins (only they see why), as the safety policy
 * allows: nothing to do together when their latest words suggest they may not be safe.
 */
export async function suggestedExercises(deps: CompanionDeps, m: Membership) {
  const { history, safety } = await ownSupport(deps, m);
  const suggestions = suggestExercises(
    history.map((h) => ({ weekStart: h.week.start, closeness: h.answer.closeness, hurt: h.answer.hurt })),
    safety,
  );
  return { suggestions, safety };
}
