// File inputs: hide the chosen files from the page while they are held (an empty FileList, so a
// later `input.files` read, FormData or native form post sees nothing; a getter override would not
// stop those, upload-patterns probe P9), then deliver by setting `files` and firing input + change
// as the browser does, or fire `cancel` when nothing is delivered.
import { filesToRelease } from '../core/held-files';
import { DELIVERING_EVENT } from '../core/page-channel';
import { type Delivery, fileList, NO_POINT } from './delivery';
import { markReleased, ours } from './loop-guard';
import { watchDelivery } from './refusal';

/** Inputs whose selection was just held on `input`: the `change` that follows in the same task is theirs. */
const trailingChange = new WeakSet<HTMLInputElement>();

export function fileInputOf(event: Event): HTMLInputElement | null {
  const target = event.composedPath()[0];
  return target instanceof HTMLInputElement && target.type === 'file' ? target : null;
}

/** True (and forgets it) when this `change` belongs to a selection already held on its `input` event. */
export function isTrailingChange(input: HTMLInputElement): boolean {
  return input.files?.length === 0 && trailingChange.has(input);
}

export function holdInput(
  input: HTMLInputElement,
  files: File[],
  event: Event,
  refused: (messageKey: string) => void,
): Delivery {
  input.files = fileList([]);
  if (event.type === 'input') {
    trailingChange.add(input);
    // The trusted `change` follows in the same task; a later empty change is the page's own.
    setTimeout(() => trailingChange.delete(input), 0);
  }
  return {
    source: 'input',
    files,
    accept: input.accept,
    resume: { target: input, files, strings: [], point: NO_POINT },
    settle(outcomes) {
      const released = filesToRelease(files, outcomes);
      if (released.length > 0) watchDelivery(input, released, refused);
      deliverToInput(input, released);
    },
  };
}

export function deliverToInput(input: HTMLInputElement, files: File[]): void {
  if (files.length === 0) {
    input.dispatchEvent(ours(new Event('cancel', { bubbles: true })));
    return;
  }
  markReleased(files);
  input.dispatchEvent(ours(new Event(DELIVERING_EVENT)));
  input.files = fileList(files);
  input.dispatchEvent(ours(new Event('input', { bubbles: true, composed: true })));
  input.dispatchEvent(ours(new Event('change', { bubbles: true })));
}
