import type { Child } from 'hono/jsx';
import type { PracticeSettings } from '../../db/repositories/practice.ts';
import { logoFile } from '../../domain/images.ts';
import { markSvg } from '../../media/icons.ts';
import { QUICK_EXIT_URL, QuickExit } from './safety-help.tsx';
import { UrgentHelp, UrgentHelpFolded, UrgentHelpFooter, UrgentHelpNotice, UrgentHelpTopLine } from './urgent-help.tsx';

export interface LayoutProps {
  title: string;
  practice: PracticeSettings;
  stylesheet: string;
  /** Further stylesheets for this page only (the API reference's). */
  styles?: string[] | undefined;
  /** The reading typeface, preloaded. */
  font?: string | undefined;
  scripts: string[];
  nonce: string;
  path: string;
  /** Every page that asks about feelings: every urgent-help number at the top, the full box after the content. */
  asksAboutFeelings?: boolean | undefined;
  /** Something the client told us suggests risk: the full urgent-help box comes first, before the heading. */
  urgentHelpFirst?: boolean | undefined;
  /**
   * The safety policy asks for the quick exit: first in the page's content, above any help. `{ href }` sends
   * it through the app first (the companion's signs the person out on the way).
   */
  quickExit?: boolean | { href: string } | undefined;
  description?: string | undefined;
  /** schema.org data, rendered as JSON-LD. */
  structuredData?: object | undefined;
  /**
   * A page used again and again on a phone (the companion): one bar with the name, a "Menu" that opens the
   * site's navigation, and the quick exit; the urgent numbers folded into one line above the content (one
   * tap opens them; the full box still follows the content). A flagged risk still leads with help.
   */
  compact?: boolean | undefined;
  children?: Child;
}

const NAV = [
  { href: '/guide', label: 'Guide' },
  { href: '/self-check', label: 'Self-check' },
  { href: '/therapists', label: 'Therapists' },
  { href: '/match', label: 'Find your match' },
  { href: '/contact', label: 'Contact' },
];

export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

export function Layout(props: LayoutProps) {
  const { practice } = props;
  // A flagged risk: the full urgent-help box first. Otherwise a page about feelings has every number
  // above its heading and the full box after its content.
  const helpFirst = props.urgentHelpFirst === true;
  const helpAfter = props.asksAboutFeelings === true && !helpFirst;
  return (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${practice.name}`}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {(props.styles ?? []).map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        <link rel="stylesheet" href={props.stylesheet} />
        {props.font ? <link rel="preload" href={props.font} as="font" type="font/woff2" crossorigin="anonymous" /> : null}
        <link rel="icon" href="/favicon.ico" sizes="48x48" />
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
        <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
        <link rel="manifest" href="/manifest.webmanifest" />
        <meta name="theme-color" content="#1f4347" />
        {props.structuredData ? (
          <script type="application/ld+json" nonce={props.nonce} dangerouslySetInnerHTML={{ __html: jsonLd(props.structuredData) }} />
        ) : null}
        {props.scripts.map((src) => (
          <script type="module" src={src} nonce={props.nonce} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <UrgentHelpTopLine lines={practice.urgentHelp} />
        {props.compact ? (
          <CompactHeader practice={practice} path={props.path} quickExit={props.quickExit} />
        ) : (
          <>
            <header class="site-header">
              <div class="wrap site-header__bar">
                <Brand practice={practice} />
                <div class="site-header__actions">
                  <a class="button button--outline" href={telHref(practice.phone)}>
                    <span class="only-wide">
                      Call us<span class="visually-hidden"> on</span>
                      {`\u00a0${practice.phone}`}
                    </span>
                    <span class="only-narrow">
                      Call<span class="visually-hidden"> us on {practice.phone}</span>
                    </span>
                  </a>
                  <a class="button button--light" href="/book">
                    Book<span class="only-wide">{'\u00a0now'}</span>
                  </a>
                </div>
              </div>
            </header>
            <nav class="site-nav" aria-label="Main">
              <div class="wrap">
                <ul>
                  {NAV.map((item) => (
                    <li>
                      <a href={item.href} aria-current={props.path === item.href || props.path.startsWith(`${item.href}/`) ? 'page' : undefined}>
                        {item.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            </nav>
          </>
        )}
        <main id="main" tabindex={-1}>
          <div class="wrap">
            {props.quickExit && !props.compact ? <QuickExit href={typeof props.quickExit === 'object' ? props.quickExit.href : undefined} /> : null}
            {helpFirst ? <UrgentHelp lines={practice.urgentHelp} /> : null}
            {helpAfter ? props.compact ? <UrgentHelpFolded lines={practice.urgentHelp} /> : <UrgentHelpNotice lines={practice.urgentHelp} /> : null}
            {props.children}
            {helpAfter ? <UrgentHelp lines={practice.urgentHelp} /> : null}
          </div>
        </main>
        <footer class="site-footer">
          <UrgentHelpFooter lines={practice.urgentHelp} practiceName={practice.name} />
          <div class="wrap site-footer__cols">
            <section aria-labelledby="footer-practice">
              <h2 id="footer-practice">{practice.name}</h2>
              <p>
                {practice.address}
                <br />
                <a href={telHref(practice.phone)}>{practice.phone}</a> · <a href={`mailto:${practice.email}`}>{practice.email}</a>
                <br />
                {practice.openingHours}
              </p>
            </section>
            <section aria-labelledby="footer-links">
              <h2 id="footer-links">About this site</h2>
              <ul>
                <li>
                  <a href="/privacy">Privacy notice</a>
                </li>
                <li>
                  <a href="/api">API reference</a>
                </li>
                <li>
                  <a href="/staff">Staff sign-in</a>
                </li>
              </ul>
            </section>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The companion's bar: the name, a "Menu" holding the site's links (no script needed), the quick exit. */
function CompactHeader({ practice, path, quickExit }: { practice: PracticeSettings; path: string; quickExit: LayoutProps['quickExit'] }) {
  return (
    <header class="site-header site-header--compact">
      <div class="wrap site-header__bar">
        <Brand practice={practice} />
        <div class="site-header__actions">
          <details class="site-menu">
            <summary class="button button--outline">Menu</summary>
            <nav class="site-menu__panel" aria-label="Main">
              <ul>
                {NAV.map((item) => (
                  <li>
                    <a href={item.href} aria-current={path === item.href || path.startsWith(`${item.href}/`) ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
                <li>
                  <a href={telHref(practice.phone)}>Call us on {practice.phone}</a>
                </li>
                <li>
                  <a href="/book">Book a session</a>
                </li>
              </ul>
            </nav>
          </details>
          {quickExit ? (
            <a class="button quick-exit" href={typeof quickExit === 'object' ? quickExit.href : QUICK_EXIT_URL} rel="noreferrer noopener" data-quick-exit="">
              Leave this site quickly
            </a>
          ) : null}
        </div>
      </div>
    </header>
  );
}

/** The practice's logo when one was uploaded; otherwise its name set beside the mark. */
function Brand({ practice }: { practice: PracticeSettings }) {
  const logo = practice.logo;
  if (logo) {
    const height = 40;
    const width = Math.round((logo.width / logo.height) * height);
    return (
      <a class="brand brand--logo" href="/">
        <img src={`/media/${logoFile(logo)}`} alt={`${practice.name}: home`} width={width} height={height} />
      </a>
    );
  }
  return (
    <a class="brand" href="/">
      <span class="brand__mark" aria-hidden="true" dangerouslySetInnerHTML={{ __html: markSvg(36) }} />
      <span class="brand__name">{practice.name}</span>
    </a>
  );
}

/** JSON for a <script> element: no "</script>" or HTML comment can break out of it. */
export function jsonLd(data: object): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
