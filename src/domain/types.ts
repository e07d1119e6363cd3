// The product's vocabulary. Plain data, no framework, no SQL.

export const FORMATS = ['online', 'in_person'] as const;
export type Format = (typeof FORMATS)[number];

export const RELATIONSHIPS = ['couple', 'individual', 'family', 'friendship'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const DIMENSIONS = ['cognitive', 'experiential', 'emotional'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const GENDERS = ['woman', 'man', 'non_binary'] as const;
export type Gender = (typeof GENDERS)[number];

/** The concern taxonomy, built from the four intimacy issues and their effects. */
export const CONCERNS = [
  { id: 'fear-of-vulnerability', name: 'Fear of vulnerability' },
  { id: 'communication-barriers', name: 'Communication barriers' },
  { id: 'trust-issues', name: 'Trust issues' },
  { id: 'emotional-availability', name: 'Lack of emotional availability' },
  { id: 'sexual-intimacy', name: 'Sexual intimacy' },
  { id: 'family-conflict', name: 'Family conflict' },
  { id: 'strained-friendships', name: 'Strained friendships' },
  { id: 'self-esteem', name: 'Self-esteem and self-worth' },
  { id: 'loneliness', name: 'Loneliness and isolation' },
  { id: 'rebuilding-after-betrayal', name: 'Rebuilding after betrayal' },
] as const;
export type ConcernId = (typeof CONCERNS)[number]['id'];
export const CONCERN_IDS = CONCERNS.map((c) => c.id) as unknown as readonly [ConcernId, ...ConcernId[]];

export function concernName(id: string): string {
  return CONCERNS.find((c) => c.id === id)?.name ?? id;
}

/** ISO 639-1 codes the practice can show by name. */
export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  pl: 'Polish',
  es: 'Spanish',
  fr: 'French',
  de: 'German',
  it: 'Italian',
  pt: 'Portuguese',
  ar: 'Arabic',
  ur: 'Urdu',
  hi: 'Hindi',
  pa: 'Punjabi',
  bn: 'Bengali',
  gu: 'Gujarati',
  tr: 'Turkish',
  el: 'Greek',
  ro: 'Romanian',
  zh: 'Chinese',
  ja: 'Japanese',
  ko: 'Korean',
  yo: 'Yoruba',
  so: 'Somali',
  fa: 'Persian',
  he: 'Hebrew',
  ru: 'Russian',
  uk: 'Ukrainian',
  nl: 'Dutch',
  sw: 'Swahili',
  ta: 'Tamil',
};
export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code;
}

export interface Service {
  id: string;
  /** How visitors' URLs name the service (random; the API's answers never give it). Left out: the id. */
  ref?: string;
  slug: string;
  name: string;
  summary: string;
  durationMinutes: number;
  priceMinor: number;
  currency: string;
  /** Minutes kept free before and after a session of this service. */
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  bookingWindowDays: number;
  /** Start times fall on multiples of this many minutes from the start of an hours range. */
  slotIntervalMinutes: number;
  /** Most sessions of this service a therapist takes in one local day (null: no limit). */
  maxPerDay: number | null;
  /** Which relationships the service is for. */
  relationships: Relationship[];
  active: boolean;
}

/** One weekly range of working hours in the therapist's own zone. weekday: 1 = Monday … 7 = Sunday (ISO). */
export interface WeeklyHours {
  weekday: number;
  start: string; // "HH:MM" local wall-clock
  end: string; // "HH:MM", after start
}

/** A date-specific change: either time off for the whole day (ranges empty) or replacement hours. */
export interface AvailabilityOverride {
  date: string; // YYYY-MM-DD in the therapist's zone
  ranges: { start: string; end: string }[];
}

/** A professional body's accreditation or registration, with the therapist's number there ('' when not given). */
export interface Accreditation {
  name: string;
  number: string;
}

/** An accreditation as the public page reads it: "BACP Accredited (registration no. 012345)". */
export const accreditationWords = (a: Accreditation): string => (a.number ? `${a.name} (registration no. ${a.number})` : a.name);

export interface Therapist {
  id: string;
  slug: string;
  name: string;
  pronouns: string;
  gender: Gender;
  bio: string;
  approach: string;
  accreditations: string[];
  concerns: ConcernId[];
  relationships: Relationship[];
  languages: string[];
  formats: Format[];
  serviceIds: string[];
  /** The therapist's own fee for a service they offer, minor units, by service id; a service missing here costs its own price (domain/fees.ts). */
  serviceFees: Readonly<Record<string, number>>;
  /** The lowest of their paid fees, minor units (0: no paid service): what matching's budget compares. */
  feeMinor: number;
  currency: string;
  timeZone: string;
  yearsPractising: number;
  lgbtqAffirming: boolean;
  /** Faiths and cultures the therapist has lived or professional experience of. */
  culturalExperience: string[];
  active: boolean;
}
