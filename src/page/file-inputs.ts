// File inputs window listeners cannot see: detached ones (never in the document) and ones inside
// shadow roots (`change` is not composed; Firefox delivers neither event out of a root). Capture
// listeners go on the input or root itself; a selection with a possible image is held like the gate
// does (stopped, emptied), submitted over the port, and delivered as the gate answers. The held files
// only pass through natives and plain loops: no method a page could have replaced sees them.
import { DELIVERING_EVENT, type PageOutcome } from '../core/page-channel';
import { isFileInput, natives } from './natives';
import { gateAlive, submit } from './port';

const watched = new WeakSet<EventTarget>();
const held = new WeakSet<HTMLInputElement>();
const ourEvents = new WeakSet<Event>();
/** Inputs the gate is delivering to in this task (see DELIVERING_EVENT). */
const gateDelivering = new WeakSet<HTMLInputElement>();

function onGateDelivering(event: Event): void {
  const input = natives.target(event);
  if (!isFileInput(input)) return;
  gateDelivering.add(input);
  setTimeout(() => gateDelivering.delete(input), 0);
}

/** The files the page gets: kept ones and copies, in order; never a dropped one. */
function released(files: File[], outcomes: PageOutcome[]): File[] {
  const out: File[] = [];
  for (let i = 0; i < files.length; i++) {
    const outcome = outcomes[i];
    if (outcome === 'keep') natives.append(out, files[i]!);
    else if (outcome !== 'drop' && outcome !== undefined) natives.append(out, outcome);
  }
  return out;
}

function onFileEvent(event: Event): void {
  if (ourEvents.has(event)) return;
  const input = natives.target(event);
  if (!isFileInput(input) || gateDelivering.has(input)) return;
  const files = natives.getFiles(input);
  // The `change` that follows a held `input` (the files are hidden by then): part of the same selection.
  if (held.has(input) && files.length === 0) {
    natives.stop(event);
    return;
  }
  // No gate (Firefox destroyed it with an extension update): the selection passes untouched, to a
  // newer gate's listener or to the page.
  if (!natives.anyImage(files) || !gateAlive()) return;
  natives.stop(event);
  held.add(input);
  natives.setFiles(input, []);
  submit('input', files, input.accept, (outcomes) => {
    held.delete(input);
    deliver(input, released(files, outcomes));
  });
}

function deliver(input: HTMLInputElement, files: File[]): void {
  const fire = (type: string, init: EventInit) => {
    const event = natives.event(type, init);
    ourEvents.add(event);
    natives.dispatch(input, event);
  };
  if (files.length === 0) {
    fire('cancel', { bubbles: true });
    return;
  }
  natives.setFiles(input, files);
  // Not composed (unlike a trusted `input`): page code outside the root never listened for this
  // input's `change` anyway, and a composed replay would reach the gate's window listener and be
  // held a second time.
  fire('input', { bubbles: true });
  fire('change', { bubbles: true });
}

/** Adds the hold listeners to an input or a shadow root (once). */
export function watch(target: EventTarget): void {
  if (watched.has(target)) return;
  watched.add(target);
  natives.listen(target, DELIVERING_EVENT, onGateDelivering);
  natives.listen(target, 'input', onFileEvent);
  natives.listen(target, 'change', onFileEvent);
}

/** A file input the window listeners of the gate cannot hear. */
export function outOfSight(input: HTMLInputElement): boolean {
  return !input.isConnected || input.getRootNode() !== input.ownerDocument;
}
