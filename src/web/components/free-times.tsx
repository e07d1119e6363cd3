// Next free times as the directory, profiles and match results show them: in the viewer's zone, each a
// link into the booking flow with that time chosen. Only the service's reference, ids, a time and (from a match) the practical
// choice of online or in person go into the link: never a concern or anything else the client told us.
import { formatInstant, type Slot } from '../../domain/slots.ts';
import type { Format } from '../../domain/types.ts';
import { shortWhen, zoneName } from '../../mail/when.ts';

export interface BookLink {
  /** The service as URLs name it (serviceRef). */
  serviceRef: string;
  therapistId: string;
  /** A start to preselect (epoch ms). */
  start?: number | undefined;
  /** The viewer's zone, when they chose one (it travels on; otherwise the booking flow detects it). */
  tz?: string | undefined;
  /** The zone the start is written in (its offset); defaults to tz, then UTC. */
  startZone?: string | undefined;
  /** How the client said they want to meet (from Find your match): preselected on the details step. */
  format?: Format | undefined;
}

/** /book?service=…&therapist=…[&start=ISO][&tz=…] */
export function bookHref(link: BookLink): string {
  const params = new URLSearchParams({ service: link.serviceRef, therapist: link.therapistId });
  if (link.start !== undefined) params.set('start', formatInstant(link.start, link.startZone ?? link.tz ?? 'UTC'));
  if (link.tz) params.set('tz', link.tz);
  if (link.format) params.set('format', link.format);
  return `/book?${params.toString()}`;
}

/** "Tue 3 Jun at 10:00 (BST)" */
export function whenText(ms: number, timeZone: string): string {
  return `${shortWhen(ms, timeZone)} (${zoneName(ms, timeZone)})`;
}

export interface FreeTimesProps {
  slots: readonly Slot[];
  /** The service as URLs name it (serviceRef). */
  serviceRef: string;
  therapistId: string;
  therapistName: string;
  /** The zone times are shown in. */
  timeZone: string;
  /** Set when the viewer chose the zone (it then travels into the booking flow). */
  viewerZone?: string | undefined;
  /** The way to meet the client chose, carried into the booking flow. */
  format?: Format | undefined;
}

/** A short list of free times, each a link that opens the booking flow at that time. */
export function FreeTimes(props: FreeTimesProps) {
  if (props.slots.length === 0) return <p class="muted">No free times online at the moment: call us and we will find one.</p>;
  return (
    <ul class="free-times">
      {props.slots.map((s) => (
        <li>
          <a
            href={bookHref({
              serviceRef: props.serviceRef,
              therapistId: props.therapistId,
              start: s.start,
              tz: props.viewerZone,
              startZone: props.timeZone,
              format: props.format,
            })}
          >
            {whenText(s.start, props.timeZone)}
            <span class="visually-hidden"> with {props.therapistName}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
