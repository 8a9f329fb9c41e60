// Did the site take the files the gate delivered to its file input? A replayed `change` is
// untrusted, and a page that checks isTrusted (upload-patterns §4.1, scenario S28) ignores it. The
// page world is the only place that can see the page's own code: it notes which targets the page
// listens on for `change`/`input`, and whether page code read the input's `files` (or `value`)
// after a delivery. The gate asks once, a moment after delivering; "refused" means the page listens
// for the selection on this input's path but never read it. A page can only make this answer
// wrong, which changes whether a hint is shown and whether the person's next selection of the same
// file goes through unheld: nothing here can release a file the person has not already released.
import { patchGetter, patchMethod } from './disguise';
import { isFileInput, natives } from './natives';

/** Gate -> page world, on the input, just before the replayed input + change: watch for reads. */
export const DELIVERED_EVENT = 'faceguard:delivered';
/** Gate -> page world, on the input, a moment later: cancelled when the page refused the files. */
export const REFUSED_QUERY_EVENT = 'faceguard:refused?';

/** Targets with a page listener (or handler property) for a file selection. */
const listening = new WeakSet<object>();
/** Inputs just delivered to: whether page code has read their files since. */
const reads = new WeakMap<object, boolean>();

function pageListens(input: HTMLInputElement): boolean {
  const listens = (t: object) => {
    const handlers = t as { onchange?: unknown; oninput?: unknown };
    return (
      listening.has(t) || typeof handlers.onchange === 'function' || typeof handlers.oninput === 'function'
    );
  };
  for (let node: Node | null = input; node; ) {
    if (listens(node)) return true;
    node = node.parentNode ?? (node as ShadowRoot).host ?? null;
  }
  const view = input.ownerDocument.defaultView;
  return view !== null && listens(view);
}

export function hookDeliveryWatch(): void {
  patchMethod(
    EventTarget.prototype,
    'addEventListener',
    (original: (this: EventTarget, type: string, ...rest: unknown[]) => void) => {
      const { addEventListener } = {
        addEventListener(this: EventTarget, type: string, ...rest: unknown[]) {
          if (type === 'change' || type === 'input') {
            // A bare addEventListener(...) call (no this) adds to the window, as the native does.
            listening.add(this ?? window);
          }
          return original.call(this, type, ...rest);
        },
      };
      return addEventListener;
    },
  );
  // Reading the files, or the value (form validators do, then post the form natively), takes them.
  patchGetter(HTMLInputElement.prototype, 'files', (original: (this: HTMLInputElement) => unknown) => {
    const descriptor = Object.getOwnPropertyDescriptor(
      {
        get files(): unknown {
          const self = this as unknown as HTMLInputElement;
          if (reads.has(self)) reads.set(self, true);
          return original.call(self);
        },
      },
      'files',
    )!;
    return descriptor.get as (this: HTMLInputElement) => unknown;
  });
  patchGetter(HTMLInputElement.prototype, 'value', (original: (this: HTMLInputElement) => unknown) => {
    const descriptor = Object.getOwnPropertyDescriptor(
      {
        get value(): unknown {
          const self = this as unknown as HTMLInputElement;
          if (reads.has(self)) reads.set(self, true);
          return original.call(self);
        },
      },
      'value',
    )!;
    return descriptor.get as (this: HTMLInputElement) => unknown;
  });
  natives.listen(window, DELIVERED_EVENT, (event) => {
    const input = event.composedPath()[0];
    if (!isFileInput(input)) return;
    event.stopImmediatePropagation();
    reads.set(input, false);
  });
  natives.listen(window, REFUSED_QUERY_EVENT, (event) => {
    const input = event.composedPath()[0];
    if (!isFileInput(input)) return;
    event.stopImmediatePropagation();
    const read = reads.get(input);
    reads.delete(input);
    if (read === false && pageListens(input)) event.preventDefault();
  });
}
