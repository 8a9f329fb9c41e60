// A site that refuses the gate's replayed (untrusted) `change` (upload-patterns §4.1, §7 L3;
// scenario S28). The gate cannot make its delivery trusted, so when the page world reports that the
// page listens for the selection but never read the delivered files (src/page/delivery-watch.ts),
// the gate empties the input unless it belongs to a form (so choosing the same file fires `change`
// again; a form may still post the files natively, so they stay), tells the person the
// site did not take the photo, and lets their next selection of exactly those files (same name,
// size, type and lastModified, within a few minutes, once) through untouched: the site then gets
// the browser's own trusted events. Only files the person already released get this allowance.
import { mayBeImage } from '../core/held-files';
import { DELIVERED_EVENT, REFUSED_QUERY_EVENT } from '../page/delivery-watch';
import { fileList } from './delivery';

/** Page code that takes a selection reads it at once (in its listener or the next task or two). */
const REFUSAL_WAIT_MS = 1000;
/** How long the "choose it again" allowance lasts. */
const ALLOWANCE_MS = 3 * 60_000;

const allowances = new Map<string, number>();
/** Inputs whose trusted `input` passed on an allowance: the `change` of the same task passes too. */
const passing = new WeakSet<HTMLInputElement>();

const keyOf = (f: File) => `${f.name}\n${f.size}\n${f.type}\n${f.lastModified}`;
const signal = (input: HTMLInputElement, type: string) => {
  const event = new CustomEvent(type, { bubbles: true, composed: true, cancelable: true });
  input.dispatchEvent(event);
  return event;
};

/** Call just before delivering `files` to the page's input. */
export function watchDelivery(
  input: HTMLInputElement,
  files: readonly File[],
  refused: (messageKey: string) => void,
): void {
  signal(input, DELIVERED_EVENT);
  setTimeout(() => {
    if (!input.isConnected || !signal(input, REFUSED_QUERY_EVENT).defaultPrevented) return;
    const held = [...(input.files ?? [])];
    // Inside a form the files may still leave with a native submit, which reads no getter: keep them.
    const ours = held.length === files.length && held.every((f, i) => f === files[i]);
    if (ours && !input.form) input.files = fileList([]);
    const until = Date.now() + ALLOWANCE_MS;
    for (const file of files) allowances.set(keyOf(file), until);
    refused('gate_site_refused');
  }, REFUSAL_WAIT_MS);
}

/**
 * True (and uses the allowance up) when this trusted selection is the person choosing again the
 * files a site refused: it must reach the page untouched.
 */
export function passesOnce(event: Event, input: HTMLInputElement, files: readonly File[]): boolean {
  if (passing.has(input)) return true;
  if (!event.isTrusted) return false;
  const images = files.filter(mayBeImage);
  const now = Date.now();
  if (images.length === 0 || !images.every((f) => (allowances.get(keyOf(f)) ?? 0) > now)) return false;
  for (const file of images) allowances.delete(keyOf(file));
  passing.add(input);
  setTimeout(() => passing.delete(input), 0);
  return true;
}
