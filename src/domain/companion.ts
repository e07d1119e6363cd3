// The companion's rules: circles, the weekly check-in and its schedule, what each member may see of a
// week (the reveal rule), when to suggest support (the support rule), which exercises to offer, and the
// four-item Couples Satisfaction Index. Pure: given data and a time, returns data. No I/O.

import { z } from 'zod';
import { type EpochMs, firstInstantAtOrAfter, isoDateOf, isoWeekdayOf, isValidTimeZone, localEpochDay, parseClock } from './time.ts';
import { DIMENSIONS, type Dimension, type Relationship } from './types.ts';

// ---------------------------------------------------------------------------
// Circles

export const CIRCLE_KINDS = ['couple', 'family', 'friends'] as const;
export type CircleKind = (typeof CIRCLE_KINDS)[number];

export const CIRCLE_KIND_LABELS: Record<CircleKind, string> = { couple: 'A couple', family: 'Family', friends: 'Friends' };

/** The most members a circle can have, counting invitations not yet used. */
export const CIRCLE_SIZE: Record<CircleKind, number> = { couple: 2, family: 8, friends: 8 };

/** Matching speaks of relationships; a circle's kind maps onto one. */
export function relationshipOf(kind: CircleKind): Relationship {
  return kind === 'couple' ? 'couple' : kind === 'family' ? 'family' : 'friendship';
}

// ---------------------------------------------------------------------------
// Accounts: how long a sign-in lasts, and the consent asked for when an account is created

/** A client's sign-in ends 30 minutes after it was last used, and 12 hours after it began, whichever is first. */
export const CLIENT_SESSION_IDLE_MS = 30 * 60_000;
export const CLIENT_SESSION_ABSOLUTE_MS = 12 * 3_600_000;
/** "Remember me on this device" (off unless ticked): the sign-in lasts this long, used or not. */
export const REMEMBER_ME_MS = 30 * 86_400_000;

/** An account nobody has signed in to for this long is deleted with everything its holder wrote. */
export const COMPANION_UNUSED_RETENTION_DAYS = 365;

/**
 * Recorded on the account with the time it was given: which wording the person agreed to. Explicit consent
 * is the companion's lawful basis (the privacy notice says so); a new wording needs a new version, and an
 * account whose consent is of another version is asked again at its next sign-in.
 */
export const COMPANION_CONSENT_VERSION = 'companion-2026-11';
export const companionConsentText = (practiceName: string) =>
  `I agree that ${practiceName} keeps what I write in the companion, including how close I feel to the people in my circles and whether something has hurt, and uses it only to run my check-ins and show me and my circles what I choose to share. I can withdraw this at any time by deleting my account.`;

/** Whether an account (or none) must (still) be asked for consent: none yet, or one given to older wording. */
export const needsConsent = (account: { consentVersion: string | null } | undefined) => !account || account.consentVersion !== COMPANION_CONSENT_VERSION;

/** A sign-in link works once, for this long. */
export const LOGIN_TOKEN_TTL_MS = 15 * 60_000;
/** An invitation works once, for this long. */
export const INVITE_TTL_MS = 7 * 86_400_000;
/** Magic links: at most this many per address and per client IP in each window. */
export const LINKS_PER_ADDRESS = 5;
export const LINKS_PER_IP = 30;
export const LINK_WINDOW_MS = 15 * 60_000;
/** Invitations: at most this many per member per day. */
export const INVITES_PER_DAY = 20;

// ---------------------------------------------------------------------------
// The weekly schedule and the check-in week

export interface Schedule {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "HH:MM", local wall-clock time in timeZone. */
  time: string;
  timeZone: string;
}

export interface Period {
  start: EpochMs;
  end: EpochMs;
}

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

function minutesOf(time: string): number {
  const m = parseClock(time, false);
  if (m === null) throw new Error(`not a time: ${time}`);
  return m;
}

/**
 * The check-in week a moment falls in: from the latest scheduled moment at or before `now` to the next one.
 * Every moment is in exactly one week, so there is always a week open to answer. Wall-clock times follow
 * the zone (a week across a clock change is 167 or 169 hours long).
 */
export function periodAt(schedule: Schedule, now: EpochMs): Period {
  const minutes = minutesOf(schedule.time);
  const today = localEpochDay(now, schedule.timeZone);
  let day = today - ((isoWeekdayOf(today) - schedule.weekday + 7) % 7);
  let start = firstInstantAtOrAfter(schedule.timeZone, day, minutes);
  if (start > now) {
    day -= 7;
    start = firstInstantAtOrAfter(schedule.timeZone, day, minutes);
  }
  return { start, end: firstInstantAtOrAfter(schedule.timeZone, day + 7, minutes) };
}

/**
 * The week open at `now`, given the weeks already recorded for the circle: a recorded week that contains
 * `now` keeps its bounds (a schedule change never moves a week people have started answering); otherwise the
 * schedule's week, starting no earlier than the end of the last recorded one, so weeks never overlap.
 */
export function openWeek(schedule: Schedule, recorded: readonly Period[], now: EpochMs): Period {
  const containing = recorded.find((w) => w.start <= now && now < w.end);
  if (containing) return { start: containing.start, end: containing.end };
  const p = periodAt(schedule, now);
  const lastEnd = Math.max(-Infinity, ...recorded.filter((w) => w.end <= now).map((w) => w.end));
  return { start: Math.max(p.start, lastEnd), end: p.end };
}

/** Reminders go out from the scheduled moment for this long; a job that was down longer skips that week. */
export const REMINDER_WINDOW_MS = 24 * 3_600_000;
/** A reminder's sign-in link works once, until the week's check-in closes, and never longer than this. */
export const REMINDER_LINK_MAX_MS = 7 * 86_400_000;
export const reminderLinkExpiry = (week: { end: EpochMs }, now: EpochMs): EpochMs => Math.min(week.end, now + REMINDER_LINK_MAX_MS);

export function reminderDue(week: Period, now: EpochMs): boolean {
  return week.start <= now && now < Math.min(week.end, week.start + REMINDER_WINDOW_MS);
}

/** The four-item satisfaction index comes with the first check-in of each month, for couples. */
export function csiDue(kind: CircleKind, weekStart: EpochMs, timeZone: string): boolean {
  if (kind !== 'couple') return false;
  const dayOfMonth = Number(isoDateOf(localEpochDay(weekStart, timeZone)).slice(8, 10));
  return dayOfMonth <= 7;
}

export const ScheduleSchema = z.object({
  weekday: z.preprocess(
    (v) => (typeof v === 'string' && v !== '' ? Number(v) : v),
    z.int({ error: 'Choose a day of the week.' }).min(1, { error: 'Choose a day of the week.' }).max(7, { error: 'Choose a day of the week.' }),
  ),
  time: z.string({ error: 'Choose a time.' }).refine((t) => parseClock(t, false) !== null, { error: 'Choose a time, such as 19:00.' }),
  timeZone: z.string({ error: 'Choose a time zone.' }).refine((tz) => isValidTimeZone(tz), { error: 'Choose a time zone from the list.' }),
});

// ---------------------------------------------------------------------------
// The four-item Couples Satisfaction Index (Funk & Rogge, 2007; free for clinical and research use)

export const CSI_CUTOFF = 13.5;
export const CSI_MAX = 21;

const TRUE_SCALE = ['Not at all true', 'A little true', 'Somewhat true', 'Mostly true', 'Almost completely true', 'Completely true'];
const HOW_SCALE = ['Not at all', 'A little', 'Somewhat', 'Mostly', 'Almost completely', 'Completely'];

/**
 * The items and their answer scales are the published instrument's, kept as published: rewording a
 * validated questionnaire would change what its cut-off means.
 */
export const CSI_ITEMS = [
  {
    id: 'csi1',
    text: 'Please indicate the degree of happiness, all things considered, of your relationship.',
    options: ['Extremely unhappy', 'Fairly unhappy', 'A little unhappy', 'Happy', 'Very happy', 'Extremely happy', 'Perfect'],
  },
  { id: 'csi2', text: 'I have a warm and comfortable relationship with my partner.', options: TRUE_SCALE },
  { id: 'csi3', text: 'How rewarding is your relationship with your partner?', options: HOW_SCALE },
  { id: 'csi4', text: 'In general, how satisfied are you with your relationship?', options: HOW_SCALE },
] as const;

export type CsiAnswers = [number, number, number, number];

export interface CsiScore {
  total: number;
  belowCutoff: boolean;
}

export function scoreCsi(items: CsiAnswers): CsiScore {
  items.forEach((v, i) => {
    const max = CSI_ITEMS[i]!.options.length - 1;
    if (!Number.isInteger(v) || v < 0 || v > max) throw new Error(`CSI item ${i + 1} out of range`);
  });
  const total = items.reduce((a, b) => a + b, 0);
  return { total, belowCutoff: total < CSI_CUTOFF };
}

// ---------------------------------------------------------------------------
// A check-in answer, and what each member chose to share

export const SHARE_KEYS = ['cognitive', 'experiential', 'emotional', 'appreciation', 'moreOf', 'hurt', 'csi'] as const;
export type ShareKey = (typeof SHARE_KEYS)[number];
export type Sharing = Record<ShareKey, boolean>;

export const NOTHING_SHARED: Sharing = { cognitive: false, experiential: false, emotional: false, appreciation: false, moreOf: false, hurt: false, csi: false };

export interface CheckInAnswer {
  /** How close the member felt this week, 1 (far apart) … 5 (very close), per dimension. */
  closeness: Record<Dimension, number>;
  appreciation: string;
  moreOf: string;
  hurt: boolean;
  /** Optional words about the hurt; only meaningful when hurt is true. */
  hurtWords: string;
  csi: CsiAnswers | null;
  share: Sharing;
}

/** What another member may see of one answer: only the parts its author shared. */
export interface SharedAnswer {
  memberId: string;
  closeness: Partial<Record<Dimension, number>>;
  appreciation?: string;
  moreOf?: string;
  hurt?: { hurt: boolean; words: string };
  csi?: CsiScore;
}

/** The parts of an answer its author chose to share: an allow-list, so a new field is private until added here. */
export function sharedPart(memberId: string, answer: CheckInAnswer): SharedAnswer {
  const out: SharedAnswer = { memberId, closeness: {} };
  for (const d of DIMENSIONS) if (answer.share[d]) out.closeness[d] = answer.closeness[d];
  if (answer.share.appreciation && answer.appreciation) out.appreciation = answer.appreciation;
  if (answer.share.moreOf && answer.moreOf) out.moreOf = answer.moreOf;
  if (answer.share.hurt) out.hurt = { hurt: answer.hurt, words: answer.hurt ? answer.hurtWords : '' };
  if (answer.share.csi && answer.csi) out.csi = scoreCsi(answer.csi);
  return out;
}

export function sharesAnything(s: SharedAnswer): boolean {
  return Object.keys(s.closeness).length > 0 || s.appreciation !== undefined || s.moreOf !== undefined || s.hurt !== undefined || s.csi !== undefined;
}

// ---------------------------------------------------------------------------
// The reveal rule

export interface WeekFacts extends Period {
  /** Set once every member had answered: a week once revealed stays revealed (a late joiner does not hide it). */
  revealedAt: EpochMs | null;
}

export interface Member {
  id: string;
  joinedAt: EpochMs;
}

export interface StoredAnswer {
  memberId: string;
  answer: CheckInAnswer;
}

/** Revealed when every current member has answered, or the week has ended. */
export function isRevealed(week: WeekFacts, memberIds: readonly string[], answeredIds: readonly string[], now: EpochMs): boolean {
  if (week.revealedAt !== null || now >= week.end) return true;
  const answered = new Set(answeredIds);
  return memberIds.length > 0 && memberIds.every((m) => answered.has(m));
}

export interface WeekView {
  revealed: boolean;
  memberCount: number;
  answeredCount: number;
  /** The viewer's own answer, whole. */
  own: CheckInAnswer | null;
  /** Other members' shared parts, only once revealed; empty before. */
  others: SharedAnswer[];
}

/**
 * What one member sees of one week. Deny by default: someone who is not a member sees nothing; a member
 * sees their own answer whole, and others' shared parts only once the week is revealed, and only if they
 * were a member when it was revealed (someone new to a circle does not read its history, not even this
 * week's if it was revealed before they came). Unshared parts are never copied into the view at all.
 */
export function weekView(viewerId: string, members: readonly Member[], answers: readonly StoredAnswer[], week: WeekFacts, now: EpochMs): WeekView {
  const viewer = members.find((m) => m.id === viewerId);
  const memberIds = members.map((m) => m.id);
  const current = answers.filter((a) => memberIds.includes(a.memberId));
  const revealed = isRevealed(
    week,
    memberIds,
    current.map((a) => a.memberId),
    now,
  );
  if (!viewer) return { revealed: false, memberCount: 0, answeredCount: 0, own: null, others: [] };
  const own = current.find((a) => a.memberId === viewerId)?.answer ?? null;
  // Shared answers were shared with the circle as it was when the week was revealed: someone who joined
  // after that (or after the week ended) did not belong to it, and does not read them.
  const mayReadOthers = revealed && viewer.joinedAt < week.end && (week.revealedAt === null || viewer.joinedAt <= week.revealedAt);
  const others = mayReadOthers
    ? current
        .filter((a) => a.memberId !== viewerId)
        .map((a) => sharedPart(a.memberId, a.answer))
        .sort((a, b) => memberIds.indexOf(a.memberId) - memberIds.indexOf(b.memberId))
    : [];
  return { revealed, memberCount: memberIds.length, answeredCount: current.length, own, others };
}

/** Answers may be changed until the week is revealed. */
export function mayAnswer(week: WeekFacts, memberIds: readonly string[], answeredIds: readonly string[], now: EpochMs): boolean {
  return now >= week.start && now < week.end && !isRevealed(week, memberIds, answeredIds, now);
}

/** A week is kept when at least two members were in the circle and every one of them answered. */
export function isKept(memberIds: readonly string[], answeredIds: readonly string[]): boolean {
  const answered = new Set(answeredIds);
  return memberIds.length >= 2 && memberIds.every((m) => answered.has(m));
}

/** The stored form of an answer is JSON (then sealed); this reads it back strictly. */
export const StoredCheckInAnswer = z.object({
  closeness: z.object({ cognitive: z.int().min(1).max(5), experiential: z.int().min(1).max(5), emotional: z.int().min(1).max(5) }),
  appreciation: z.string(),
  moreOf: z.string(),
  hurt: z.boolean(),
  hurtWords: z.string(),
  csi: z.tuple([z.int(), z.int(), z.int(), z.int()]).nullable(),
  share: z.object(Object.fromEntries(SHARE_KEYS.map((k) => [k, z.boolean()])) as Record<ShareKey, z.ZodBoolean>),
});

export * from './companion-support.ts';
