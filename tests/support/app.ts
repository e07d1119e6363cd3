// A whole Closer (migrated, seeded) on a fresh test database, driven in-process with app.request().
import { Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import type { Clock } from '../../src/app/deps.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { Dialect } from '../../src/db/database.ts';
import { createLogger } from '../../src/logger.ts';
import { type Closer, createCloser } from '../../src/server.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

export const ORIGIN = 'http://127.0.0.1:3000';
export const ADMIN = { email: 'admin@test.example', password: 'correct horse battery staple' };

export interface TestApp extends Closer {
  testDb: TestDatabase;
  /** Every log line written, parsed. */
  logs: Record<string, unknown>[];
  request(path: string, init?: RequestInit): Promise<Response>;
  json(path: string, body: unknown, init?: RequestInit): Promise<Response>;
  form(path: string, fields: Record<string, string>, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  /** Configuration on top of the test defaults. */
  env?: Record<string, string>;
  clock?: Clock;
}

/**
 * The configuration every test app starts from: the given database (a data folder, and PostgreSQL's URL
 * when it has one), the test admin, no background jobs, the cheap password-hashing cost; `env` on top.
 */
export function testConfig(db: { dataDir: string; databaseUrl?: string | undefined }, env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: db.dataDir,
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    PUBLIC_URL: ORIGIN,
    OUTBOX_POLL_MS: '0',
    PASSWORD_HASH_COST: 'test',
    ...env,
  });
}

/** A Closer on a fresh database of the given kind. Staff passwords are hashed at the cheap test cost. */
export async function startTestApp(dialect: Dialect, options: TestAppOptions = {}): Promise<TestApp> {
  const testDb = await createTestDatabase(dialect);
  const config = testConfig(testDb, { LOG_LEVEL: 'info', ...options.env });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  const closer = await createCloser(config, { logger: createLogger('info', sink), ...(options.clock ? { clock: options.clock } : {}) });
  const request = (path: string, init?: RequestInit) => Promise.resolve(closer.app.request(`${ORIGIN}${path}`, init));
  return {
    ...closer,
    testDb,
    logs,
    request,
    json: (path, body, init) =>
      request(path, {
        method: 'POST',
        ...init,
        headers: { 'content-type': 'application/json', origin: ORIGIN, ...(init?.headers as Record<string, string>) },
        body: JSON.stringify(body),
      }),
    form: (path, fields, init) =>
      request(path, {
        method: 'POST',
        ...init,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: ORIGIN,
          'sec-fetch-site': 'same-origin',
          ...(init?.headers as Record<string, string>),
        },
        body: new URLSearchParams(fields).toString(),
      }),
    async stop() {
      await closer.close();
      await testDb.drop();
    },
  };
}

/**
 * The test app of the describe block this is called in: started before its tests (before any beforeAll
 * registered after this call), stopped after them. The value returned stands for the app; use it inside
 * tests and hooks, where it is started. Options that need something started first (an SMTP server's address) are
 * given as a function, called (and awaited) just before the app starts.
 */
export function useTestApp(dialect: Dialect, options: TestAppOptions | (() => TestAppOptions | Promise<TestAppOptions>) = {}): TestApp {
  let running: TestApp | undefined;
  beforeAll(async () => {
    running = await startTestApp(dialect, typeof options === 'function' ? await options() : options);
  });
  afterAll(async () => {
    await running?.stop();
    running = undefined;
  });
  const started = (): TestApp => {
    if (!running) throw new Error('The test app starts in beforeAll: use it inside tests and hooks');
    return running;
  };
  return new Proxy({} as TestApp, {
    get(_target, key) {
      // Not a promise: awaiting or returning it from an async function must not reach for the app.
      if (key === 'then' || (typeof key === 'symbol' && !running)) return undefined;
      const value = Reflect.get(started(), key);
      return typeof value === 'function' ? value.bind(running) : value;
    },
    has: (_target, key) => Reflect.has(started(), key),
    ownKeys: () => Reflect.ownKeys(started()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(started(), key);
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
  });
}
