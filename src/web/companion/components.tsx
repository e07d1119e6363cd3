// The companion's page frame and shared parts: the quick exit, safety information, the circle's menu,
// the private support note.
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { exerciseById } from '../../content/exercises.ts';
import type { Membership } from '../../db/repositories/companion-circles.ts';
import type { UrgentHelpLine } from '../../db/repositories/practice.ts';
import { type CircleKind, matchCarryOver, SUPPORT_RULE_TEXT, type SupportAdvice } from '../../domain/companion.ts';
import { NO_WORRY, type SafetyDecision } from '../../domain/safety.ts';
import { ErrorSummary, type FieldErrors } from '../components/forms.tsx';
import { DomesticAbuseHelp } from '../components/safety-help.tsx';
import { renderPage } from '../render.tsx';
import { asAppContext, type CompanionContext } from './session.ts';

export interface CompanionPageOptions {
  title: string;
  status?: ContentfulStatusCode;
  /** A page that asks about or shows feelings: urgent help, domestic-abuse information and the quick exit. */
  feelings?: boolean;
  /** The circle the page belongs to: shows its menu. */
  membership?: Membership;
  /** The menu entry of the page, for aria-current. */
  section?: CircleSection;
  /** What the safety policy makes of the member's own words: help first when they suggest risk. */
  safety?: SafetyDecision;
  /** Client modules (source names in src/assets) the page is enhanced with. */
  scripts?: string[];
}

/** Every companion page: private (never cached, indexed or sent as a referrer), with the quick exit. */
export async function companionPage(c: CompanionContext, options: CompanionPageOptions, content: Child): Promise<Response> {
  c.header('Cache-Control', 'no-store');
  const practice = options.feelings ? await c.var.deps.repos.practice.get() : null;
  return renderPage(
    asAppContext(c),
    {
      title: options.title,
      status: options.status,
      asksAboutFeelings: options.feelings ?? false,
      urgentHelpFirst: options.safety?.helpFirst ?? false,
      // Signed in, the quick exit signs out on its way to the weather page, so Back finds nothing open.
      quickExit: c.var.client ? { href: '/companion/quick-exit' } : true,
      private: true,
      compact: true,
      ...(options.scripts ? { scripts: options.scripts } : {}),
    },
    <>
      {options.membership ? <CircleMenu membership={options.membership} current={options.section} /> : null}
      <div class="companion">{content}</div>
      {practice ? <SafetyAtHome lines={practice.urgentHelp} /> : null}
      {c.var.client ? <AccountBar /> : null}
    </>,
  );
}

/** Domestic abuse: what to do if someone in a circle frightens or controls you. */
export function SafetyAtHome({ lines }: { lines: UrgentHelpLine[] }) {
  const helpline = lines.find((l) => /domestic|abuse/i.test(l.name));
  return (
    <aside class="safety-at-home" aria-labelledby="safety-at-home-title">
      <h2 id="safety-at-home-title">If someone close to you frightens or controls you</h2>
      <p>
        Being afraid of someone you live with or love, being watched, put down, cut off from others or hurt, is abuse, and it is not your fault.
        {helpline ? (
          <>
            {' '}
            The {helpline.name} is free and confidential: call <a href={`tel:${helpline.number.replace(/\s+/g, '')}`}>{helpline.number}</a> ({helpline.detail}).
          </>
        ) : null}{' '}
        In an emergency call 999; if you cannot speak, call 999 and press 55 when asked.
      </p>
      <p>
        Nobody else in your circle can see your answers unless you share them. If it is not safe to answer honestly, you do not have to: you can leave a circle,
        or delete your account, at any time, and the quick exit button at the top of the page leaves this site straight away.
      </p>
    </aside>
  );
}

function AccountBar() {
  return (
    <nav class="companion-account" aria-label="Your companion account">
      <ul>
        <li>
          <a href="/companion">Your circles</a>
        </li>
        <li>
          <a href="/companion/account">Your account and data</a>
        </li>
        <li>
          <form method="post" action="/companion/sign-out">
            <button class="link-button" type="submit">
              Sign out
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}

export type CircleSection = 'overview' | 'check-in' | 'trends' | 'promises' | 'jar' | 'exercises' | 'settings';

const SECTIONS: { id: CircleSection; label: string; path: string }[] = [
  { id: 'overview', label: 'Overview', path: '' },
  { id: 'check-in', label: "This week's check-in", path: '/check-in' },
  { id: 'trends', label: 'Trends', path: '/trends' },
  { id: 'promises', label: 'Promises', path: '/promises' },
  { id: 'jar', label: 'Appreciation jar', path: '/jar' },
  { id: 'exercises', label: 'Exercises', path: '/exercises' },
  { id: 'settings', label: 'Invite and settings', path: '/settings' },
];

export function CircleMenu({ membership, current }: { membership: Membership; current: CircleSection | undefined }) {
  const base = `/companion/circles/${membership.circle.id}`;
  return (
    <nav class="circle-menu" aria-label={`Circle: ${membership.circle.name}`}>
      <p class="circle-menu__name">{membership.circle.name}</p>
      <ul>
        {SECTIONS.map((s) => (
          <li>
            <a href={`${base}${s.path}`} aria-current={current === s.id ? 'page' : undefined}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Help first, when the member's own words suggest they may not be safe (the safety policy, from risk.ts):
 * rendered only into their own pages, above everything else the page says.
 */
export function OwnSafetyNote({ safety, sharedWorry = false }: { safety: SafetyDecision; sharedWorry?: boolean }) {
  if (!safety.helpFirst) return null;
  return (
    <section class="own-safety" aria-labelledby="own-safety-title">
      <h2 id="own-safety-title" class="own-safety__title">
        Your safety comes first
      </h2>
      <p class="support-note__private">Only you can see this. Nobody else in your circle is told.</p>
      <p>
        Some of the words you wrote suggest you may not be safe
        {safety.kinds.includes('self-harm') ? ', or may be thinking about harming yourself' : ''}. If we have read them wrongly, we are sorry. If not, the
        numbers above are free and confidential, and you can talk to a therapist on your own.
      </p>
      {sharedWorry ? (
        <p class="notice notice--warn">
          You chose to share those words with your circle. If it is not safe for someone in it to read them, untick “Share this answer” below and save again:
          nobody sees shared answers until everyone has answered or the week ends.
        </p>
      ) : null}
      {safety.domesticAbuseHelp ? (
        <DomesticAbuseHelp headingLevel={3} intro="Your check-in is private: the others in your circle see only the answers you choose to share." />
      ) : null}
      <form method="post" action="/match" class="own-safety__find">
        <input type="hidden" name="relationship" value="individual" />
        <button class="button" type="submit">
          Find a therapist who sees people on their own
        </button>
      </form>
    </section>
  );
}

/** A suggestion to consider support, with its reasons: rendered only into the member's own pages. */
export function SupportNote({
  advice,
  kind,
  circleId,
  safety = NO_WORRY,
  headingLevel = 2,
}: {
  advice: SupportAdvice;
  kind: CircleKind;
  circleId: string;
  safety?: SafetyDecision;
  headingLevel?: 2 | 3;
}) {
  if (!advice.suggested && !advice.selfCompassion) return null;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const carry = matchCarryOver(kind, advice, safety);
  const selfCompassion = exerciseById('self-compassion');
  return (
    <section class="support-note" aria-labelledby="support-note-title">
      <H id="support-note-title">{advice.suggested ? 'It may be time to talk to someone' : 'Be kind to yourself this week'}</H>
      <p class="support-note__private">Only you can see this. Nobody else in your circle is told.</p>
      {advice.suggested ? (
        <>
          <p>
            Your recent check-ins suggest that things have been hard for a while. A therapist can help{' '}
            {safety.jointSessionSuggestions ? 'you both, or you on your own,' : 'you, on your own and in confidence,'} to understand what is happening and what
            might help.
          </p>
          <ul>
            {advice.reasons.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
          <form method="post" action="/match" class="support-note__match">
            <input type="hidden" name="relationship" value={carry.relationship} />
            {carry.concerns.map((concern) => (
              <input type="hidden" name="concerns" value={concern} />
            ))}
            <button class="button" type="submit">
              Find a therapist who fits
            </button>
          </form>
          <details>
            <summary>How we decide to suggest this</summary>
            <p>{SUPPORT_RULE_TEXT}</p>
          </details>
        </>
      ) : null}
      {advice.selfCompassion && selfCompassion ? (
        <div class="support-note__hurt">
          <p class="support-note__subhead">When something has hurt</p>
          <p>You said something hurt you. Before anything else, a few minutes of kindness towards yourself can help:</p>
          <ul>
            <li>Name the feeling in a word or two, and let it be there without arguing with it.</li>
            <li>Say to yourself what you would say to a good friend who had been hurt in the same way.</li>
            <li>Remember that one hard moment says something about that moment, not about what you are worth.</li>
            <li>Think of one person you trust, in the circle or outside it, whom you could tell.</li>
          </ul>
          <p>
            <a href={`/companion/circles/${circleId}/exercises/self-compassion`}>The full self-compassion exercise</a>
          </p>
        </div>
      ) : null}
    </section>
  );
}

export function Flash({ children, tone = 'ok' }: { children: Child; tone?: 'ok' | 'info' | 'warn' }) {
  return (
    <div class={tone === 'ok' ? 'notice notice--ok' : tone === 'warn' ? 'notice notice--warn' : 'notice'} role="status">
      {children}
    </div>
  );
}

/** A form of one field (its error summary first) and one button: joining a circle, a note for the jar. */
export function OneFieldForm({
  action,
  errors,
  field,
  submit,
  children,
}: {
  action: string;
  errors: FieldErrors;
  field: string;
  submit: string;
  children: Child;
}) {
  return (
    <>
      <ErrorSummary errors={errors} order={[field]} />
      <form method="post" action={action} novalidate>
        {children}
        <button class="button" type="submit">
          {submit}
        </button>
      </form>
    </>
  );
}

/** The single-valued fields of a form as sent (a repeated field is left out), to show them again. */
export const singleValues = (values: Record<string, string | string[]>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'));
