import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export interface StoredImage {
  file: string;
  contentType: string;
  width: number;
  height: number;
  data: Uint8Array;
}

/** Pictures by their content-hashed file name; an owner's new set replaces its old one. */
export function imageRepository(db: Kysely<DB>) {
  return {
    async get(file: string): Promise<StoredImage | undefined> {
      const row = await db.selectFrom('images').select(['file', 'content_type', 'width', 'height', 'data']).where('file', '=', file).executeTakeFirst();
      if (!row) return undefined;
      return { file: row.file, contentType: row.content_type, width: row.width, height: row.height, data: new Uint8Array(row.data) };
    },
    /** Every file of the owner is replaced by these (within the caller's transaction). */
    async replace(owner: string, files: StoredImage[], now: number): Promise<void> {
      await db.deleteFrom('images').where('owner', '=', owner).execute();
      for (const f of files) {
        await db
          .insertInto('images')
          .values({ file: f.file, owner, content_type: f.contentType, width: f.width, height: f.height, data: f.data, created_at: now })
          // The same picture uploaded for two owners: one copy of each file is enough.
          .onConflict((oc) => oc.column('file').doNothing())
          .execute();
      }
    },
    async remove(owner: string): Promise<void> {
      await db.deleteFrom('images').where('owner', '=', owner).execute();
    },
  };
}
