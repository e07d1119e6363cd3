// Long IN lists, split: SQLite refuses a statement with more than 32,766 parameters and PostgreSQL one
// with more than 65,535, and a national directory can ask about more therapists than that at once.

/** How many ids one statement's IN list holds. */
export const IN_LIST_BATCH = 1000;

/** Runs `run` once per batch of ids, the batches one after another, and joins what they return. */
export async function inBatches<T>(ids: readonly string[], run: (batch: string[]) => Promise<T[]>, size = IN_LIST_BATCH): Promise<T[]> {
  if (ids.length <= size) return run([...ids]);
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await run(ids.slice(i, i + size))));
  return out;
}
