// The warning's footprint in the page, and how to clear one its script can no longer manage: Firefox
// destroys a content script when its extension is updated, reloaded or removed (held-stash.ts), and a
// dialog it had open stays on the page, dead, its modal backdrop making the whole page inert.
export const HOST_TAG = 'faceguard-warning';
/** data-faceguard-* markers on <html> while something is shown (the e2e tests read them too). */
const MARKERS = ['faceguardDialog', 'faceguardNotice', 'faceguardToast', 'faceguardProgress'] as const;

/** Removes every warning host and marker from the page; true when a question (dialog, notice) was open. */
export function removeLeftoverUi(): boolean {
  for (const host of document.querySelectorAll(HOST_TAG)) host.remove();
  const data = document.documentElement.dataset;
  const question = data.faceguardDialog !== undefined || data.faceguardNotice !== undefined;
  for (const marker of MARKERS) delete data[marker];
  return question;
}
