// Does something a person wrote suggest they may be at risk? A small, careful list of phrases about
// harming oneself and about being harmed by someone else. When it matches, the product shows where to get
// urgent help first. It errs towards showing help: a false alarm costs a glance at a box of phone
// numbers, a miss could cost much more. It never blocks, diagnoses or stores anything. Pure.

export type RiskKind = 'self-harm' | 'harm-from-others';

const PEOPLE = '(?:he|she|they|my (?:partner|husband|wife|boyfriend|girlfriend|ex|dad|father|mum|mom|mother|brother|sister|son|daughter|family))';
const VIOLENCE =
  '(?:hits?|hitting|beats?|beating|beat|kicks?|kicked|kicking|punch(?:es|ed)?|punching|slap(?:s|ped)?|slapping|chok(?:es|ed|ing)|strangl(?:es|ed|ing)|push(?:es|ed)|hurts?|hurting|threaten(?:s|ed)?|threatening|rap(?:es|ed))';

/** Whole-word phrases, matched against lower-cased text with plain apostrophes and single spaces. */
const PATTERNS: { kind: RiskKind; pattern: RegExp }[] = [
  // Thoughts of suicide or of harming oneself.
  { kind: 'self-harm', pattern: /\bsuicid(?:e|al)\b/ },
  { kind: 'self-harm', pattern: /\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting) myself\b/ },
  { kind: 'self-harm', pattern: /\bself[- ]?harm(?:ing)?\b/ },
  { kind: 'self-harm', pattern: /\b(?:end|ending|take|taking) my (?:own )?life\b/ },
  { kind: 'self-harm', pattern: /\bend it all\b/ },
  { kind: 'self-harm', pattern: /\b(?:want|wanted|wanting) to die\b/ },
  { kind: 'self-harm', pattern: /\bbetter off dead\b/ },
  { kind: 'self-harm', pattern: /\bno (?:reason|point) (?:in )?(?:to )?(?:living|live|going on)\b/ },
  { kind: 'self-harm', pattern: /\boverdos(?:e|ed|ing)\b/ },
  // Being harmed, threatened or frightened by someone.
  { kind: 'harm-from-others', pattern: new RegExp(`\\b${PEOPLE} (?:often |sometimes |has |keeps |always )?${VIOLENCE} me\\b`) },
  {
    kind: 'harm-from-others',
    pattern: /\b(?:afraid|scared|frightened|terrified) (?:of|for) (?:him|her|them|my (?:partner|husband|wife|boyfriend|girlfriend|ex)|my life|my safety)\b/,
  },
  { kind: 'harm-from-others', pattern: /\b(?:going to|gonna|will|threatened to|threatens to|wants to|tried to) kill me\b/ },
  { kind: 'harm-from-others', pattern: /\b(?:domestic (?:abuse|violence)|coercive control)\b/ },
  { kind: 'harm-from-others', pattern: /\b(?:abuses|abused|abusing) me\b/ },
  { kind: 'harm-from-others', pattern: /\b(?:raped|sexually assaulted)\b/ },
  { kind: 'harm-from-others', pattern: /\b(?:not|never) (?:feel )?safe (?:at home|with (?:him|her|them))\b/ },
  { kind: 'harm-from-others', pattern: /\b(?:i am|i'm|i feel) not safe\b|\bi (?:do not|don't) feel safe\b/ },
];

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[^\p{L}\p{N}'\s-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The kinds of risk the text suggests, each at most once, in a stable order. */
export function riskSignals(text: string): RiskKind[] {
  const t = normalise(text);
  const kinds = new Set<RiskKind>();
  for (const { kind, pattern } of PATTERNS) if (pattern.test(t)) kinds.add(kind);
  return (['self-harm', 'harm-from-others'] as const).filter((k) => kinds.has(k));
}

/** True when the text suggests the writer may be at risk: show urgent help first. */
export function suggestsRisk(text: string): boolean {
  return riskSignals(text).length > 0;
}
