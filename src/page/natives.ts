// Natives saved at document_start, before any page script can replace them (uBO's safe-self idea):
// the hooks keep working on pages that patch DOM methods themselves, and a page that replaces a
// prototype's method or getter later never sees what the hooks pass through it. Held files, the
// private port and the events that carry them only ever go through these.
import { mayBeImage } from '../core/held-files';

/** The property's descriptor where it is defined on the prototype chain. */
function own(proto: object, name: string): PropertyDescriptor {
  for (let o: object | null = proto; o; o = Object.getPrototypeOf(o)) {
    const descriptor = Object.getOwnPropertyDescriptor(o, name);
    if (descriptor) return descriptor;
  }
  throw new Error(`no ${name}`);
}
const getter = (proto: object, name: string) => own(proto, name).get! as (this: unknown) => unknown;

const filesDescriptor = own(HTMLInputElement.prototype, 'files');
const addListener = EventTarget.prototype.addEventListener;
const dispatch = EventTarget.prototype.dispatchEvent;
const composedPath = Event.prototype.composedPath;
const stopImmediate = Event.prototype.stopImmediatePropagation;
const preventDefault = Event.prototype.preventDefault;
const NativeDataTransfer = DataTransfer;
const transferItems = getter(DataTransfer.prototype, 'items');
const transferFiles = getter(DataTransfer.prototype, 'files');
const addItem = DataTransferItemList.prototype.add;
const NativeEvent = Event;
const NativeCustomEvent = CustomEvent;
const defaultPrevented = getter(Event.prototype, 'defaultPrevented');
const listLength = getter(FileList.prototype, 'length');
const listItem = FileList.prototype.item;
const fileName = getter(File.prototype, 'name');
const blobType = getter(Blob.prototype, 'type');
const messageData = getter(MessageEvent.prototype, 'data');
const messagePorts = getter(MessageEvent.prototype, 'ports');
const messageSource = getter(MessageEvent.prototype, 'source');
const postToPort = MessagePort.prototype.postMessage;
const startPort = MessagePort.prototype.start;
const define = Object.defineProperty;
const NativeFile = File;
const clipboardType = typeof ClipboardItem === 'undefined' ? null : ClipboardItem.prototype.getType;
const clipboardTypes = typeof ClipboardItem === 'undefined' ? null : getter(ClipboardItem.prototype, 'types');
const handleFile =
  typeof FileSystemFileHandle === 'undefined' ? null : FileSystemFileHandle.prototype.getFile;

/** Adds to a list of this script's without running a setter or method a page put on Array.prototype. */
function append<T>(list: T[], value: T): void {
  define(list, list.length, { value, writable: true, enumerable: true, configurable: true });
}

export const natives = {
  /** The input's files, in a plain array of this script's (no page code runs while they are read). */
  getFiles(input: HTMLInputElement): File[] {
    const list = filesDescriptor.get!.call(input) as FileList | null;
    const files: File[] = [];
    const count = list ? (listLength.call(list) as number) : 0;
    for (let i = 0; i < count; i++) append(files, listItem.call(list!, i) as File);
    return files;
  },
  setFiles(input: HTMLInputElement, files: readonly File[]): void {
    const transfer = new NativeDataTransfer();
    const items = transferItems.call(transfer) as DataTransferItemList;
    for (let i = 0; i < files.length; i++) addItem.call(items, files[i]!);
    filesDescriptor.set!.call(input, transferFiles.call(transfer));
  },
  append,
  /** Whether any of these files may be an image (by name and type, read without the page's getters). */
  anyImage(files: readonly File[]): boolean {
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      if (mayBeImage({ name: fileName.call(file) as string, type: blobType.call(file) as string }))
        return true;
    }
    return false;
  },
  file: (bits: BlobPart[], name: string, options: FilePropertyBag) => new NativeFile(bits, name, options),
  clipboardTypes: (item: ClipboardItem) => clipboardTypes!.call(item) as readonly string[],
  clipboardBlob: (item: ClipboardItem, type: string) => clipboardType!.call(item, type),
  handleFile: (handle: FileSystemFileHandle) => handleFile!.call(handle),
  listen: (target: EventTarget, type: string, listener: EventListener): void =>
    addListener.call(target, type, listener, true),
  dispatch: (target: EventTarget, event: Event): boolean => dispatch.call(target, event),
  event: (type: string, init: EventInit): Event => new NativeEvent(type, init),
  target: (event: Event): EventTarget | undefined => composedPath.call(event)[0],
  stop: (event: Event): void => stopImmediate.call(event),
  cancel: (event: Event): void => preventDefault.call(event),
  /** Dispatches a cancelable event carrying `detail` at target; true when a listener cancelled it. */
  cancelled(target: EventTarget, type: string, detail: unknown): boolean {
    const event = new NativeCustomEvent(type, { detail, cancelable: true });
    dispatch.call(target, event);
    return defaultPrevented.call(event) as boolean;
  },
  message: (event: MessageEvent) => ({
    data: messageData.call(event) as unknown,
    ports: messagePorts.call(event) as readonly MessagePort[],
    source: messageSource.call(event) as unknown,
  }),
  post: (port: MessagePort, message: unknown): void => postToPort.call(port, message),
  /** Listens on a port (its messages start flowing). */
  receive(port: MessagePort, listener: (event: MessageEvent) => void): void {
    addListener.call(port, 'message', listener as EventListener);
    startPort.call(port);
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
