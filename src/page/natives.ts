// Natives saved at document_start, before any page script can replace them (uBO's safe-self idea):
// the hooks keep working on pages that patch DOM methods themselves.
const filesDescriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'files')!;
const addListener = EventTarget.prototype.addEventListener;
const dispatch = EventTarget.prototype.dispatchEvent;
const NativeDataTransfer = DataTransfer;
const NativeEvent = Event;
const NativeCustomEvent = CustomEvent;
const defaultPrevented = Object.getOwnPropertyDescriptor(Event.prototype, 'defaultPrevented')!.get!;

export const natives = {
  getFiles: (input: HTMLInputElement): File[] => [
    ...((filesDescriptor.get!.call(input) as FileList | null) ?? []),
  ],
  setFiles(input: HTMLInputElement, files: readonly File[]): void {
    const transfer = new NativeDataTransfer();
    for (const file of files) transfer.items.add(file);
    filesDescriptor.set!.call(input, transfer.files);
  },
  listen: (target: EventTarget, type: string, listener: EventListener): void =>
    addListener.call(target, type, listener, true),
  dispatch: (target: EventTarget, event: Event): boolean => dispatch.call(target, event),
  event: (type: string, init: EventInit): Event => new NativeEvent(type, init),
  /** Dispatches a cancelable event carrying `detail` at target; true when a listener cancelled it. */
  cancelled(target: EventTarget, type: string, detail: unknown): boolean {
    const event = new NativeCustomEvent(type, { detail, cancelable: true });
    dispatch.call(target, event);
    return defaultPrevented.call(event) as boolean;
  },
};

/** A file input, also from another realm (an iframe's prototypes fail instanceof here). */
export function isFileInput(node: unknown): node is HTMLInputElement {
  return (
    typeof node === 'object' &&
    node !== null &&
    (node as Element).localName === 'input' &&
    (node as HTMLInputElement).type === 'file'
  );
}
