// The JSON API's shapes: one Zod schema per input and output, also the source of the OpenAPI document.
import { z } from '@hono/zod-openapi';
import { CONCERN_IDS, FORMATS, GENDERS, RELATIONSHIPS } from '../../domain/types.ts';

export const FieldErrorSchema = z.object({ pointer: z.string(), in: z.string(), detail: z.string() });
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .openapi('Problem');

export const ServiceSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    summary: z.string(),
    durationMinutes: z.number().int(),
    priceMinor: z
      .number()
      .int()
      .openapi({ description: 'The service’s own price in minor units (pence), charged by a therapist without a fee of their own; 0 is free' }),
    currency: z.string().length(3),
    fee: z
      .object({
        fromMinor: z.number().int().openapi({ description: 'The lowest real fee among the active therapists who offer it (0: free)' }),
        currency: z.string().length(3),
        varies: z.boolean().openapi({ description: 'Whether therapists’ fees differ (then the price reads "from")' }),
        text: z.string().openapi({ description: '"free", "£95" or "from £60"' }),
      })
      .openapi({ description: 'What a session costs, as every page says it' }),
    bookingWindowDays: z.number().int(),
    minNoticeMinutes: z.number().int(),
    relationships: z.array(z.enum(RELATIONSHIPS)),
  })
  .openapi('Service');

export const ConcernSchema = z.object({ id: z.enum(CONCERN_IDS), name: z.string() }).openapi('Concern');

export const TherapistSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    pronouns: z.string(),
    gender: z.enum(GENDERS),
    bio: z.string(),
    approach: z.string(),
    accreditations: z.array(z.string()),
    concerns: z.array(z.enum(CONCERN_IDS)),
    relationships: z.array(z.enum(RELATIONSHIPS)),
    languages: z.array(z.string()).openapi({ description: 'ISO 639-1 codes' }),
    formats: z.array(z.enum(FORMATS)),
    services: z.array(z.string()).openapi({ description: 'Ids of the services this therapist offers' }),
    fees: z
      .array(z.object({ serviceId: z.string(), feeMinor: z.number().int(), currency: z.string().length(3) }))
      .openapi({ description: 'What a session of each service they offer costs with them, minor units (0: free): what booking it charges' }),
    feeMinor: z.number().int().openapi({ description: 'The lowest fee of their paid sessions, minor units (0: they offer no paid service)' }),
    currency: z.string().length(3),
    timeZone: z.string(),
    profileUrl: z.string(),
  })
  .openapi('Therapist');

export const TherapistQuerySchema = z.object({
  concern: z.enum(CONCERN_IDS).optional().openapi({ description: 'A concern id from /api/v1/concerns' }),
  language: z
    .string()
    .regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code such as "en" or "pl"')
    .optional(),
  format: z.enum(FORMATS).optional(),
  service: z.string().min(1).max(64).optional().openapi({ description: 'A service id from /api/v1/services' }),
});
