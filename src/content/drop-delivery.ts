// Drops: the files can only be read inside the drop event, so they are copied out then and the drop
// is replayed at the same element and point once decided (upload-patterns §1.2). A drop onto a file
// input (whose native default would fill it) is delivered as a file selection instead. Cancel sends
// a dragleave so the site's drop overlay goes away.
import { filesToRelease } from '../core/held-files';
import type { DropPoint } from '../core/page-channel';
import type { Delivery } from './delivery';
import { saveFocus } from './focus';
import { deliverToInput } from './input-delivery';
import { markReleased, ours } from './loop-guard';
import { newReplayId, replayInPage } from './page-port';
import { copyStrings, filledTransfer, type StringData } from './transfer-data';

export function holdDrop(event: DragEvent, files: File[]): Delivery {
  const point = {
    clientX: event.clientX,
    clientY: event.clientY,
    screenX: event.screenX,
    screenY: event.screenY,
  };
  return dropDelivery(event.composedPath()[0] as EventTarget, files, copyStrings(event.dataTransfer!), point);
}

/** The drop's delivery from what was copied out of it (also when a held drop is taken over later). */
export function dropDelivery(
  target: EventTarget,
  files: File[],
  strings: StringData,
  point: DropPoint,
): Delivery {
  const focus = saveFocus();
  const fileInput = target instanceof HTMLInputElement && target.type === 'file' ? target : null;
  const replayId = __BROWSER__ === 'firefox' && !fileInput ? newReplayId() : undefined;
  return {
    source: 'drop',
    files,
    accept: fileInput?.accept ?? '',
    resume: { target, files, strings, point },
    replayId,
    settle(outcomes) {
      const released = filesToRelease(files, outcomes);
      if (fileInput) {
        if (released.length > 0) deliverToInput(fileInput, released);
        return;
      }
      const at = receiver(target, point.clientX, point.clientY);
      if (released.length === 0) {
        at.dispatchEvent(ours(new DragEvent('dragleave', { bubbles: true, composed: true, ...point })));
        return;
      }
      focus.restore();
      markReleased(released);
      if (replayId) return replayInPage(replayId, at, 'drop', released, strings, point);
      const dataTransfer = filledTransfer(released, strings);
      at.dispatchEvent(
        ours(
          new DragEvent('drop', { dataTransfer, bubbles: true, cancelable: true, composed: true, ...point }),
        ),
      );
    },
  };
}

/** The drop target, or what is now under the drop point if the page replaced it meanwhile. */
function receiver(target: EventTarget, x: number, y: number): EventTarget {
  if (!(target instanceof Node) || target.isConnected) return target;
  return document.elementFromPoint(x, y) ?? document.body ?? document.documentElement;
}
