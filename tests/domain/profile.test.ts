import { describe, expect, it } from 'vitest';
import { missingForListing, publishChecklist } from '../../src/domain/profile.ts';

const services = [
  { id: 'consult', priceMinor: 0, active: true },
  { id: 'couples', priceMinor: 9500, active: true },
  { id: 'retired', priceMinor: 9000, active: false },
];
const empty = {
  bio: '',
  approach: '',
  concerns: [],
  languages: [],
  formats: [],
  services: [],
  accreditations: [],
  yearsPractising: 0,
  relationships: [],
  hasPhoto: false,
};
const complete = {
  bio: 'Noor works with couples who feel they have become flatmates.',
  approach: 'Emotionally focused therapy.',
  concerns: ['trust-issues'],
  languages: ['en'],
  formats: ['online' as const],
  services: [{ serviceId: 'couples', feeMinor: null }],
  accreditations: [{ name: 'COSRT Accredited', number: 'C-1' }],
  yearsPractising: 6,
  relationships: ['couple' as const],
  hasPhoto: false,
};

describe('the publish checklist', () => {
  it('an empty profile misses every required item; the photo is optional and never holds a profile back', () => {
    expect(missingForListing(publishChecklist(empty, services)).map((i) => i.key)).toEqual([
      'services',
      'bio',
      'approach',
      'concerns',
      'accreditations',
      'experience',
      'relationships',
      'languages',
      'formats',
    ]);
    expect(missingForListing(publishChecklist(complete, services))).toEqual([]);
    expect(publishChecklist(complete, services).find((i) => i.key === 'photo')).toMatchObject({ done: false, optional: true });
  });

  it('only an active, paid service counts: the free consultation or a retired service alone is not enough', () => {
    for (const serviceId of ['consult', 'retired'])
      expect(missingForListing(publishChecklist({ ...complete, services: [{ serviceId, feeMinor: null }] }, services)).map((i) => i.key)).toEqual(['services']);
  });

  it('an accreditation needs a name; a bio and an approach need more than a word or two', () => {
    const thin = { ...complete, bio: 'Hello there', approach: 'CBT', accreditations: [{ name: ' ', number: '123' }] };
    expect(missingForListing(publishChecklist(thin, services)).map((i) => i.key)).toEqual(['bio', 'approach', 'accreditations']);
  });
});
