// /privacy: a plain-language privacy notice built from the practice settings.
import type { Context } from 'hono';
import { BOOKING_RETENTION_YEARS, CANCELLED_BOOKING_RETENTION_DAYS, WAITLIST_RETENTION_DAYS } from '../../domain/booking.ts';
import { COMPANION_UNUSED_RETENTION_DAYS } from '../../domain/companion.ts';
import { CONTACT_RETENTION_DAYS } from '../../domain/contact.ts';
import { notesInExport } from '../../usecases/bookings/session-notes.ts';
import { KEPT_FORM_MINUTES } from '../../usecases/kept-forms.ts';
import { SESSION_LIMIT_TEXT } from '../companion/format.ts';
import { sessionCookieName } from '../companion/session.ts';
import { telHref } from '../components/layout.tsx';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.tsx';

interface Use {
  what: string;
  why: string;
  basis: string;
  kept: string;
}

const USES: Use[] = [
  {
    what: 'The self-check',
    why: 'To show you a reflection on your answers.',
    basis: 'None is needed: your answers are used to draw the page you see and are then forgotten. They are never stored, logged or put in a web address.',
    kept: 'Not kept at all.',
  },
  {
    what: 'Messages and call-back requests (your name, contact details, what you write, when we may call)',
    why: 'To reply to you, or to call you back.',
    basis:
      'Article 6(1)(b) of the UK GDPR: you have asked us to get in touch before you become a client. Because what you write may be about your health or relationships, we also ask for your explicit consent when you send it (Article 9(2)(a)).',
    kept: `${Math.round(CONTACT_RETENTION_DAYS / 30)} months from when we receive it, then deleted, unless it becomes part of your client record.`,
  },
  {
    what: 'Bookings and sessions (your name, e-mail, phone, the service and therapist you chose, any notes you add, your answers to the questions before your first session, and your therapist’s notes about each session: only your therapist reads those)',
    why: 'To arrange and provide your sessions, remind you of them, and keep the records a therapist must keep.',
    basis:
      'Article 6(1)(b): the agreement between us to provide therapy. For anything about your health, relationships or sex life: Article 9(2)(h), the provision of health care by professionals bound by confidentiality (with the Data Protection Act 2018, Schedule 1, paragraph 2).',
    kept: `While you are a client and for ${BOOKING_RETENTION_YEARS} years after your last session, then deleted. A booking cancelled before it took place is deleted ${CANCELLED_BOOKING_RETENTION_DAYS} days after its date; a place on the waiting list ${WAITLIST_RETENTION_DAYS} days after the last date you asked for, or after you leave it.`,
  },
  {
    what: 'Invoices and receipts (your name and e-mail address, the date and service of the session, the amount, and when and how you paid)',
    why: 'To bill for sessions, and to give you a receipt you can use, for example, with a health insurer.',
    basis: 'Article 6(1)(c) and 9(2)(h): the law requires the practice to keep financial records of the care it provides.',
    kept: 'Invoices are kept when your bookings are deleted, and after you ask us to erase your information, because the law requires financial records to be kept for at least six years.',
  },
  {
    what: 'Check-ins and notes in the companion, if you use it',
    why: 'To show you and the people you invite what you each chose to share, and your trends over time.',
    basis:
      'Your explicit consent (Articles 6(1)(a) and 9(2)(a)). We ask for it, in so many words, when you create your companion account, and record when you gave it and which wording you agreed to. You can withdraw it at any time: leaving a circle deletes what you wrote there, and deleting your account deletes everything.',
    kept: `Until you delete them or leave; if nobody signs in to your account for ${COMPANION_UNUSED_RETENTION_DAYS} days, we delete it and everything you wrote.`,
  },
  {
    what: 'What you typed into a companion form when you had been signed out, if that happens',
    why: 'So that signing in again does not lose it: it is offered to you once, in the same browser, to send again.',
    basis:
      'The same as for what you were writing (your explicit consent, for the companion). It is encrypted, and found only with a random code in a cookie of that browser.',
    kept: `Up to ${KEPT_FORM_MINUTES} minutes, or until it has been offered to you, whichever comes first; then deleted.`,
  },
  {
    what: 'The address your connection comes from, turned into a one-way code',
    why: 'To hold back spam and repeated attempts to guess passwords.',
    basis: 'Article 6(1)(f): our legitimate interest in keeping the service safe and available.',
    kept: 'Up to one hour.',
  },
];

export async function privacyPage(c: Context<AppEnv>) {
  const practice = await c.var.deps.repos.practice.get();
  const notesInCopy = await notesInExport(c.var.deps);
  return renderPage(
    c,
    { title: 'Privacy notice', description: `How ${practice.name} looks after what you tell us, in plain language.` },
    <div class="prose privacy">
      <h1>Privacy notice</h1>
      <p class="lead">
        What you share with a counselling practice is some of the most private information there is. This page explains, as plainly as we can, what we keep,
        why, for how long, and what you can ask us to do with it.
      </p>

      <h2 id="who">Who looks after your information</h2>
      <p>
        {practice.name}, {practice.address}, is responsible for the information described here (the “controller”, in data protection law). You can reach us at{' '}
        <a href={`mailto:${practice.email}`}>{practice.email}</a> or on <a href={telHref(practice.phone)}>{practice.phone}</a> ({practice.openingHours}).
      </p>

      <h2 id="what-and-why">What we keep, why, and for how long</h2>
      <p>
        Data protection law asks us to name a “lawful basis” for each use of your information, and an extra condition for anything about health, relationships
        or sex life, which the law treats as special. Here they are.
      </p>
      {USES.map((u) => (
        <section class="privacy__use" aria-labelledby={`use-${USES.indexOf(u)}`}>
          <h3 id={`use-${USES.indexOf(u)}`}>{u.what}</h3>
          <dl class="facts">
            <dt>Why</dt>
            <dd>{u.why}</dd>
            <dt>Lawful basis</dt>
            <dd>{u.basis}</dd>
            <dt>How long</dt>
            <dd>{u.kept}</dd>
          </dl>
        </section>
      ))}

      <h2 id="protection">How we protect it</h2>
      <ul>
        <li>What you write to us (messages, notes, answers) is encrypted before it is stored, with a key kept apart from the database.</li>
        <li>Only the practice team can read messages; a therapist sees only their own clients' bookings, and every time a record is opened it is logged.</li>
        <li>Web addresses, e-mail subject lines, calendar entries and our logs never say what you are coming to see us about.</li>
      </ul>

      <h2 id="sharing">Who else sees it</h2>
      <p>
        Nobody else receives what you type. This site uses no advertising, no analytics, and no fonts, scripts or trackers from other companies, and we never
        sell or swap information. The e-mails we send you (a booking confirmation, a reminder) pass through our e-mail service on the way to you; they give a
        date, a time and a link, never what you have told us. The e-mail that tells us a message has arrived does not contain it.
      </p>
      <p>
        There are two rare exceptions. If we believe you or someone else is at serious risk of harm, we may need to share information with people who can help,
        such as your GP or emergency services; and we must share it if a court or the law requires it. Where we can, we will talk to you first.
      </p>

      <h2 id="cookies">Cookies</h2>
      <p>We use only the cookies the site needs to work:</p>
      <ul>
        <li>one that keeps staff signed in;</li>
        <li>
          <code>{sessionCookieName(c.var.deps.config.publicUrl)}</code>, which keeps you signed in to the companion if you use it: it lasts up to{' '}
          {SESSION_LIMIT_TEXT.absolute}, stops working after {SESSION_LIMIT_TEXT.idle} without use, and goes when you sign out;
        </li>
        <li>one that lasts five minutes after you send a message;</li>
        <li>
          one that lasts up to {KEPT_FORM_MINUTES} minutes when a form was sent after you had been signed out: it holds only a random code that finds what you
          typed (and, for staff, one that remembers which page to go back to).
        </li>
      </ul>
      <p>There are no tracking cookies, so there is nothing to accept or decline.</p>

      <h2 id="rights">Your rights, and how to use them</h2>
      <p>You can ask us to:</p>
      <ul>
        <li>give you a copy of everything we hold about you;</li>
        <li>correct anything that is wrong or incomplete;</li>
        <li>delete your information, where we are not required to keep it;</li>
        <li>stop or limit using it while a concern is sorted out, or object to how we use it;</li>
        <li>give it to you, or to someone you choose, in a format a computer can read;</li>
        <li>stop using it where you gave consent: you can withdraw consent at any time, and it does not affect what happened before.</li>
      </ul>
      <p>
        For a copy, the quickest way is <a href="/your-data">to ask for it here</a>: we e-mail a link to your address and you download the file yourself.
        {notesInCopy
          ? ' It includes your therapist’s notes about your sessions.'
          : ' It does not include your therapist’s notes about your sessions; if you would like to see them, ask us.'}
      </p>
      <p>
        To do any of these, e-mail <a href={`mailto:${practice.email}`}>{practice.email}</a>, call <a href={telHref(practice.phone)}>{practice.phone}</a>, or
        write to us at {practice.address}. It is free. We may ask you to confirm who you are, so that we never give your information to someone else, and we
        will answer within one month.
      </p>
      <p>
        If you are unhappy with how we have handled your information, please tell us first so that we can try to put it right. You can also complain to the
        Information Commissioner's Office (ICO), the UK's data protection regulator, at ico.org.uk or on 0303 123 1113.
      </p>
    </div>,
  );
}
