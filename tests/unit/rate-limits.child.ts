// A separate process hitting one rate-limit key: used by rate-limits.test.ts to check the count is shared
// across processes. Prints how many of its hits were allowed.
import { openDatabase } from '../../src/db/database.ts';
import { rateLimitRepository } from '../../src/db/repositories/rate-limits.ts';
import { createEncryptor } from '../../src/security/encryption.ts';

/** The same key in the test and its child process, so both count against the same stored keys. */
const keyed = createEncryptor(Buffer.alloc(32, 7)).keyedDigest;

const [dataDir, databaseUrl, key, hits, max, now] = process.argv.slice(2);
const database = openDatabase({ dataDir: dataDir!, databaseUrl: databaseUrl || undefined });
const limits = rateLimitRepository(database.db, keyed);
const results = await Promise.all(Array.from({ length: Number(hits) }, () => limits.hit(key!, 60_000, Number(max), Number(now))));
process.stdout.write(String(results.filter((r) => r.allowed).length));
await database.close();
