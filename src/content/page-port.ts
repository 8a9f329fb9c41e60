// The gate's end of the private channel to the MAIN-world hooks (src/page/port.ts). A MessageChannel
// is made here and one port handed to the page world in a single window message at document_start;
// the page world's listener is registered before any page script and swallows it. Inbound messages
// can only submit files for a check or report how a replay went (src/core/page-channel.ts): what to
// deliver only ever flows from here to there.
import {
  ALIVE_QUERY_EVENT,
  ANY_GATE,
  type AskingMessage,
  type DropPoint,
  HANDSHAKE_TYPE,
  parseReplayed,
  parseSubmit,
  REPLAY_TARGET_EVENT,
  REPLAYED_QUERY_EVENT,
  type ReplayMessage,
  type SettleMessage,
} from '../core/page-channel';
import type { Delivery } from './delivery';
import type { StringData } from './transfer-data';

const { port1: port, port2 } = new MessageChannel();
const replays = new Map<string, (handled: boolean) => void>();
let counter = 0;
const channelId = crypto.randomUUID();

export function openPagePort(hold: (delivery: Delivery) => void): void {
  port.onmessage = (event: MessageEvent) => {
    const replayed = parseReplayed(event.data);
    if (replayed) {
      replays.get(replayed.id)?.(replayed.handled);
      replays.delete(replayed.id);
      return;
    }
    const message = parseSubmit(event.data);
    if (!message) return;
    hold({
      source: message.source,
      files: message.files,
      accept: message.accept,
      asking(indexes) {
        const note: AskingMessage = { type: 'asking', id: message.id, indexes };
        port.postMessage(note);
      },
      settle(outcomes) {
        const reply: SettleMessage = {
          type: 'settle',
          id: message.id,
          outcomes: outcomes.map((o) => (typeof o === 'string' ? o : o.replace)),
        };
        port.postMessage(reply);
      },
    });
  };
  // This gate is alive: it answers the page world's probes for this channel (see ALIVE_QUERY_EVENT).
  window.addEventListener(
    ALIVE_QUERY_EVENT,
    (event) => {
      const detail = (event as CustomEvent<unknown>).detail;
      if (detail !== channelId && detail !== ANY_GATE) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    },
    true,
  );
  // Posted to this very window; '*' because about:blank and sandboxed frames have opaque origins.
  window.postMessage({ type: HANDSHAKE_TYPE, id: channelId }, '*', [port2]);
}

/**
 * True for the untrusted drop or paste the page world is dispatching for us right now: it carries
 * files the gate already decided, so it must pass (its files are clones our loop guard cannot know).
 */
export function isPageReplay(event: Event): boolean {
  return replays.size > 0 && !event.isTrusted;
}

/**
 * A name for one replay (Firefox), given when a drop or paste is held so that the held stash can
 * record it (held-stash.ts). Named after this gate's channel: the page world that took its port
 * claims the target, and not one a destroyed earlier gate had (after an update both page worlds listen).
 */
export function newReplayId(): string {
  return `${channelId}-r${++counter}`;
}

/**
 * Firefox: has the page world dispatch an approved drop or paste at target (see ReplayMessage for
 * why), under the name newReplayId() gave it. Resolves with whether page code handled it (called
 * preventDefault) once the page world has dispatched it.
 */
export function replayInPage(
  id: string,
  target: EventTarget,
  kind: ReplayMessage['kind'],
  files: File[],
  strings: StringData,
  point: DropPoint,
): Promise<boolean> {
  target.dispatchEvent(new CustomEvent(REPLAY_TARGET_EVENT, { detail: id, bubbles: true, composed: true }));
  const message: ReplayMessage = { type: 'replay', id, kind, files, strings, point };
  port.postMessage(message);
  return new Promise((resolve) => replays.set(id, resolve));
}

/**
 * Firefox, for a gate taking over a destroyed one's holds: whether the page world dispatched that
 * gate's replay of this id. When it answers no, it never will: the upload is the caller's to hold again.
 * (A page that asks this itself only stops its own upload's replay: never makes one happen twice.)
 */
export function replayedByPage(id: string): boolean {
  const query = new CustomEvent(REPLAYED_QUERY_EVENT, { detail: id, cancelable: true });
  window.dispatchEvent(query);
  return query.defaultPrevented;
}
