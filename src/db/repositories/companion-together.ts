// The promise tracker and the appreciation jar. A promise is its maker's alone unless shared with the
// circle; a note in the jar is for the whole circle. Visibility and ownership are in every query.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Encryptor } from '../../security/encryption.ts';
import type { DB } from '../schema.ts';

export type PromiseStatus = 'open' | 'kept' | 'not_kept';

export interface CirclePromise {
  id: string;
  clientId: string;
  text: string;
  dueOn: string | null;
  shared: boolean;
  status: PromiseStatus;
  createdAt: number;
}

export interface JarNote {
  id: string;
  clientId: string;
  text: string;
  createdAt: number;
}

export function companionTogether(db: Kysely<DB>, enc: Encryptor) {
  const promiseOf = (r: DB['companion_promises']): CirclePromise => ({
    id: r.id,
    clientId: r.client_id,
    text: enc.decrypt(r.text_sealed),
    dueOn: r.due_on,
    shared: r.shared === 1,
    status: r.status,
    createdAt: r.created_at,
  });

  return {
    async addPromise(input: { circleId: string; clientId: string; text: string; dueOn: string | null; shared: boolean; now: number }): Promise<string> {
      const id = randomUUID();
      await db
        .insertInto('companion_promises')
        .values({
          id,
          circle_id: input.circleId,
          client_id: input.clientId,
          text_sealed: enc.encrypt(input.text),
          due_on: input.dueOn,
          shared: input.shared ? 1 : 0,
          status: 'open',
          created_at: input.now,
          updated_at: input.now,
        })
        .execute();
      return id;
    },

    /** The promises a member may see in a circle: everyone's shared ones and their own private ones. */
    async visiblePromises(circleId: string, viewerId: string): Promise<CirclePromise[]> {
      const rows = await db
        .selectFrom('companion_promises')
        .selectAll()
        .where('circle_id', '=', circleId)
        .where((eb) => eb.or([eb('shared', '=', 1), eb('client_id', '=', viewerId)]))
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(promiseOf);
    },

    /** One visible promise, or null: someone else's private promise is not found. */
    async visiblePromise(circleId: string, viewerId: string, promiseId: string): Promise<CirclePromise | null> {
      const row = await db
        .selectFrom('companion_promises')
        .selectAll()
        .where('id', '=', promiseId)
        .where('circle_id', '=', circleId)
        .where((eb) => eb.or([eb('shared', '=', 1), eb('client_id', '=', viewerId)]))
        .executeTakeFirst();
      return row ? promiseOf(row) : null;
    },

    /** Only the maker marks a promise; false when it is not theirs (or not in this circle). */
    async markPromise(circleId: string, makerId: string, promiseId: string, status: PromiseStatus, now: number): Promise<boolean> {
      const r = await db
        .updateTable('companion_promises')
        .set({ status, updated_at: now })
        .where('id', '=', promiseId)
        .where('circle_id', '=', circleId)
        .where('client_id', '=', makerId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async deletePromise(circleId: string, makerId: string, promiseId: string): Promise<boolean> {
      const r = await db
        .deleteFrom('companion_promises')
        .where('id', '=', promiseId)
        .where('circle_id', '=', circleId)
        .where('client_id', '=', makerId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    async ownPromises(clientId: string): Promise<(CirclePromise & { circleId: string })[]> {
      const rows = await db.selectFrom('companion_promises').selectAll().where('client_id', '=', clientId).orderBy('created_at').execute();
      return rows.map((r) => ({ ...promiseOf(r), circleId: r.circle_id }));
    },

    async addNote(input: { circleId: string; clientId: string; text: string; now: number }): Promise<string> {
      const id = randomUUID();
      await db
        .insertInto('companion_notes')
        .values({ id, circle_id: input.circleId, client_id: input.clientId, text_sealed: enc.encrypt(input.text), created_at: input.now })
        .execute();
      return id;
    },

    async notes(circleId: string, limit = 200): Promise<JarNote[]> {
      const rows = await db.selectFrom('companion_notes').selectAll().where('circle_id', '=', circleId).orderBy('created_at', 'desc').limit(limit).execute();
      return rows.map((r) => ({ id: r.id, clientId: r.client_id, text: enc.decrypt(r.text_sealed), createdAt: r.created_at }));
    },

    /** Only the author takes a note out of the jar. */
    async deleteNote(circleId: string, authorId: string, noteId: string): Promise<boolean> {
      const r = await db
        .deleteFrom('companion_notes')
        .where('id', '=', noteId)
        .where('circle_id', '=', circleId)
        .where('client_id', '=', authorId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    async ownNotes(clientId: string): Promise<(JarNote & { circleId: string })[]> {
      const rows = await db.selectFrom('companion_notes').selectAll().where('client_id', '=', clientId).orderBy('created_at').execute();
      return rows.map((r) => ({ id: r.id, clientId: r.client_id, text: enc.decrypt(r.text_sealed), createdAt: r.created_at, circleId: r.circle_id }));
    },
  };
}

export type CompanionTogether = ReturnType<typeof companionTogether>;
