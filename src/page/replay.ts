// Firefox only: approved drops and pastes are dispatched from here, the page's own world, because
// Firefox hides DataTransfer items a content script added from page code (src/core/page-channel.ts,
// ReplayMessage). The gate names the target with an event on it, then sends the files. Each replay
// happens at most once: a newer gate taking over may ask whether it did (REPLAYED_QUERY_EVENT), and
// one not yet dispatched by then never is (the newer gate holds the upload again).
import { REPLAY_TARGET_EVENT, REPLAYED_QUERY_EVENT, type ReplayMessage } from '../core/page-channel';
import { natives } from './natives';

const targets = new Map<string, EventTarget>();
/** Replays by id: dispatched, or revoked by a newer gate's question before they came. */
const ended: Record<string, 'dispatched' | 'revoked'> = Object.create(null);

/** `ours`: whether a replay id is for the gate whose port this page world holds (see page-port.ts). */
export function listenForReplayTargets(ours: (id: string) => boolean): void {
  natives.listen(window, REPLAY_TARGET_EVENT, (event) => {
    const id = (event as CustomEvent<unknown>).detail;
    if (typeof id !== 'string' || !ours(id)) return;
    natives.stop(event);
    targets.set(id, natives.target(event) ?? window);
  });
  natives.listen(window, REPLAYED_QUERY_EVENT, (event) => {
    const id = (event as CustomEvent<unknown>).detail;
    if (typeof id !== 'string' || !ours(id)) return;
    natives.stop(event);
    if (ended[id] === 'dispatched') natives.cancel(event);
    else {
      ended[id] = 'revoked';
      targets.delete(id);
    }
  });
}

/** Dispatches the replay; returns whether page code handled it (preventDefault). */
export function replay(message: ReplayMessage): boolean {
  const target = targets.get(message.id);
  targets.delete(message.id);
  if (!target || ended[message.id]) return false;
  ended[message.id] = 'dispatched';
  const transfer = new DataTransfer();
  for (const [type, value] of message.strings) transfer.setData(type, value);
  for (const file of message.files) transfer.items.add(file);
  const init = { bubbles: true, cancelable: true, composed: true };
  let event: Event;
  if (message.kind === 'drop') {
    event = new DragEvent('drop', { ...init, ...message.point, dataTransfer: transfer });
  } else {
    // Firefox ignores clipboardData in the constructor and gives the event a writable one instead.
    event = new ClipboardEvent('paste', init);
    const data = (event as ClipboardEvent).clipboardData!;
    for (const [type, value] of message.strings) data.setData(type, value);
    for (const file of message.files) data.items.add(file);
  }
  natives.dispatch(target, event);
  return event.defaultPrevented;
}
