// Turns each related-topics list into a row that scrolls sideways, with Previous and Next buttons.
// Touch and trackpads scroll it natively; tabbing to a link brings it into view. It never moves by itself.
const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

function enhance(section: HTMLElement): void {
  const list = section.querySelector<HTMLElement>('.related__list');
  const controls = section.querySelector<HTMLElement>('[data-related-controls]');
  const prev = section.querySelector<HTMLButtonElement>('[data-related-prev]');
  const next = section.querySelector<HTMLButtonElement>('[data-related-next]');
  if (!list || !controls || !prev || !next) return;
  section.classList.add('related--enhanced');
  controls.hidden = false;

  // Where a button press is taking the row: quick presses add up instead of restarting from mid-scroll.
  let target: number | undefined;
  const max = () => list.scrollWidth - list.clientWidth;
  const update = () => {
    const position = target ?? list.scrollLeft;
    // aria-disabled keeps the button focusable, so focus is not lost when the row reaches an end.
    prev.setAttribute('aria-disabled', String(position <= 1));
    next.setAttribute('aria-disabled', String(position >= max() - 1));
    controls.hidden = max() <= 1;
  };
  const step = (direction: 1 | -1) => {
    const items = list.querySelectorAll<HTMLElement>('.related__item');
    const stride = items.length > 1 && items[0] && items[1] ? items[1].offsetLeft - items[0].offsetLeft : list.clientWidth * 0.8;
    const from = target ?? list.scrollLeft;
    target = Math.min(max(), Math.max(0, from + direction * stride));
    list.scrollTo({ left: target, behavior: reduceMotion.matches ? 'auto' : 'smooth' });
    update();
  };
  prev.addEventListener('click', () => {
    if (prev.getAttribute('aria-disabled') !== 'true') step(-1);
  });
  next.addEventListener('click', () => {
    if (next.getAttribute('aria-disabled') !== 'true') step(1);
  });
  const settle = () => {
    target = undefined;
    update();
  };
  list.addEventListener(
    'scroll',
    () => {
      if (target !== undefined && Math.abs(list.scrollLeft - target) < 2) target = undefined;
      update();
    },
    { passive: true },
  );
  // A press during a smooth scroll replaces it, and the replaced scroll may report its end: the row is
  // still moving then, so only settle once it has really stopped short of (or reached) the target.
  list.addEventListener('scrollend', () => {
    if (target === undefined || Math.abs(list.scrollLeft - target) < 2) return settle();
    const at = list.scrollLeft;
    window.setTimeout(() => {
      if (target !== undefined && list.scrollLeft === at) settle();
    }, 250);
  });
  // A person's own touch, wheel or drag takes over from the buttons.
  for (const type of ['pointerdown', 'wheel', 'touchstart'] as const) list.addEventListener(type, settle, { passive: true });
  window.addEventListener('resize', settle);
  update();
}

for (const section of document.querySelectorAll<HTMLElement>('[data-related]')) enhance(section);
