// A time grid drawn on the server, without JavaScript and without inline styles (the CSP allows none):
// columns (days, or therapists on one day) of hour rows; working time is shaded, each session is a block as
// long as it lasts, and "now" is a line across today. Positions are classes in schedule.css, in 5-minute
// steps: a thing sits in the hour row it starts in, at `g-aN` twelfths of the hour, `g-hN` hours and `g-mN`
// twelfths long. A session's status is shown unless it is simply confirmed. On a phone the same markup
// reads as a list: each column's heading, its hours in words, then its sessions in order.
import type { Child } from 'hono/jsx';
import { wallMinute } from '../../domain/schedule.ts';
import { clockTime } from '../../mail/when.ts';

export interface GridItem {
  start: number;
  end: number;
  href: string;
  /** The link's text after the times ("Alex Example", or a reference). */
  title: string;
  /** Smaller lines under it (service, format, therapist). */
  details: string[];
  status: string;
  statusLabel: string;
}

export interface GridColumn {
  key: string;
  heading: Child;
  /** The working time in words ("09:00 to 17:00", "Day off", "Not working"). */
  hours: string;
  kind: 'weekly' | 'changed' | 'off' | 'none';
  /** The column's day as instants [start, end) in the grid's zone. */
  dayStart: number;
  dayEnd: number;
  /** Working time, instants (clipped to the day here). */
  work: { start: number; end: number }[];
  items: GridItem[];
  today: boolean;
}

export const STATUS_LABELS: Record<string, string> = {
  pending: 'Pending',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  attended: 'Attended',
  no_show: 'Did not attend',
};

const STEP = 5;

/** The 5-minute steps since midnight of [start, end) clipped to a day, on the zone's wall clock. */
function steps(start: number, end: number, col: GridColumn, timeZone: string): { at: number; length: number } | undefined {
  const s = Math.max(start, col.dayStart);
  const e = Math.min(end, col.dayEnd);
  if (e <= s) return undefined;
  const a = s === col.dayStart ? 0 : Math.round(wallMinute(s, timeZone) / STEP);
  const b = e === col.dayEnd ? 1440 / STEP : Math.round(wallMinute(e, timeZone) / STEP);
  return { at: a, length: Math.max(1, b - a) };
}

const place = (p: { at: number; length: number }) => `g-a${p.at % 12} g-h${Math.floor(p.length / 12)} g-m${p.length % 12}`;

/** The hours a set of columns needs: 08:00 to 18:00 at least, and everything worked or booked. */
export function gridHours(columns: GridColumn[], timeZone: string): { first: number; last: number } {
  let first = 8;
  let last = 18;
  for (const col of columns) {
    for (const x of [...col.work, ...col.items]) {
      const p = steps(x.start, x.end, col, timeZone);
      if (!p) continue;
      first = Math.min(first, Math.floor(p.at / 12));
      last = Math.max(last, Math.ceil((p.at + p.length) / 12));
    }
  }
  return { first, last: Math.min(24, last) };
}

/** An hour row's sessions with "now" among them (after what started before it), so a phone's list reads in order. */
function inOrder<T extends { p: { at: number } | undefined }>(here: T[], nowAt: number | undefined): (T | 'now')[] {
  if (nowAt === undefined) return here;
  const before = here.filter((x) => x.p!.at <= nowAt);
  return [...before, 'now', ...here.filter((x) => x.p!.at > nowAt)];
}

export function TimeGrid({ columns, timeZone, now, label }: { columns: GridColumn[]; timeZone: string; now: number; label: string }) {
  const { first, last } = gridHours(columns, timeZone);
  const hours = Array.from({ length: last - first }, (_, i) => first + i);
  const hourOf = (p: { at: number }) => Math.floor(p.at / 12);
  return (
    <section class="tg-scroll" aria-label={label} tabindex={0}>
      <div class={`tg tg--${columns.length > 7 ? 'wide' : 'week'}`}>
        <div class="tg__axis" aria-hidden="true">
          <div class="tg__head" />
          <div class="tg__body">
            {hours.map((h) => (
              <div class="tg__hour">{`${String(h).padStart(2, '0')}:00`}</div>
            ))}
          </div>
        </div>
        {columns.map((col) => {
          const work = col.work.map((w) => steps(w.start, w.end, col, timeZone)).filter((p) => p !== undefined);
          const items = col.items.map((item) => ({ item, p: steps(item.start, item.end, col, timeZone) })).filter((x) => x.p !== undefined);
          const nowAt = col.today && now >= col.dayStart && now < col.dayEnd ? Math.floor(wallMinute(now, timeZone) / STEP) : undefined;
          const nowShown = nowAt !== undefined && nowAt >= first * 12 && nowAt < last * 12;
          return (
            <section class={`tg__col tg__col--${col.kind}${col.today ? ' tg__col--today' : ''}`} aria-labelledby={`col-${col.key}`}>
              <div class="tg__head">
                <h2 id={`col-${col.key}`}>{col.heading}</h2>
                <p class="tg__hours">{col.hours}</p>
                {items.length === 0 ? <p class="tg__none">No sessions</p> : null}
              </div>
              <div class="tg__body">
                {hours.map((h) => (
                  <div class="tg__hour">
                    {work
                      .filter((p) => hourOf(p!) === h)
                      .map((p) => (
                        <div class={`tg__work ${place(p!)}`} />
                      ))}
                    {inOrder(
                      items.filter((x) => hourOf(x.p!) === h),
                      nowShown && Math.floor(nowAt / 12) === h ? nowAt : undefined,
                    ).map((x) =>
                      x === 'now' ? (
                        <p class={`tg__now g-a${nowAt! % 12}`}>
                          <span>Now, {clockTime(now, timeZone)}</span>
                        </p>
                      ) : (
                        <div class={`tg__session tg__session--${x.item.status}${x.p!.length < 7 ? ' tg__session--short' : ''} ${place(x.p!)}`}>
                          <a href={x.item.href}>
                            {clockTime(x.item.start, timeZone)}–{clockTime(x.item.end, timeZone)} {x.item.title}
                          </a>
                          {x.item.details.map((d) => (
                            <span class="tg__detail">{d}</span>
                          ))}
                          {x.item.status === 'confirmed' ? null : <span class={`status status--${x.item.status}`}>{x.item.statusLabel}</span>}
                        </div>
                      ),
                    )}
                  </div>
                ))}
              </div>
            </section>
          );
        })}
      </div>
    </section>
  );
}

/** A day's working time in words, in the grid's zone: "09:00 to 12:00, 13:00 to 17:00", or why there is none. */
export function hoursInWords(kind: GridColumn['kind'], work: { start: number; end: number }[], timeZone: string): string {
  if (kind === 'off') return 'Day off';
  if (work.length === 0) return 'Not working';
  // Working time is clipped to its day, so an end that reads 00:00 is the day's own end.
  const until = (ms: number) => (clockTime(ms, timeZone) === '00:00' ? '24:00' : clockTime(ms, timeZone));
  const text = work.map((w) => `${clockTime(w.start, timeZone)} to ${until(w.end)}`).join(', ');
  return kind === 'changed' ? `Changed hours: ${text}` : text;
}

/** Working intervals clipped to [dayStart, dayEnd). */
export function clip(intervals: { start: number; end: number }[], dayStart: number, dayEnd: number) {
  return intervals.map((w) => ({ start: Math.max(w.start, dayStart), end: Math.min(w.end, dayEnd) })).filter((w) => w.end > w.start);
}
