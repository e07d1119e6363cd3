// The check-in form: what a member sends, read into a CheckInAnswer. Pure.
import { z } from 'zod';
import { type CheckInAnswer, type CsiAnswers, NOTHING_SHARED, SHARE_KEYS } from './companion.ts';

const MAX_TEXT = 1000;
const toInt = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v);
const text = (max: number, tooLong: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : v),
    z.string().max(max, { error: tooLong }),
  );

const closeness = (label: string) =>
  z.preprocess(
    toInt,
    z
      .int({ error: `Choose how close you felt: ${label}.` })
      .min(1, { error: `Choose how close you felt: ${label}.` })
      .max(5, { error: `Choose how close you felt: ${label}.` }),
  );

const csiItem = (max: number) =>
  z.preprocess(toInt, z.int({ error: 'Choose one answer.' }).min(0, { error: 'Choose one answer.' }).max(max, { error: 'Choose one answer.' }));

function checkInFields(withCsi: boolean) {
  return {
    cognitive: closeness('sharing ideas and feeling understood'),
    experiential: closeness('time and attention together'),
    emotional: closeness('showing feelings and feeling safe'),
    appreciation: text(MAX_TEXT, `Keep this under ${MAX_TEXT} characters.`),
    moreOf: text(MAX_TEXT, `Keep this under ${MAX_TEXT} characters.`),
    hurt: z.enum(['yes', 'no'], { error: 'Say whether something hurt you this week.' }),
    hurtWords: text(2000, 'Keep this under 2000 characters.'),
    share: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(SHARE_KEYS, { error: 'Choose from the list.' })).max(SHARE_KEYS.length),
    ),
    csi1: withCsi ? csiItem(6) : z.never({ error: 'Not asked this week.' }).optional(),
    csi2: withCsi ? csiItem(5) : z.never({ error: 'Not asked this week.' }).optional(),
    csi3: withCsi ? csiItem(5) : z.never({ error: 'Not asked this week.' }).optional(),
    csi4: withCsi ? csiItem(5) : z.never({ error: 'Not asked this week.' }).optional(),
  };
}

type CheckInFields = z.output<z.ZodObject<ReturnType<typeof checkInFields>>>;

function answerOf(withCsi: boolean, f: CheckInFields): CheckInAnswer {
  const share = { ...NOTHING_SHARED };
  for (const k of f.share) share[k] = true;
  const csi = withCsi ? ([f.csi1, f.csi2, f.csi3, f.csi4] as CsiAnswers) : null;
  if (!csi) share.csi = false;
  return {
    closeness: { cognitive: f.cognitive, experiential: f.experiential, emotional: f.emotional },
    appreciation: f.appreciation,
    moreOf: f.moreOf,
    hurt: f.hurt === 'yes',
    hurtWords: f.hurt === 'yes' ? f.hurtWords : '',
    csi,
    share,
  };
}

/** Form fields in; a CheckInAnswer out. `share` holds the ShareKeys ticked. Unknown fields are refused. */
export function checkInSchema(withCsi: boolean) {
  return z.strictObject(checkInFields(withCsi)).transform((f): CheckInAnswer => answerOf(withCsi, f));
}

/**
 * The check-in form: the answer's fields and the start of the week it was answering (a hidden field; null
 * when missing or not a time, which reads as another week).
 */
export function checkInFormSchema(withCsi: boolean) {
  return z.strictObject({ ...checkInFields(withCsi), weekStart: z.string().optional() }).transform(({ weekStart, ...f }) => ({
    weekStart: weekStart !== undefined && /^\d{1,15}$/.test(weekStart) ? Number(weekStart) : null,
    answer: answerOf(withCsi, f),
  }));
}

const keepText = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').slice(0, max) : undefined), z.string().optional());
const oneOf = (values: readonly string[]) => z.preprocess((v) => (typeof v === 'string' && values.includes(v) ? v : undefined), z.string().optional());
const LEVELS = ['1', '2', '3', '4', '5'];

/**
 * A check-in half answered, kept as the member goes: whatever of the form's fields is there, each only if
 * it is one of the form's values (texts cut to the form's limits). Never refused: a draft is not checked,
 * only kept. The week it answers is the hidden weekStart, as in the form.
 */
export const checkInDraftSchema = z
  .object({
    weekStart: z.string().regex(/^\d{1,15}$/),
    cognitive: oneOf(LEVELS),
    experiential: oneOf(LEVELS),
    emotional: oneOf(LEVELS),
    appreciation: keepText(MAX_TEXT),
    moreOf: keepText(MAX_TEXT),
    hurt: oneOf(['yes', 'no']),
    hurtWords: keepText(2000),
    share: z.preprocess(
      (v) => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((x) => (SHARE_KEYS as readonly string[]).includes(x)),
      z.array(z.string()),
    ),
    csi1: oneOf(['0', '1', '2', '3', '4', '5', '6']),
    csi2: oneOf(['0', '1', '2', '3', '4', '5']),
    csi3: oneOf(['0', '1', '2', '3', '4', '5']),
    csi4: oneOf(['0', '1', '2', '3', '4', '5']),
  })
  .transform(({ weekStart, ...fields }) => ({
    weekStart: Number(weekStart),
    fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string | string[]>,
  }));
