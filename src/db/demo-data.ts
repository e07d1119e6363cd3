// The demo practice an empty database starts with. Every person here is fictional.
import type { Relationship } from '../domain/types.ts';

export const DEMO_SERVICES = [
  {
    slug: 'initial-consultation',
    name: 'Free initial consultation',
    summary: 'A 20-minute conversation to talk through what is happening and which kind of support would suit you.',
    duration_minutes: 20, price_minor: 0, buffer_before_minutes: 0, buffer_after_minutes: 10,
    min_notice_minutes: 12 * 60, slot_interval_minutes: 30, max_per_day: 6,
    relationships: ['couple', 'individual', 'family', 'friendship'] as Relationship[],
  },
  {
    slug: 'couples-counselling',
    name: 'Couples counselling',
    summary: 'Fifty minutes for the two of you with a therapist who helps you talk, listen and reconnect.',
    duration_minutes: 50, price_minor: 9500, buffer_before_minutes: 0, buffer_after_minutes: 10,
    min_notice_minutes: 24 * 60, slot_interval_minutes: 60, max_per_day: 6,
    relationships: ['couple'] as Relationship[],
  },
  {
    slug: 'family-counselling',
    name: 'Family and friendship counselling',
    summary: 'Fifty minutes for family members or close friends who want to understand each other again.',
    duration_minutes: 50, price_minor: 9500, buffer_before_minutes: 0, buffer_after_minutes: 10,
    min_notice_minutes: 24 * 60, slot_interval_minutes: 60, max_per_day: 5,
    relationships: ['family', 'friendship'] as Relationship[],
  },
  {
    slug: 'individual-therapy',
    name: 'Individual therapy',
    summary: 'Fifty minutes on your own to explore what makes closeness hard for you and how to change it.',
    duration_minutes: 50, price_minor: 7500, buffer_before_minutes: 0, buffer_after_minutes: 10,
    min_notice_minutes: 24 * 60, slot_interval_minutes: 60, max_per_day: 7,
    relationships: ['individual'] as Relationship[],
  },
  {
    slug: 'psychosexual-therapy',
    name: 'Psychosexual therapy',
    summary: 'Fifty minutes, alone or as a couple, with a therapist trained in the emotional side of sexual wellbeing.',
    duration_minutes: 50, price_minor: 11000, buffer_before_minutes: 0, buffer_after_minutes: 10,
    min_notice_minutes: 24 * 60, slot_interval_minutes: 60, max_per_day: 5,
    relationships: ['couple', 'individual'] as Relationship[],
  },
] as const;

type Hours = [weekday: number, start: string, end: string][];
const weekdays = (start: string, end: string, days = [1, 2, 3, 4, 5]): Hours => days.map((d) => [d, start, end]);

export interface DemoTherapist {
  slug: string; name: string; pronouns: string; gender: 'woman' | 'man' | 'non_binary';
  bio: string; approach: string; accreditations: string[];
  concerns: string[]; relationships: Relationship[]; languages: string[];
  online: boolean; inPerson: boolean; services: string[]; feeMinor: number; years: number;
  lgbtqAffirming: boolean; psychosexualTrained: boolean; culturalExperience: string[];
  style: { directive: number; pastFocus: number; challenging: number };
  hours: Hours;
}

export const DEMO_THERAPISTS: DemoTherapist[] = [
  {
    slug: 'amara-okafor', name: 'Amara Okafor', pronouns: 'she/her', gender: 'woman',
    bio: 'Amara works with couples who have drifted apart or been shaken by a breach of trust. She helps partners slow down, hear what sits under an argument, and agree small steps they can both keep.',
    approach: 'Emotionally focused couples therapy, with practical between-session exercises.',
    accreditations: ['BACP Accredited', 'Emotionally Focused Therapy, level 2'],
    concerns: ['trust-issues', 'rebuilding-after-betrayal', 'communication-barriers', 'fear-of-vulnerability'],
    relationships: ['couple', 'individual'], languages: ['en', 'yo'], online: true, inPerson: true,
    services: ['initial-consultation', 'couples-counselling', 'individual-therapy'], feeMinor: 9000, years: 14,
    lgbtqAffirming: true, psychosexualTrained: false, culturalExperience: ['Nigerian', 'Christian'],
    style: { directive: 0.3, pastFocus: 0, challenging: 0.2 },
    hours: [...weekdays('09:00', '13:00', [1, 2, 3, 4]), ...weekdays('14:00', '17:00', [1, 2, 3, 4])],
  },
  {
    slug: 'tomasz-nowak', name: 'Tomasz Nowak', pronouns: 'he/him', gender: 'man',
    bio: 'Tomasz sees families and friends who keep having the same painful conversation. He is calm, curious and direct, and he sees people in English or Polish, online in the evenings and on Saturday mornings.',
    approach: 'Systemic family therapy and solution-focused work.',
    accreditations: ['UKCP Registered', 'AFT Member'],
    concerns: ['communication-barriers', 'family-conflict', 'strained-friendships'],
    relationships: ['family', 'friendship', 'individual'], languages: ['en', 'pl'], online: true, inPerson: false,
    services: ['initial-consultation', 'family-counselling', 'individual-therapy'], feeMinor: 7000, years: 9,
    lgbtqAffirming: true, psychosexualTrained: false, culturalExperience: ['Polish', 'Catholic'],
    style: { directive: 0.6, pastFocus: -0.5, challenging: 0.4 },
    hours: [...weekdays('17:30', '21:00'), [6, '09:00', '13:00']],
  },
  {
    slug: 'priya-shah', name: 'Priya Shah', pronouns: 'she/her', gender: 'woman',
    bio: 'Priya is a psychosexual and relationship therapist. She helps individuals and couples talk about desire, pain, shame and body image without embarrassment, and links what happens in the bedroom with what happens between two people.',
    approach: 'Integrative psychosexual therapy with sensate-focus work where it helps.',
    accreditations: ['COSRT Accredited', 'BACP Registered'],
    concerns: ['sexual-intimacy', 'fear-of-vulnerability', 'self-esteem', 'communication-barriers'],
    relationships: ['couple', 'individual'], languages: ['en', 'gu', 'hi'], online: true, inPerson: true,
    services: ['initial-consultation', 'psychosexual-therapy', 'couples-counselling', 'individual-therapy'], feeMinor: 11000, years: 16,
    lgbtqAffirming: true, psychosexualTrained: true, culturalExperience: ['British Indian', 'Hindu'],
    style: { directive: 0.2, pastFocus: 0.2, challenging: 0 },
    hours: weekdays('10:00', '18:00', [2, 3, 4, 5]),
  },
  {
    slug: 'lucia-fernandez', name: 'Lucía Fernández', pronouns: 'she/her', gender: 'woman',
    bio: 'Lucía works with people who feel alone even among others, or who find it hard to let anyone close. Sessions are gentle and paced by you, in English or Spanish.',
    approach: 'Person-centred therapy with compassion-focused practices.',
    accreditations: ['BACP Registered'],
    concerns: ['loneliness', 'self-esteem', 'emotional-availability', 'fear-of-vulnerability'],
    relationships: ['individual'], languages: ['en', 'es'], online: true, inPerson: false,
    services: ['initial-consultation', 'individual-therapy'], feeMinor: 6500, years: 6,
    lgbtqAffirming: true, psychosexualTrained: false, culturalExperience: ['Latin American', 'Spanish'],
    style: { directive: -0.7, pastFocus: 0.3, challenging: -0.6 },
    hours: weekdays('12:00', '20:00', [1, 3, 5]),
  },
  {
    slug: 'daniel-mensah', name: 'Daniel Mensah', pronouns: 'he/him', gender: 'man',
    bio: 'Daniel sees couples in person at the practice, on Thursday evenings and Saturdays. He is trained in psychosexual therapy and works with couples rebuilding trust after an affair, in English or French.',
    approach: 'Integrative couples therapy drawing on the Gottman method and psychosexual training.',
    accreditations: ['COSRT Accredited', 'UKCP Registered'],
    concerns: ['trust-issues', 'rebuilding-after-betrayal', 'sexual-intimacy', 'communication-barriers'],
    relationships: ['couple'], languages: ['en', 'fr'], online: false, inPerson: true,
    services: ['initial-consultation', 'couples-counselling', 'psychosexual-therapy'], feeMinor: 12000, years: 18,
    lgbtqAffirming: false, psychosexualTrained: true, culturalExperience: ['Ghanaian', 'Catholic', 'West African'],
    style: { directive: 0.7, pastFocus: -0.2, challenging: 0.6 },
    hours: [[4, '16:00', '21:00'], [6, '09:00', '16:00']],
  },
  {
    slug: 'sam-rivers', name: 'Sam Rivers', pronouns: 'they/them', gender: 'non_binary',
    bio: 'Sam offers an affirming space for LGBTQ+ people, their partners and their chosen families. They help with the fear of being seen, with friendships that have gone quiet, and with learning to ask for what you need.',
    approach: 'Relational and narrative therapy.',
    accreditations: ['BACP Accredited', 'Pink Therapy Diploma'],
    concerns: ['fear-of-vulnerability', 'communication-barriers', 'loneliness', 'strained-friendships'],
    relationships: ['individual', 'couple', 'friendship'], languages: ['en'], online: true, inPerson: true,
    services: ['initial-consultation', 'individual-therapy', 'couples-counselling', 'family-counselling'], feeMinor: 6000, years: 7,
    lgbtqAffirming: true, psychosexualTrained: false, culturalExperience: ['LGBTQ+ communities'],
    style: { directive: -0.3, pastFocus: 0, challenging: -0.2 },
    hours: [...weekdays('08:00', '12:00', [1, 2, 3]), [2, '18:00', '21:00']],
  },
  {
    slug: 'yusuf-rahman', name: 'Yusuf Rahman', pronouns: 'he/him', gender: 'man',
    bio: 'Yusuf helps families and couples where love is not in doubt but talking has become hard, often across generations and cultures. He works in English, Urdu, Bengali and Arabic.',
    approach: 'Systemic and culturally adapted family therapy.',
    accreditations: ['UKCP Registered', 'AFT Member'],
    concerns: ['family-conflict', 'communication-barriers', 'trust-issues', 'emotional-availability'],
    relationships: ['family', 'couple', 'individual'], languages: ['en', 'ur', 'bn', 'ar'], online: true, inPerson: true,
    services: ['initial-consultation', 'family-counselling', 'couples-counselling', 'individual-therapy'], feeMinor: 8000, years: 12,
    lgbtqAffirming: false, psychosexualTrained: false, culturalExperience: ['Muslim', 'British Bangladeshi', 'South Asian'],
    style: { directive: 0.4, pastFocus: 0.4, challenging: 0.1 },
    hours: [[6, '10:00', '15:00'], ...weekdays('10:00', '16:00', [1, 2])],
  },
  {
    slug: 'helen-carter', name: 'Helen Carter', pronouns: 'she/her', gender: 'woman',
    bio: 'Helen has worked with couples for over twenty years. She is steady and warm with partners who feel one of them has gone emotionally missing, and with couples deciding whether and how to repair after a betrayal.',
    approach: 'Psychodynamic couple therapy.',
    accreditations: ['BACP Senior Accredited', 'Tavistock Relationships trained'],
    concerns: ['emotional-availability', 'rebuilding-after-betrayal', 'trust-issues', 'fear-of-vulnerability'],
    relationships: ['couple', 'individual'], languages: ['en'], online: false, inPerson: true,
    services: ['initial-consultation', 'couples-counselling', 'individual-therapy'], feeMinor: 10000, years: 22,
    lgbtqAffirming: true, psychosexualTrained: false, culturalExperience: [],
    style: { directive: -0.4, pastFocus: 0.8, challenging: 0.2 },
    hours: weekdays('09:00', '15:00'),
  },
  {
    slug: 'marta-kowalska', name: 'Marta Kowalska', pronouns: 'she/her', gender: 'woman',
    bio: 'Marta is a psychosexual therapist who sees people online in the late afternoon and evening, in Polish or English. She works with low desire, mismatched desire and the quiet distance that can follow.',
    approach: 'Cognitive behavioural psychosexual therapy.',
    accreditations: ['COSRT Registered'],
    concerns: ['sexual-intimacy', 'self-esteem', 'communication-barriers'],
    relationships: ['couple', 'individual'], languages: ['en', 'pl'], online: true, inPerson: false,
    services: ['initial-consultation', 'psychosexual-therapy', 'individual-therapy'], feeMinor: 9500, years: 8,
    lgbtqAffirming: true, psychosexualTrained: true, culturalExperience: ['Polish'],
    style: { directive: 0.8, pastFocus: -0.6, challenging: 0.3 },
    hours: weekdays('16:00', '21:00', [3, 4, 5]),
  },
  {
    slug: 'jonah-levi', name: 'Jonah Levi', pronouns: 'he/him', gender: 'man',
    bio: 'Jonah works with loneliness, with friendships that matter and have frayed, and with families finding their way after a loss. Early mornings and evenings online, in English or Hebrew.',
    approach: 'Acceptance and commitment therapy with an interpersonal focus.',
    accreditations: ['BABCP Accredited'],
    concerns: ['loneliness', 'strained-friendships', 'family-conflict', 'self-esteem'],
    relationships: ['individual', 'friendship', 'family'], languages: ['en', 'he'], online: true, inPerson: false,
    services: ['initial-consultation', 'individual-therapy', 'family-counselling'], feeMinor: 5500, years: 5,
    lgbtqAffirming: true, psychosexualTrained: false, culturalExperience: ['Jewish'],
    style: { directive: 0.1, pastFocus: -0.3, challenging: -0.1 },
    hours: [...weekdays('07:30', '10:30', [1, 2, 3, 4]), ...weekdays('19:00', '21:00', [1, 2, 3, 4])],
  },
];

export const DEFAULT_URGENT_HELP = [
  { name: 'Emergency services', number: '999', detail: 'or go to A&E if you or someone else is in immediate danger', kind: 'call' },
  { name: 'NHS 111', number: '111', detail: 'for urgent mental health help, day or night', kind: 'call' },
  { name: 'Samaritans', number: '116 123', detail: 'free, any time, to talk about anything', kind: 'call' },
  { name: 'Shout', number: '85258', detail: 'text SHOUT, free, any time', kind: 'text' },
  { name: 'National Domestic Abuse Helpline', number: '0808 2000 247', detail: 'free, 24 hours, if you feel afraid of or controlled by someone close to you', kind: 'call' },
] as const;
