import type { UrgentHelpLine } from '../../db/repositories/practice.ts';

const href = (line: UrgentHelpLine) => `${line.kind === 'text' ? 'sms' : 'tel'}:${line.number.replace(/\s+/g, '')}`;

/** Where to get urgent help: on every page that asks about feelings, and (compact) in the footer. */
export function UrgentHelp({ lines, headingLevel = 2, id = 'urgent-help' }: { lines: UrgentHelpLine[]; headingLevel?: 2 | 3; id?: string }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <aside class="urgent-help" id={id} aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>If you need help now</Heading>
      <p>We are not an emergency service. If you are in danger or thinking about harming yourself, contact one of these straight away:</p>
      <ul>
        {lines.map((line) => (
          <li>
            <strong>{line.name}</strong>: {line.kind === 'text' ? 'text ' : 'call '}
            <a href={href(line)}>{line.number}</a>, {line.detail}
          </li>
        ))}
      </ul>
    </aside>
  );
}

/**
 * The short form at the top of a page that asks about feelings: every number, one tap away, in a few
 * lines on a phone, so the page's own heading and first question still show on the first screen. The
 * full box (what each line is for) follows the page's content, and comes first when a risk was flagged.
 */
export function UrgentHelpNotice({ lines }: { lines: UrgentHelpLine[] }) {
  return (
    <aside class="urgent-help-notice" aria-labelledby="urgent-help-notice-title">
      <p>
        <strong id="urgent-help-notice-title">Need help now?</strong> We are not an emergency service. <a href="#urgent-help">What each line is for</a>
      </p>
      <NumberList lines={lines} />
    </aside>
  );
}

/** Each line's name and its number, a tap away. */
function NumberList({ lines }: { lines: UrgentHelpLine[] }) {
  return (
    <ul>
      {lines.map((line) => (
        <li>
          {line.name}: {line.kind === 'text' ? 'text ' : null}
          <a href={href(line)}>{line.number}</a>
        </li>
      ))}
    </ul>
  );
}

/** The same numbers folded into one line (the companion's pages, read again and again): one tap opens them. */
export function UrgentHelpFolded({ lines }: { lines: UrgentHelpLine[] }) {
  return (
    <details class="urgent-help-notice urgent-help-folded">
      <summary>
        <strong>Need help now?</strong> Urgent numbers
      </summary>
      <p>
        We are not an emergency service. <a href="#urgent-help">What each line is for</a>
      </p>
      <NumberList lines={lines} />
    </details>
  );
}

/**
 * The one line at the top of every page: the first urgent number (the emergency services), one tap away,
 * and a link to every line in the footer. Short enough for one line on a 390 px phone.
 */
export function UrgentHelpTopLine({ lines }: { lines: UrgentHelpLine[] }) {
  const first = lines[0];
  if (!first) return null;
  return (
    <aside class="urgent-line" aria-label="Urgent help">
      <div class="wrap">
        In danger now? {first.kind === 'text' ? 'Text' : 'Call'} <a href={href(first)}>{first.number}</a>
        <span aria-hidden="true"> · </span>
        <a href="#footer-urgent">More urgent help</a>
      </div>
    </aside>
  );
}

/** The same pattern in the footer: one line, every number, on every page. */
export function UrgentHelpFooter({ lines, practiceName }: { lines: UrgentHelpLine[]; practiceName: string }) {
  return (
    <section class="urgent-line urgent-line--footer" aria-labelledby="footer-urgent">
      <div class="wrap">
        <h2 id="footer-urgent">Urgent help</h2>
        <p>
          {practiceName} is not an emergency service. If you are in danger or might harm yourself:{' '}
          {lines.map((line, i) => (
            <>
              {i > 0 ? <span aria-hidden="true"> · </span> : null}
              <span class="urgent-line__item">
                {line.name}: {line.kind === 'text' ? 'text ' : null}
                <a href={href(line)}>{line.number}</a>
              </span>
            </>
          ))}
        </p>
      </div>
    </section>
  );
}
