// A form answered with errors: focus moves to the error summary (tabindex="-1", role="alert"), so a
// keyboard or screen-reader user starts at the list of what to fix, and each link there leads to its field.
// Without JavaScript the summary is still the first thing in the page's main content.
const summary = document.querySelector<HTMLElement>('.error-summary[tabindex="-1"]');
if (summary && (document.activeElement === null || document.activeElement === document.body)) {
  summary.focus();
}
