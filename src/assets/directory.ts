// The directory, enhanced: filters open beside the results on a wide screen; after filtering, focus lands
// on the results' count; the filter button says how many therapists it will show; free times show in the
// visitor's own time zone. Without JavaScript the page works as a plain GET form, times in the practice's zone.
const wide = window.matchMedia('(min-width: 60em)');
for (const details of document.querySelectorAll<HTMLDetailsElement>('details[data-open-wide]')) {
  if (wide.matches) details.open = true;
}

const results = document.getElementById('results-title');
if (results && location.hash === '#results-title') results.focus({ preventScroll: false });

// Free times in the visitor's zone, and the zone carried into the booking links.
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (zone) {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  });
  const zoneName = (d: Date) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? zone;
  for (const time of document.querySelectorAll<HTMLTimeElement>('time[data-local-time]')) {
    const d = new Date(time.dateTime);
    if (Number.isNaN(d.getTime())) continue;
    const parts = Object.fromEntries(fmt.formatToParts(d).map((p) => [p.type, p.value]));
    time.textContent = `${parts.weekday} ${parts.day} ${parts.month} at ${parts.hour}:${parts.minute} (${zoneName(d)})`;
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-zone-link]')) {
    const url = new URL(link.href);
    if (!url.searchParams.has('tz')) {
      url.searchParams.set('tz', zone);
      link.href = url.pathname + url.search;
    }
  }
}

// "Show N therapists": the count for the filters as they stand, asked of the directory itself.
const form = document.querySelector<HTMLFormElement>('form[data-count-form]');
const button = form?.querySelector<HTMLButtonElement>('[data-show-count]');
const label = (n: string) => (n === '1' ? 'Show 1 therapist' : `Show ${n} therapists`);
if (form && button) {
  if (results?.dataset.total) button.textContent = label(results.dataset.total);
  let asked = 0;
  form.addEventListener('change', async () => {
    const mine = ++asked;
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v !== '') params.append(k, v);
    try {
      const res = await fetch(`/therapists?${params}`, { headers: { accept: 'text/html' } });
      const html = await res.text();
      const total = new DOMParser().parseFromString(html, 'text/html').getElementById('results-title')?.dataset.total;
      if (mine === asked) button.textContent = total ? label(total) : 'Show therapists';
    } catch {
      if (mine === asked) button.textContent = 'Show therapists';
    }
  });
}
