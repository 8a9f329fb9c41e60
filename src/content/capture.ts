// The gate's ears: capture-phase listeners on window (and on shadow roots the page world tells us
// about), registered at document_start so they run before any page listener (upload-patterns §4.2).
// Each handler decides synchronously, inside the event, whether anything may be an image; only then
// does it stop the event, hide the files and hand a Delivery to the gate. Everything else passes
// untouched and at once.
import { mayBeImage } from '../core/held-files';
import type { Delivery } from './delivery';
import { holdDrop } from './drop-delivery';
import { endDrag, hasFolder } from './folder-drop';
import { fileInputOf, holdInput, isTrailingChange } from './input-delivery';
import { allReleased, isOurs } from './loop-guard';
import { isPageReplay } from './page-port';
import { type EmbeddedImage, holdPaste } from './paste-delivery';
import { passesOnce } from './refusal';
import { copyStrings, dataUrlImages, fileFromDataUrl } from './transfer-data';

export interface CaptureOptions {
  /** False once the site is switched off (then nothing is held). */
  active(): boolean;
  hold(delivery: Delivery): void;
  /** An upload we refuse outright (a dropped folder), or one the site refused: show this message. */
  blocked(messageKey: string): void;
}

const worthHolding = (files: readonly File[]) => files.some(mayBeImage) && !allReleased(files);

/** Listens on window, or (for file inputs only) on a shadow root the page world does not watch. */
export function listenForUploads(target: Window | ShadowRoot, options: CaptureOptions): void {
  const inRoot = target instanceof ShadowRoot;
  const onFileInput = (event: Event) => {
    if (isOurs(event) || !options.active()) return;
    const input = fileInputOf(event);
    if (!input) return;
    if (inRoot) {
      // Only the person's own selections: the page world's replays into roots it watches are untrusted.
      if (!event.isTrusted || input.getRootNode() !== target) return;
    } else if (input.getRootNode() !== input.ownerDocument) {
      // Inputs in shadow roots are held on their root (here or in src/page/file-inputs.ts): only
      // there can the non-composed `change` be held, and its replays must not be held twice.
      return;
    }
    if (event.type === 'change' && isTrailingChange(input)) {
      event.stopImmediatePropagation();
      return;
    }
    const files = [...(input.files ?? [])];
    if (!worthHolding(files) || passesOnce(event, input, files)) return;
    event.stopImmediatePropagation();
    options.hold(holdInput(input, files, event, options.blocked));
  };

  const onDrop = (event: DragEvent) => {
    if (
      isOurs(event) ||
      isPageReplay(event) ||
      !options.active() ||
      !event.dataTransfer?.types.includes('Files')
    ) {
      return;
    }
    const files = [...event.dataTransfer.files];
    if (!worthHolding(files)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (hasFolder(event.dataTransfer)) {
      endDrag(event);
      options.blocked('gate_folder_blocked');
    } else {
      options.hold(holdDrop(event, files));
    }
  };

  const onPaste = (event: ClipboardEvent) => {
    if (isOurs(event) || isPageReplay(event) || !options.active() || !event.clipboardData) return;
    const files = [...event.clipboardData.files].filter((f) => !allReleased([f]));
    const embedded = embeddedImages(event.clipboardData.getData('text/html'));
    if (!files.some(mayBeImage) && embedded.length === 0) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    options.hold(holdPaste(event, files, embedded, copyStrings(event.clipboardData)));
  };

  target.addEventListener('input', onFileInput, true);
  target.addEventListener('change', onFileInput, true);
  if (inRoot) return;
  target.addEventListener('drop', onDrop as EventListener, true);
  target.addEventListener('paste', onPaste as EventListener, true);
}

/** Images embedded as data: URLs in pasted HTML, as files. */
export function embeddedImages(html: string): EmbeddedImage[] {
  return dataUrlImages(html).flatMap((url, i) => {
    const file = fileFromDataUrl(url, `pasted-image-${i + 1}`);
    return file ? [{ url, file }] : [];
  });
}
