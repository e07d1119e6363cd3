// Renders the content files' small block vocabulary (src/content/guide.ts) as HTML. Text is escaped by JSX.
import type { Block, CtaTarget, ListItem } from '../../content/guide.ts';
import { CTA_PATHS } from '../../content/guide.ts';

const ACTION_LABELS: Record<CtaTarget, string> = {
  'self-check': 'Take the self-check',
  match: 'Find your match',
  book: 'Book a session',
  contact: 'Contact us',
};

function Items({ items }: { items: ListItem[] }) {
  return (
    <>
      {items.map((i) => (
        <li>
          {i.term ? (
            <>
              <strong>{i.term}</strong>: {i.text}
            </>
          ) : (
            i.text
          )}
        </li>
      ))}
    </>
  );
}

export interface BlocksProps {
  blocks: readonly Block[];
  /** The booking link for a service slug (`/book?service={reference}`); CTAs to book use it. */
  bookHref?: (slug: string | undefined) => string;
}

export function Blocks({ blocks, bookHref }: BlocksProps) {
  return (
    <>
      {blocks.map((b) => {
        switch (b.kind) {
          case 'p':
            return <p>{b.text}</p>;
          case 'h3':
            return <h3>{b.text}</h3>;
          case 'ul':
            return (
              <ul>
                <Items items={b.items} />
              </ul>
            );
          case 'ol':
            return (
              <ol>
                <Items items={b.items} />
              </ol>
            );
          case 'note':
            return <p class="notice">{b.text}</p>;
          case 'cta': {
            const href = b.to === 'book' && bookHref ? bookHref(b.service) : CTA_PATHS[b.to];
            // A sentence explains and a button acts; a short phrase is the button's own label.
            const sentence = /[.?!]$/.test(b.text);
            return sentence ? (
              <div class="cta">
                <p>{b.text}</p>
                <a class="button" href={href}>
                  {ACTION_LABELS[b.to]}
                </a>
              </div>
            ) : (
              <div class="cta">
                <a class="button" href={href}>
                  {b.text}
                </a>
              </div>
            );
          }
          default:
            return null;
        }
      })}
    </>
  );
}
