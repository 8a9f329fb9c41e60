// Opening a file picker from script: click(), showPicker() or a dispatched click event. When the
// input is out of the gate's sight (detached or in a shadow root), it gets hold listeners first,
// before the picker can return anything (upload-patterns §1.1: browser-fs-access, Bilibili, Bluesky).
import { patchMethod } from './disguise';
import { outOfSight, watch } from './file-inputs';
import { isFileInput } from './natives';

/** Before an out-of-sight input can deliver a selection: ours go on it before its picker opens. */
function beforePicker(target: unknown): void {
  if (isFileInput(target) && outOfSight(target)) watch(target);
}

export function hookPickers(): void {
  patchMethod(HTMLElement.prototype, 'click', (original: (this: HTMLElement) => void) => {
    const { click } = {
      click(this: HTMLElement) {
        beforePicker(this);
        return original.call(this);
      },
    };
    return click;
  });
  patchMethod(HTMLInputElement.prototype, 'showPicker', (original: (this: HTMLInputElement) => void) => {
    const { showPicker } = {
      showPicker(this: HTMLInputElement) {
        beforePicker(this);
        return original.call(this);
      },
    };
    return showPicker;
  });
  patchMethod(
    EventTarget.prototype,
    'dispatchEvent',
    (original: (this: EventTarget, e: Event) => boolean) => {
      const { dispatchEvent } = {
        dispatchEvent(this: EventTarget, event: Event) {
          if (event?.type === 'click') beforePicker(this);
          return original.call(this, event);
        },
      };
      return dispatchEvent;
    },
  );
}
