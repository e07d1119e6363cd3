// Progressive enhancement for the booking pages. Without it every step still works as plain forms.
// With it: the visitor's time zone is detected, and changing zone or week updates the times in place.

document.documentElement.classList.add('js');

async function refreshPicker(url: string): Promise<void> {
  const picker = document.getElementById('slot-picker');
  if (!picker) {
    window.location.assign(url);
    return;
  }
  picker.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(url, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
    if (!response.ok) throw new Error(String(response.status));
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = doc.getElementById('slot-picker');
    if (!fresh) throw new Error('no picker');
    picker.replaceWith(document.importNode(fresh, true));
    // The line that names the zone, and the summary's chosen steps, follow the new page too.
    for (const id of ['zone-summary']) {
      const now = document.getElementById(id);
      const next = doc.getElementById(id);
      if (now && next) now.replaceWith(document.importNode(next, true));
    }
    const date = new URL(url, window.location.href).searchParams.get('date');
    const hiddenDate = document.querySelector<HTMLInputElement>('form[data-slot-form] input[name="date"]');
    if (date && hiddenDate) hiddenDate.value = date;
    history.replaceState(null, '', url);
    document.getElementById('slot-picker')?.querySelector<HTMLElement>('h2, legend, p')?.setAttribute('tabindex', '-1');
  } catch {
    window.location.assign(url);
  }
}

function urlWithZone(form: HTMLFormElement, zone: string): string {
  const data = new FormData(form);
  data.set('tz', zone);
  const params = new URLSearchParams();
  for (const [k, v] of data.entries()) if (typeof v === 'string' && k !== 'start' && k !== 'show') params.set(k, v);
  return `${form.action}?${params.toString()}`;
}

function enhanceZone(): void {
  const select = document.querySelector<HTMLSelectElement>('form[data-slot-form] select[name="tz"]');
  const form = select?.form;
  if (!select || !form) return;
  select.addEventListener('change', () => void refreshPicker(urlWithZone(form, select.value)));
  if (select.dataset.detectZone === 'true') {
    const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (detected && detected !== select.value && [...select.options].some((o) => o.value === detected)) {
      select.value = detected;
      void refreshPicker(urlWithZone(form, detected));
    }
  }
}

function enhanceWeeks(): void {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a[data-week-nav]');
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    // Keep the zone the visitor now sees, even if the link was drawn for another.
    const url = new URL(link.href);
    const zone = document.querySelector<HTMLSelectElement>('form[data-slot-form] select[name="tz"]')?.value;
    if (zone && url.pathname === '/book') url.searchParams.set('tz', zone);
    void refreshPicker(url.toString());
  });
}

/** The date strip: a day's times show in place (without JavaScript, each day is a link to that day). */
function enhanceDays(): void {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a[data-day]');
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const picker = document.getElementById('slot-picker');
    const section = picker?.querySelector<HTMLElement>(`[data-slot-day="${link.dataset.day}"]`);
    if (!picker || !section) return;
    event.preventDefault();
    for (const s of picker.querySelectorAll('.slot-day--selected')) s.classList.remove('slot-day--selected');
    section.classList.add('slot-day--selected');
    for (const a of picker.querySelectorAll('.date-strip [aria-current]')) a.removeAttribute('aria-current');
    link.setAttribute('aria-current', 'date');
    history.replaceState(null, '', link.href);
  });
}

function enhanceConfirm(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm ?? 'Are you sure?')) event.preventDefault();
    });
  }
}

enhanceZone();
enhanceWeeks();
enhanceDays();
enhanceConfirm();
