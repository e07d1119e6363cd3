// The tiny block vocabulary the site's long-form content is written in (the guide, the services page).
// No HTML here: templates render (and escape) every block.

/** Where a call to action leads. */
export const CTA_TARGETS = ['self-check', 'match', 'book', 'contact'] as const;
export type CtaTarget = (typeof CTA_TARGETS)[number];

export const CTA_PATHS: Record<CtaTarget, string> = {
  'self-check': '/self-check',
  match: '/match',
  book: '/book',
  contact: '/contact',
};

/** Service slugs used across the content (see services.ts). */
export const SERVICE_SLUGS = ['initial-consultation', 'couples-counselling', 'family-counselling', 'individual-therapy', 'psychosexual-therapy'] as const;
export type ServiceSlug = (typeof SERVICE_SLUGS)[number];

/** One list item: optional lead-in term (rendered in bold, for example) and its text. */
export interface ListItem {
  term?: string;
  text: string;
}

/** The tiny block vocabulary the content is written in. */
export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'h3'; text: string }
  | { kind: 'ul'; items: ListItem[] }
  | { kind: 'ol'; items: ListItem[] }
  /** A highlighted aside, e.g. about safety. */
  | { kind: 'note'; text: string }
  /** A point where a call to action fits. `service` pre-selects a service when booking. */
  | { kind: 'cta'; to: CtaTarget; text: string; service?: ServiceSlug };

/** The link for a call to action. */
export function ctaHref(block: { to: CtaTarget; service?: ServiceSlug }): string {
  const path = CTA_PATHS[block.to];
  return block.to === 'book' && block.service ? `${path}?service=${encodeURIComponent(block.service)}` : path;
}

/** Plain text of some blocks (for descriptions, search, word counts). CTAs are left out. */
export function blocksToText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'p':
      case 'h3':
      case 'note':
        out.push(b.text);
        break;
      case 'ul':
      case 'ol':
        for (const i of b.items) out.push(i.term ? `${i.term}: ${i.text}` : i.text);
        break;
      case 'cta':
        break;
    }
  }
  return out.join('\n');
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Builders the content is written with. */
export const p = (text: string): Block => ({ kind: 'p', text });
export const h3 = (text: string): Block => ({ kind: 'h3', text });
export const ul = (...items: (string | [string, string])[]): Block => ({
  kind: 'ul',
  items: items.map((i) => (typeof i === 'string' ? { text: i } : { term: i[0], text: i[1] })),
});
export const ol = (...items: (string | [string, string])[]): Block => ({
  kind: 'ol',
  items: items.map((i) => (typeof i === 'string' ? { text: i } : { term: i[0], text: i[1] })),
});
export const cta = (to: CtaTarget, text: string, service?: ServiceSlug): Block => (service ? { kind: 'cta', to, text, service } : { kind: 'cta', to, text });
