// Who a self-check is about, and the words its statements use for them.
import type { Relationship } from './types.ts';

// ---------------------------------------------------------------------------
// Who the self-check is about

export const ABOUTS = ['partner', 'family', 'friend'] as const;
export type About = (typeof ABOUTS)[number];

export const ABOUT_LABELS: Record<About, string> = {
  partner: 'My partner',
  family: 'A family member',
  friend: 'A friend',
};

export interface AboutWords {
  /** First person, for statements: "my partner". */
  my: string;
  /** Capitalised first person: "My partner". */
  My: string;
  /** Second person, for results: "your partner". */
  your: string;
  /** Short label, for the circles picture: "Partner". */
  short: string;
}

export function wordsFor(about: About): AboutWords {
  switch (about) {
    case 'partner':
      return { my: 'my partner', My: 'My partner', your: 'your partner', short: 'Partner' };
    case 'family':
      return { my: 'this family member', My: 'This family member', your: 'this family member', short: 'Family member' };
    case 'friend':
      return { my: 'my friend', My: 'My friend', your: 'your friend', short: 'Friend' };
  }
}

/** Wording for the form, where one page asks about any of the three relationships. */
export const NEUTRAL_WORDS: AboutWords = { my: 'this person', My: 'This person', your: 'this person', short: 'Them' };

export const words = (about: About | AboutWords): AboutWords => (typeof about === 'string' ? wordsFor(about) : about);

/** The relationship to carry into matching (POST /api/v1/match). */
export function matchRelationshipFor(about: About): Relationship {
  return about === 'partner' ? 'couple' : about === 'family' ? 'family' : 'friendship';
}
