// The check-in keeps what is written as it goes: a moment after each change, the form is sent to its draft
// address (kept sealed on the server, seen by nobody else, and not an answer until "Save my answers").
// Without JavaScript the "Save and finish later" button does the same. If the sign-in has ended, the page
// says so kindly and what was kept before stays kept.

const form = document.querySelector<HTMLFormElement>('form[data-draft]');
const status = form?.querySelector<HTMLElement>('[data-draft-status]');

if (form && status) {
  const url = form.dataset.draft ?? '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  let lastKept: string | null = null;
  const clock = () => new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const body = () => new URLSearchParams(new FormData(form) as unknown as Record<string, string>);

  const say = (text: string, link?: { href: string; label: string }) => {
    status.textContent = text;
    if (link) {
      const a = document.createElement('a');
      a.href = link.href;
      a.textContent = link.label;
      status.append(' ', a, '.');
    }
  };

  const keep = async () => {
    timer = undefined;
    dirty = false;
    try {
      const res = await fetch(url, { method: 'POST', body: body(), headers: { Accept: 'application/json' }, redirect: 'manual', credentials: 'same-origin' });
      if (res.status === 204) {
        lastKept = clock();
        say(`Kept as you go, at ${lastKept}. Only you can see it until you save your answers.`);
      } else if (res.status === 409) {
        say('A new week’s check-in has begun. Save your answers and they will be checked against the new week.');
      } else if (res.type === 'opaqueredirect' || res.status === 401 || res.status === 303) {
        const signIn = `/companion/sign-in?next=${encodeURIComponent(location.pathname)}`;
        say(
          lastKept
            ? `Your sign-in has ended, so your latest changes could not be kept. What you wrote up to ${lastKept} is kept for you: sign in again and you will find it here`
            : 'Your sign-in has ended, so what you are writing cannot be kept yet. Sign in again to carry on',
          { href: signIn, label: 'Sign in again' },
        );
      } else {
        dirty = true;
      }
    } catch {
      dirty = true; // offline for a moment: the next change, or leaving the page, tries again
    }
  };

  const changed = () => {
    dirty = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(keep, 1200);
  };
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  // Leaving the page (or the phone locking) with a change not yet kept: send it as the page goes.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && dirty) {
      if (timer) clearTimeout(timer);
      dirty = false;
      navigator.sendBeacon(url, body());
    }
  });
  // Saving the answer itself: nothing left to keep.
  form.addEventListener('submit', () => {
    if (timer) clearTimeout(timer);
    dirty = false;
  });
}
