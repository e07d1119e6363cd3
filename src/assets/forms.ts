// A form answered with errors: focus moves to the error summary (tabindex="-1", role="alert"), so a
// keyboard or screen-reader user starts at the list of what to fix, and each link there leads to its field.
// Without JavaScript the summary is still the first thing in the form's own section (the page lands there).
const summary = document.querySelector<HTMLElement>('.error-summary[tabindex="-1"]');
const focusSummary = () => {
  if (summary && (document.activeElement === null || document.activeElement === document.body)) summary.focus();
};
// After the load: the browser's own move to the URL's #fragment would otherwise take focus away again.
if (document.readyState === 'complete') setTimeout(focusSummary, 0);
else window.addEventListener('load', () => setTimeout(focusSummary, 0), { once: true });
