// A therapist's profile as the public sees it, and when it is complete enough to be listed: the publish
// checklist. A therapist is listed (and so bookable) only when every required item is done; the photo is
// optional (the directory shows initials without one), and the checklist says so.
import type { Accreditation, Format, Relationship, Service } from './types.ts';

/** A service a therapist offers, with their own fee for it (null: the service's price). */
export interface OfferedService {
  serviceId: string;
  feeMinor: number | null;
}

export interface ProfileForChecklist {
  bio: string;
  approach: string;
  concerns: readonly string[];
  languages: readonly string[];
  formats: readonly Format[];
  services: readonly OfferedService[];
  accreditations: readonly Accreditation[];
  yearsPractising: number;
  relationships: readonly Relationship[];
  hasPhoto: boolean;
}

export interface ChecklistItem {
  key: 'services' | 'bio' | 'approach' | 'concerns' | 'accreditations' | 'experience' | 'relationships' | 'languages' | 'formats' | 'photo';
  /** What the item asks for. */
  label: string;
  done: boolean;
  /** Optional items never hold a profile back. */
  optional: boolean;
  /** What to do when it is not done. */
  todo: string;
}

export const BIO_MIN = 20;
export const APPROACH_MIN = 10;

/** Every item of the publish checklist, in the editor's order. */
export function publishChecklist(p: ProfileForChecklist, services: readonly Pick<Service, 'id' | 'priceMinor' | 'active'>[]): ChecklistItem[] {
  const paid = new Set(services.filter((s) => s.active && s.priceMinor > 0).map((s) => s.id));
  const item = (key: ChecklistItem['key'], label: string, done: boolean, todo: string, optional = false): ChecklistItem => ({
    key,
    label,
    done,
    optional,
    todo,
  });
  return [
    item(
      'services',
      'At least one paid service offered, with its fee',
      p.services.some((s) => paid.has(s.serviceId)),
      'Choose at least one paid service to offer (its fee is the service’s price unless you set your own).',
    ),
    item(
      'bio',
      'A few sentences about the therapist',
      p.bio.trim().length >= BIO_MIN,
      'Write a few sentences about the therapist and what sessions with them are like.',
    ),
    item('approach', 'How they work', p.approach.trim().length >= APPROACH_MIN, 'Say how they work: the approach, in plain words.'),
    item('concerns', 'What they help with', p.concerns.length > 0, 'Choose at least one concern they work with.'),
    item(
      'accreditations',
      'An accreditation or registration',
      p.accreditations.some((a) => a.name.trim() !== ''),
      'Add at least one accreditation or registration (with its number where there is one).',
    ),
    item('experience', 'Years in practice', p.yearsPractising >= 1, 'Enter how many years they have been in practice.'),
    item('relationships', 'Who they work with', p.relationships.length > 0, 'Choose who they work with: couples, individuals, families or friends.'),
    item('languages', 'Languages', p.languages.length > 0, 'Choose at least one language they see clients in.'),
    item('formats', 'Online, in person or both', p.formats.length > 0, 'Choose online, in person, or both.'),
    item('photo', 'A photo (optional: without one the directory shows initials)', p.hasPhoto, 'Upload a photo if they would like one.', true),
  ];
}

/** The required items still to do: empty when the profile may be listed. */
export const missingForListing = (checklist: readonly ChecklistItem[]) => checklist.filter((i) => !i.done && !i.optional);
