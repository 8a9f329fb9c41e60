// Signs that the person is about to upload, so the analyzer can be warm by the time a photo is chosen
// (src/content/check.ts warmAnalyzer): a file chooser opens (a click on a file input, or on a label or
// button that clicks one, while the person is acting on the page), a drag carrying files enters the
// page, or a composer (textarea or contenteditable) gets the focus from the person. Never on mere page
// load: each sign must come with the person's own activation (navigator.userActivation), which a page
// cannot fake, and an autofocused composer has none. Passive capture listeners that only look; at most
// one warm-up per WARM_EVERY_MS per frame.
import { fileInputOf } from './input-delivery';

/** The analyzer stays loaded 90 s after a warm-up; while intent goes on, one warm-up a while keeps it so. */
export const WARM_EVERY_MS = 30_000;

export interface IntentOptions {
  /** False where the site is not protected (or settings are not read yet). */
  active(): boolean;
  warm(): void;
}

const personActing = (event: Event) => navigator.userActivation?.isActive ?? event.isTrusted;

function isComposer(node: EventTarget | undefined): boolean {
  if (!(node instanceof HTMLElement)) return false;
  return node instanceof HTMLTextAreaElement || node.isContentEditable;
}

export function watchIntent(target: Window, options: IntentOptions): void {
  let lastWarm = -Infinity;
  const intent = () => {
    if (performance.now() - lastWarm < WARM_EVERY_MS || !options.active()) return;
    lastWarm = performance.now();
    options.warm();
  };
  const listen = (type: string, sign: (event: Event) => boolean) =>
    target.addEventListener(type, (event) => sign(event) && intent(), { capture: true, passive: true });
  // A label's click reaches the input as a click of its own; so does a button's input.click().
  listen('click', (event) => personActing(event) && fileInputOf(event) !== null);
  listen(
    'dragenter',
    (event) => event.isTrusted && !!(event as DragEvent).dataTransfer?.types.includes('Files'),
  );
  listen('focusin', (event) => event.isTrusted && personActing(event) && isComposer(event.composedPath()[0]));
}
