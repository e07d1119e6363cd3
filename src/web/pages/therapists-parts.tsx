// The directory's parts: a filter select, a therapist's card (picture, what they help with, the first free
// time and a Book button) and the one empty state (loosen a filter, the waiting list, a call-back).
import type { TherapistProfile } from '../../db/repositories/therapists.ts';
import type { Slot } from '../../domain/slots.ts';
import type { Service } from '../../domain/types.ts';
import { bookHref, whenText } from '../components/free-times.tsx';
import { TherapistPicture } from '../components/picture.tsx';
import { WaitlistFields } from '../components/waitlist-fields.tsx';
import { concernNames, formatList, formatNames, languageNames } from '../format.ts';
import { serviceRef } from '../service-ref.ts';

export function Select(props: { name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <div class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      <select id={`f-${props.name}`} name={props.name}>
        <option value="">Any</option>
        {props.options.map(([value, label]) => (
          <option value={value} selected={props.value === value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface CardProps {
  therapist: TherapistProfile;
  serviceName: Map<string, string>;
  /** The fee line (src/components/fee-text.ts: one source of truth for fees). */
  fee: string;
  slots: Slot[];
  firstSession: Service | undefined;
  timeZone: string;
  viewerZone: string | undefined;
  eager?: boolean;
}

const byName = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b, 'en-GB'));

export function TherapistCard({ therapist: t, serviceName, fee, slots, firstSession, timeZone, viewerZone, eager }: CardProps) {
  const next = slots[0];
  return (
    <li class="card therapist-card">
      <div class="therapist-card__head">
        <TherapistPicture name={t.name} photo={t.photo} size="card" eager={eager ?? false} />
        <h3>
          <a href={`/therapists/${t.slug}`}>{t.name}</a> <span class="muted">({t.pronouns})</span>
        </h3>
      </div>
      <p>{t.bio}</p>
      <dl class="facts">
        <dt>Helps with</dt>
        <dd>{formatList(concernNames(t.concerns))}</dd>
        <dt>Languages</dt>
        <dd>{formatList(byName(languageNames(t.languages)))}</dd>
        <dt>Sessions</dt>
        <dd>{formatList(formatNames(t.formats))}</dd>
        <dt>Fee</dt>
        <dd>{fee}</dd>
        <dt>Offers</dt>
        <dd>{formatList(t.serviceIds.map((id) => serviceName.get(id) ?? '').filter(Boolean))}</dd>
        <dt>Next free</dt>
        <dd>
          {next && firstSession ? (
            <a
              href={bookHref({ serviceRef: serviceRef(firstSession), therapistId: t.id, start: next.start, tz: viewerZone, startZone: timeZone })}
              data-zone-link=""
            >
              <time datetime={new Date(next.start).toISOString()} data-local-time={viewerZone ? undefined : ''}>
                {whenText(next.start, timeZone)}
              </time>
              <span class="visually-hidden">
                : book a {firstSession.name.toLowerCase()} with {t.name}
              </span>
            </a>
          ) : (
            'No free time online soon: call us'
          )}
        </dd>
      </dl>
      {firstSession ? (
        <p class="therapist-card__book">
          <a class="button" href={bookHref({ serviceRef: serviceRef(firstSession), therapistId: t.id, tz: viewerZone })} data-zone-link="">
            Book<span class="visually-hidden"> with {t.name}</span>
          </a>
        </p>
      ) : null}
    </li>
  );
}

interface EmptyProps {
  filtered: boolean;
  loosen: { key: string; name: string; count: number; href: string } | undefined;
  firstSession: Service | undefined;
  timeZone: string;
  viewerZone: string | undefined;
  today: string;
}

/** Nobody to show: the same help whatever the reason: loosen a filter, wait for a time, or talk to us. */
export function EmptyDirectory({ filtered, loosen, firstSession, timeZone, viewerZone, today }: EmptyProps) {
  return (
    <div class="empty-state">
      {filtered ? (
        <>
          <p>No therapist matches every filter you chose. Try removing one of them.</p>
          {loosen ? (
            <p data-loosen={loosen.key}>
              Without “{loosen.name}”, {loosen.count === 1 ? '1 therapist matches' : `${loosen.count} therapists match`}:{' '}
              <a href={`${loosen.href}#results-title`}>show {loosen.count === 1 ? 'that therapist' : `those ${loosen.count}`}</a>.
            </p>
          ) : (
            <p>
              Removing any one filter on its own still finds nobody: <a href="/therapists#results-title">clear them all</a>.
            </p>
          )}
        </>
      ) : (
        <p>No therapists are listed at the moment.</p>
      )}
      <div class="empty-state__ways">
        <section aria-labelledby="empty-callback">
          <h3 id="empty-callback">Talk it through with us</h3>
          <p>Tell us when suits you and we will call you back to talk through what you are looking for and who might fit.</p>
          <p>
            <a class="button button--secondary" href="/contact?kind=callback#callback-title">
              Ask for a call-back
            </a>
          </p>
        </section>
        {firstSession ? (
          <section aria-labelledby="empty-waitlist">
            <h3 id="empty-waitlist">Join the waiting list</h3>
            <p>We will e-mail you as soon as a time for a {firstSession.name.toLowerCase()} comes free with any of our therapists.</p>
            <WaitlistFields secondary for={{ service: firstSession.id, therapist: '', tz: viewerZone ?? timeZone, date: today }} />
          </section>
        ) : null}
      </div>
    </div>
  );
}
