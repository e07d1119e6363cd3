// The whole configuration: one Zod schema over the environment, parsed once at start-up.
import { z } from 'zod';
import { roomTemplateProblem } from '../domain/room.ts';
import { isValidTimeZone } from '../domain/time.ts';

const timeZone = z.string().refine((tz) => isValidTimeZone(tz), 'must be an IANA time zone such as Europe/London');

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    /** The address people reach the app at, used in e-mailed links. Defaults to http://HOST:PORT. */
    PUBLIC_URL: optional(z.url({ protocol: /^https?$/ })),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL, or unset for the embedded SQLite database')),
    SMTP_URL: optional(z.url({ protocol: /^smtps?$/ })),
    MAIL_FROM: optional(z.string().min(3)),
    ADMIN_EMAIL: optional(z.email()),
    ADMIN_PASSWORD: optional(z.string().min(12, 'must be at least 12 characters')),
    /** AES-256 key for client free text, 32 bytes as base64 or 64 hex characters. Unset: a key file in DATA_DIR. */
    ENCRYPTION_KEY: optional(
      z.string().refine((k) => /^[0-9a-f]{64}$/i.test(k) || Buffer.from(k, 'base64').length === 32, 'must be 32 bytes as 64 hex characters or base64'),
    ),
    /** Key for the blind indexes (finding a client by e-mail); never rotated. Unset: DATA_DIR/blind-index.key. */
    BLIND_INDEX_KEY: optional(
      z.string().refine((k) => /^[0-9a-f]{64}$/i.test(k) || Buffer.from(k, 'base64').length === 32, 'must be 32 bytes as 64 hex characters or base64'),
    ),
    /** Older keys still accepted for reading, comma-separated, after a rotation. */
    ENCRYPTION_KEYS_OLD: optional(z.string()),
    /** Practice settings used to seed an empty database; afterwards the admin edits them in the app. */
    PRACTICE_NAME: z.string().min(1).default('Closer Relationship Counselling'),
    PRACTICE_TIME_ZONE: z.preprocess(emptyToUndefined, timeZone.default('Europe/London')),
    PRACTICE_PHONE: z.string().min(3).default('020 7946 0321'),
    PRACTICE_EMAIL: z.email().default('hello@closer.example'),
    DEMO_DATA: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** The largest request body accepted, in bytes. */
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(100_000),
    /**
     * How many reverse proxies in front of the app append to X-Forwarded-For. 0 (default): the socket's
     * address is the client's. Never set it higher than the proxies you run: the header is client-writable.
     */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
    /**
     * On SIGTERM, how long requests in flight may run before they are answered 503 with Retry-After, in ms.
     * Keep it below your process manager's kill timeout (Kubernetes: 30 s, systemd: 90 s).
     */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    /** How often the outbox worker looks for mail to send, in ms; 0 turns the worker off. */
    OUTBOX_POLL_MS: z.coerce.number().int().min(0).default(2000),
    /**
     * In production the public address must be https (Secure cookies, HSTS) unless it is loopback. Set to
     * "true" only when something else you run guarantees transport security, and say why in your runbook.
     */
    ALLOW_INSECURE_HTTP: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /**
     * The cost of new staff password hashes: `production` (scrypt N=2^15, r=8, p=1), or `test`, cheap and
     * accepted only with NODE_ENV=test. Stored hashes record their own parameters, so either verifies.
     */
    PASSWORD_HASH_COST: z.enum(['production', 'test']).default('production'),
    /**
     * The online room of each session: an https address with {room} in it (replaced by an unguessable id,
     * one per session), e.g. https://meet.jit.si/closer-{room}. Unset: no room links (a therapist's own link
     * on their profile still is used; otherwise the practice sends joining details itself).
     */
    VIDEO_URL_TEMPLATE: optional(
      z.string().superRefine((v, ctx) => {
        const problem = roomTemplateProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    ),
  })
  .refine((c) => c.PASSWORD_HASH_COST !== 'test' || c.NODE_ENV === 'test', {
    path: ['PASSWORD_HASH_COST'],
    message: 'test is accepted only with NODE_ENV=test',
  });

export type Config = z.infer<typeof ConfigSchema> & { publicUrl: string };

export class ConfigError extends Error {}

/** Parses the environment; a bad value throws a ConfigError that names every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Closer cannot start: bad configuration.\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const host = c.HOST.includes(':') ? `[${c.HOST}]` : c.HOST;
  const publicUrl = (c.PUBLIC_URL ?? `http://${host}:${c.PORT}`).replace(/\/$/, '');
  if (c.NODE_ENV === 'production' && !c.ALLOW_INSECURE_HTTP && !isSecureOrLoopback(publicUrl)) {
    throw new ConfigError(
      `Closer cannot start: bad configuration.\n  PUBLIC_URL: ${new URL(publicUrl).origin} is plain http in production, so sign-in cookies could not be Secure and HSTS would be off. Serve it over https (PUBLIC_URL=https://…), or set ALLOW_INSECURE_HTTP=true if something else secures the connection.`,
    );
  }
  return { ...c, publicUrl };
}

/** https, or plain http to this machine only (127.0.0.0/8, ::1, localhost). */
function isSecureOrLoopback(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'https:') return true;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
