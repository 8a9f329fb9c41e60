// Dropped folders: a replayed drop cannot carry a directory (Chromium's synthetic items have no
// entries, upload-patterns §2), so the images inside could not be delivered after a check. Such a
// drop is blocked (the caller tells the person to drop the photos themselves).
import { ours } from './loop-guard';

export function hasFolder(transfer: DataTransfer): boolean {
  return [...transfer.items].some((item) => item.kind === 'file' && item.webkitGetAsEntry()?.isDirectory);
}

/** Ends the drag on the page's side so its drop overlay goes away. */
export function endDrag(event: DragEvent): void {
  const target = event.composedPath()[0] as EventTarget;
  target.dispatchEvent(ours(new DragEvent('dragleave', { bubbles: true, composed: true })));
}
