// A therapist for domain tests: plain, online and in person, English, one concern, overridable.
import type { Therapist } from '../../src/domain/types.ts';

export function aTherapist(over: Partial<Therapist> = {}): Therapist {
  return {
    id: 't1',
    slug: 't1',
    name: 'Alex',
    pronouns: 'they/them',
    gender: 'non_binary',
    bio: '',
    approach: '',
    accreditations: [],
    concerns: ['trust-issues'],
    relationships: ['couple', 'individual'],
    languages: ['en'],
    formats: ['online', 'in_person'],
    serviceIds: [],
    serviceFees: {},
    feeMinor: 7000,
    currency: 'GBP',
    timeZone: 'Europe/London',
    yearsPractising: 5,
    lgbtqAffirming: false,
    culturalExperience: [],
    active: true,
    ...over,
  };
}
