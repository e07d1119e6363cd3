// What every page shows when the safety policy (src/domain/safety.ts) says so: the quick exit, and help for
// someone who is afraid of, or harmed by, someone close. One copy, used by the self-check, Find your match,
// /safety and the companion.
import type { Child } from 'hono/jsx';

/** Where the quick exit goes: an everyday page. */
export const QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

/**
 * The quick exit: a plain link (it leaves without JavaScript too); src/assets/quick-exit.ts makes it leave
 * this page out of the Back button, and adds Shift three times. It stays at the top of the screen as the
 * page scrolls.
 */
export function QuickExit({ href = QUICK_EXIT_URL }: { href?: string | undefined }) {
  return (
    <div class="quick-exit-bar">
      <a class="button quick-exit" href={href} rel="noreferrer noopener" data-quick-exit="">
        Leave this site quickly
      </a>
      <span class="quick-exit-bar__hint">Goes to a weather page. Your browser history may still show this site.</span>
    </div>
  );
}

/**
 * Helplines for fear of, or harm from, someone close, and a first session alone. `intro` says what became
 * of the answer (on most pages: nothing is kept); `children` add the way to book that first session.
 */
export function DomesticAbuseHelp({ intro, headingLevel = 2, children }: { intro?: Child; headingLevel?: 2 | 3; children?: Child }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <aside class="safety-help" aria-labelledby="safety-help-title">
      <Heading id="safety-help-title" class="safety-help__title">
        You do not have to deal with this alone
      </Heading>
      <p>{intro ?? 'Thank you for telling us. Your answer stays on this screen: it is not stored, not sent to anyone and not shown to your partner.'}</p>
      <ul>
        <li>
          <strong>If you are in danger now</strong>, call <a href="tel:999">999</a>. If you cannot speak, call 999 from a mobile and press 55 when you are
          asked: the police will know the call is real.
        </li>
        <li>
          <strong>National Domestic Abuse Helpline</strong>: <a href="tel:08082000247">0808 2000 247</a>, free and open day and night.
        </li>
        <li>
          <strong>Respect Men’s Advice Line</strong>: <a href="tel:08088010327">0808 8010 327</a>, free, for men who are being abused.
        </li>
      </ul>
      <p>Joint sessions are not a safe place to talk about fear or control at home, so we suggest a first session on your own.</p>
      {children}
    </aside>
  );
}
