// The quick exit: leaves for a neutral page and replaces this page's history entry, so the Back button does
// not return here. Without JavaScript the same button is a plain link (it still leaves, but adds history).
// Pressing Shift three times in a row also leaves.

function leave(href: string): void {
  // Hide the page at once, in case the next page takes a moment to load.
  document.documentElement.style.visibility = 'hidden';
  document.title = '';
  window.location.replace(href);
}

const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[data-quick-exit]'));
const target = links[0]?.href;

for (const link of links) {
  link.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    leave(link.href);
  });
}

if (target) {
  let presses = 0;
  let last = 0;
  document.addEventListener('keyup', (event) => {
    if (event.key !== 'Shift') {
      presses = 0;
      return;
    }
    const now = Date.now();
    presses = now - last < 1000 ? presses + 1 : 1;
    last = now;
    if (presses >= 3) leave(target);
  });
  for (const hint of document.querySelectorAll<HTMLElement>('.quick-exit-bar__hint')) {
    hint.textContent = 'Goes to a weather page and leaves this one out of your Back button. Or press Shift three times.';
  }
}
