// The JSON API under /api/v1: thin handlers, errors as application/problem+json.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { TherapistProfile } from '../../db/repositories/therapists.ts';
import { fromWords, lowestMinor, serviceFee, sessionFee } from '../../domain/fees.ts';
import { CONCERNS, type Service } from '../../domain/types.ts';
import type { AppEnv } from '../env.ts';
import { fieldErrors, problem } from '../problem.ts';
import { registerBookingRoutes } from './booking-routes.ts';
import { registerMatchRoutes } from './match-routes.ts';
import { ConcernSchema, ProblemSchema, ServiceSchema, TherapistQuerySchema, TherapistSchema } from './schemas.ts';

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export function presentService(s: Service, therapists: readonly TherapistProfile[]) {
  const fee = serviceFee(s, therapists);
  return {
    id: s.id,
    slug: s.slug,
    name: s.name,
    summary: s.summary,
    durationMinutes: s.durationMinutes,
    priceMinor: s.priceMinor,
    currency: s.currency,
    fee: { fromMinor: lowestMinor(fee), currency: fee.kind === 'free' ? fee.currency : fee.fee.currency, varies: fee.kind === 'from', text: fromWords(fee) },
    bookingWindowDays: s.bookingWindowDays,
    minNoticeMinutes: s.minNoticeMinutes,
    relationships: s.relationships,
  };
}

export function presentTherapist(t: TherapistProfile, services: readonly Service[]) {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    pronouns: t.pronouns,
    gender: t.gender,
    bio: t.bio,
    approach: t.approach,
    accreditations: t.accreditations,
    concerns: t.concerns,
    relationships: t.relationships,
    languages: t.languages,
    formats: t.formats,
    services: t.serviceIds,
    fees: services
      .filter((s) => t.serviceIds.includes(s.id))
      .map((s) => {
        const fee = sessionFee(s, t);
        return { serviceId: s.id, feeMinor: fee.minor, currency: fee.currency };
      }),
    feeMinor: t.feeMinor,
    currency: t.currency,
    timeZone: t.timeZone,
    profileUrl: `/therapists/${t.slug}`,
  };
}

const listServices = createRoute({
  method: 'get',
  path: '/services',
  summary: 'The services a client can book',
  responses: { 200: { description: 'Active services', content: { 'application/json': { schema: z.object({ services: z.array(ServiceSchema) }) } } } },
});

const listConcerns = createRoute({
  method: 'get',
  path: '/concerns',
  summary: 'The concern taxonomy that self-check results, specialisms and matching share',
  responses: { 200: { description: 'Concerns', content: { 'application/json': { schema: z.object({ concerns: z.array(ConcernSchema) }) } } } },
});

const listTherapists = createRoute({
  method: 'get',
  path: '/therapists',
  summary: 'Active therapists, filtered by concern, language, format and service (each optional)',
  request: { query: TherapistQuerySchema },
  responses: {
    200: {
      description: 'Therapists meeting every given filter',
      content: { 'application/json': { schema: z.object({ therapists: z.array(TherapistSchema) }) } },
    },
    422: problemResponse('A filter is not valid'),
  },
});

export function createApi() {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return problem(c, 'VALIDATION_FAILED', { detail: 'Check the fields listed in errors.', errors: fieldErrors(result.error.issues, result.target) });
      }
    },
  });

  api.openapi(listServices, async (c) => {
    const [services, therapists] = await Promise.all([c.var.deps.repos.services.listActive(), c.var.deps.repos.therapists.search()]);
    return c.json({ services: services.map((s) => presentService(s, therapists)) }, 200);
  });

  api.openapi(listConcerns, (c) => c.json({ concerns: CONCERNS.map((x) => ({ id: x.id, name: x.name })) }, 200));

  api.openapi(listTherapists, async (c) => {
    const q = c.req.valid('query');
    const [therapists, services] = await Promise.all([
      c.var.deps.repos.therapists.search({ concern: q.concern, language: q.language, format: q.format, serviceId: q.service }),
      c.var.deps.repos.services.listActive(),
    ]);
    return c.json({ therapists: therapists.map((t) => presentTherapist(t, services)) }, 200);
  });

  registerBookingRoutes(api);
  registerMatchRoutes(api);

  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Closer API', version: '1.0.0', description: 'Services, therapists, availability, matching and booking for a counselling practice.' },
  });

  api.notFound((c) => problem(c, 'NOT_FOUND'));
  return api;
}
