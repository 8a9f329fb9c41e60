// The page world's end of the channel to the upload gate (src/content/page-port.ts). The port
// arrives once, in a window message this listener swallows; it is registered at document_start,
// before any page script, so no page listener ever sees the port. Only submissions go out; only
// the gate's answers (what to deliver, and Firefox's replays) come in.
import {
  ALIVE_QUERY_EVENT,
  ANY_GATE,
  HANDSHAKE_TYPE,
  MAX_FILES,
  type PageOutcome,
  type PageSource,
  parseAsking,
  parseReplay,
  parseSettle,
  type ReplayedMessage,
  type SubmitMessage,
} from '../core/page-channel';
import { natives } from './natives';
import { replay } from './replay';

let port: MessagePort | null = null;
/** The channel's id, from the handshake: the gate answers probes for it (ALIVE_QUERY_EVENT). */
let channel: string | null = null;
interface Waiting {
  count: number;
  /** Files the person is being asked about (held back should the gate die). */
  asking: Set<number>;
  resolve(outcomes: PageOutcome[]): void;
}
const waiting = new Map<string, Waiting>();
let counter = 0;
/** While submissions wait: how often the gate is asked whether it still runs. */
const ALIVE_EVERY_MS = 1000;
let watching: ReturnType<typeof setInterval> | undefined;

export function receivePort(): void {
  const onMessage = (event: MessageEvent) => {
    if (
      port ||
      event.source !== window ||
      (event.data as { type?: unknown } | null)?.type !== HANDSHAKE_TYPE
    ) {
      return;
    }
    const received = event.ports[0];
    const id = (event.data as { id?: unknown }).id;
    if (!received || typeof id !== 'string') return;
    event.stopImmediatePropagation();
    window.removeEventListener('message', onMessage, true);
    port = received;
    channel = id;
    port.onmessage = (reply: MessageEvent) => {
      const replayMessage = parseReplay(reply.data);
      if (replayMessage) {
        const answer: ReplayedMessage = {
          type: 'replayed',
          id: replayMessage.id,
          handled: replay(replayMessage),
        };
        port?.postMessage(answer);
        return;
      }
      const asking = parseAsking(reply.data);
      if (asking) {
        for (const index of asking.indexes) waiting.get(asking.id)?.asking.add(index);
        return;
      }
      const message = parseSettle(reply.data);
      if (!message) return;
      waiting.get(message.id)?.resolve(message.outcomes);
      waiting.delete(message.id);
    };
  };
  window.addEventListener('message', onMessage, true);
}

/** Whether the gate that handed over the port still runs (Firefox destroys it on an extension update). */
export function gateAlive(): boolean {
  return port !== null && channel !== null && natives.cancelled(window, ALIVE_QUERY_EVENT, channel);
}

/** Whether any gate runs in this page: this script's, or a newer version's that took over. */
export function anyGateAlive(): boolean {
  return natives.cancelled(window, ALIVE_QUERY_EVENT, ANY_GATE);
}

/**
 * The gate is gone: what waits for it goes as it is (the fail-safe rule: a check that cannot finish
 * releases the original), except what the person was being asked about, which stays with them; and
 * nothing more is sent to it.
 */
function watchGate(): void {
  if (watching !== undefined) return;
  watching = setInterval(() => {
    if (waiting.size > 0 && gateAlive()) return;
    clearInterval(watching);
    watching = undefined;
    if (waiting.size === 0) return;
    port = null;
    for (const { count, asking, resolve } of waiting.values()) {
      resolve(Array.from({ length: count }, (_, i) => (asking.has(i) ? 'drop' : 'keep')));
    }
    waiting.clear();
  }, ALIVE_EVERY_MS);
}

/** Hands files to the gate and resolves with what to deliver, one outcome per file. */
export function submit(source: PageSource, files: File[], accept: string): Promise<PageOutcome[]> {
  // No gate in this frame (site switched off before load, or not injected): nothing to wait for. Nor
  // for more files than the gate takes in one message (it would never answer).
  if (!port || !gateAlive() || files.length > MAX_FILES) return Promise.resolve(files.map(() => 'keep'));
  const id = `${Date.now().toString(36)}-${++counter}`;
  const message: SubmitMessage = { type: 'submit', id, source, files, accept };
  port.postMessage(message);
  watchGate();
  return new Promise((resolve) => waiting.set(id, { count: files.length, asking: new Set(), resolve }));
}
