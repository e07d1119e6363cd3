// POST /api/v1/match: the same ranking as the /match pages, as JSON. Nothing is stored or logged.
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { STYLE_AXES, TIME_WINDOWS } from '../../domain/matching.ts';
import { formatInstant } from '../../domain/slots.ts';
import { isValidTimeZone } from '../../domain/time.ts';
import { CONCERN_IDS, CONCERNS, GENDERS, RELATIONSHIPS } from '../../domain/types.ts';
import { findMatches } from '../../usecases/matching/match.ts';
import type { AppEnv } from '../env.ts';
import { ProblemSchema } from './schemas.ts';

const { directive, pastFocus, challenging } = STYLE_AXES;
/** The most matches one answer lists. */
const MOST_MATCHES = 50;

export const MatchRequestSchema = z
  .strictObject({
    relationship: z.enum(RELATIONSHIPS, { error: `must be one of ${RELATIONSHIPS.join(', ')}` }),
    concerns: z
      .array(z.enum(CONCERN_IDS, { error: 'must be a concern id from /api/v1/concerns' }), { error: 'must be a list of concern ids' })
      .min(1, 'choose at least one concern')
      .max(CONCERNS.length),
    format: z.enum(['online', 'in_person', 'either'], { error: 'must be online, in_person or either' }),
    languages: z
      .array(z.string().regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code such as "en" or "pl"'))
      .max(10)
      .optional(),
    times: z.array(z.enum(TIME_WINDOWS)).max(TIME_WINDOWS.length).optional(),
    budgetMaxMinor: z
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .optional()
      .openapi({ description: 'Most the client wants to pay for a 50-minute session, in minor units (a preference, not a filter)' }),
    serviceId: z.string().min(1).max(64).optional(),
    therapistGender: z.enum(GENDERS).optional(),
    faithOrCulture: z.string().trim().max(100).optional(),
    lgbtqAffirming: z.boolean().optional(),
    style: z
      .strictObject({
        directive: z.enum([directive.high, directive.low]).optional(),
        pastFocus: z.enum([pastFocus.high, pastFocus.low]).optional(),
        challenging: z.enum([challenging.high, challenging.low]).optional(),
      })
      .optional(),
    safetyConcern: z
      .boolean()
      .optional()
      .openapi({ description: 'This person answered yes to the private safety question: suggest an individual first session' }),
    timeZone: z
      .string()
      .max(64)
      .refine((tz) => isValidTimeZone(tz), 'must be an IANA time zone such as Europe/London')
      .optional()
      .openapi({ description: 'How nextFreeStart is written; defaults to the practice’s zone' }),
  })
  .openapi('MatchRequest');

const MatchSchema = z
  .object({
    therapistId: z.string(),
    score: z.number().int(),
    reasons: z.array(z.string()).openapi({ description: 'Why this therapist fits, in words; every one is true of them' }),
    unmet: z.array(z.string()).openapi({ description: 'Wishes this therapist does not meet' }),
    nextFreeStart: z.string().nullable().openapi({ description: 'Next free initial-consultation start, ISO 8601 with the offset of timeZone' }),
  })
  .openapi('Match');

const MatchResponseSchema = z.object({
  matches: z.array(MatchSchema).openapi({ description: `Best first, at most ${MOST_MATCHES}` }),
  relaxed: z
    .object({ requirement: z.enum(['format', 'service', 'language', 'relationship']), explanation: z.string() })
    .optional()
    .openapi({ description: 'Present when nobody met every requirement and this one was relaxed' }),
  suggestIndividualFirst: z.boolean(),
});

export function registerMatchRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/match',
      summary: 'Rank therapists for a client’s answers, each with its reasons (nothing is stored)',
      request: { body: { content: { 'application/json': { schema: MatchRequestSchema } }, required: true } },
      responses: {
        200: { description: 'Ranked therapists, best first', content: { 'application/json': { schema: MatchResponseSchema } } },
        422: { description: 'Bad input', content: { 'application/problem+json': { schema: ProblemSchema } } },
      },
    }),
    async (c) => {
      const { timeZone: tz, ...request } = c.req.valid('json');
      const timeZone = tz ?? (await c.var.deps.repos.practice.get()).timeZone;
      const { result, freeTimes } = await findMatches(c.var.deps, request, { top: MOST_MATCHES, freeTimesEach: 1, timeZone });
      return c.json(
        {
          matches: result.matches.map((m) => {
            const next = freeTimes.get(m.therapistId)?.[0];
            return {
              therapistId: m.therapistId,
              score: m.score,
              reasons: m.reasons,
              unmet: m.unmet,
              nextFreeStart: next ? formatInstant(next.start, timeZone) : null,
            };
          }),
          ...(result.relaxed ? { relaxed: result.relaxed } : {}),
          suggestIndividualFirst: result.suggestIndividualFirst,
        },
        200,
      );
    },
  );
}
