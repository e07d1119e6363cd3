// "Copy" buttons: button[data-copy="<id>"] copies the text of the element with that id, and says so in the
// live region beside it. The buttons are hidden until this runs: without JavaScript, the text is there to
// select and copy by hand.
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  const target = document.getElementById(button.dataset.copy ?? '');
  const status = document.getElementById(button.dataset.copyStatus ?? '');
  if (!target) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    const text = (target.textContent ?? '').trim();
    try {
      await navigator.clipboard.writeText(text);
      if (status) status.textContent = 'Copied.';
    } catch {
      // No clipboard (an old browser, or permission refused): select the text so a long press or Ctrl+C copies it.
      const range = document.createRange();
      range.selectNodeContents(target);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      if (status) status.textContent = 'Selected: copy it with your device’s copy command.';
    }
  });
}
