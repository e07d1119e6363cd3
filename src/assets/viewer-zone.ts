// Fills empty hidden "tz" fields marked data-viewer-zone with the browser's time zone, so the next page
// shows free times in the visitor's own zone. Without it, times show in the practice's zone, labelled.
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (zone) {
  for (const input of document.querySelectorAll<HTMLInputElement>('input[data-viewer-zone]')) {
    if (input.value === '') input.value = zone;
  }
}
