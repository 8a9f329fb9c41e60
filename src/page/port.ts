// The page world's end of the channel to the upload gate (src/content/page-port.ts). The port
// arrives once, in a window message this listener swallows; it is registered at document_start,
// before any page script, so no page listener ever sees the port. Only submissions go out; only
// the gate's answers (what to deliver, and Firefox's replays) come in. Everything here goes through
// natives saved at document_start and is kept where no page code can reach: the port is never
// handed to a method a page could have replaced, messages a page dispatches at it (untrusted) are
// ignored, and what waits for an answer waits in an object without a prototype, called back
// directly (a promise would run the page's Promise.prototype.then).
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

export type Deliver = (outcomes: PageOutcome[]) => void;

interface Waiting {
  count: number;
  /** Files the person is being asked about (held back should the gate die). */
  asking: Record<number, true>;
  deliver: Deliver;
}

const create = Object.create;
const every = setInterval;
const stopEvery = clearInterval;
const now = Date.now;
const NativePromise = Promise;

let port: MessagePort | null = null;
/** The channel's id, from the handshake: the gate answers probes for it (ALIVE_QUERY_EVENT). */
let channel: string | null = null;
/** Submissions waiting for the gate's answer, by id. */
const waiting: Record<string, Waiting> = create(null);
let counter = 0;
/** While submissions wait: how often the gate is asked whether it still runs. */
const ALIVE_EVERY_MS = 1000;
let watching: ReturnType<typeof setInterval> | undefined;

function onReply(event: MessageEvent): void {
  if (!event.isTrusted) return;
  const { data } = natives.message(event);
  const replayMessage = parseReplay(data);
  if (replayMessage) {
    const answer: ReplayedMessage = {
      type: 'replayed',
      id: replayMessage.id,
      handled: replay(replayMessage),
    };
    if (port) natives.post(port, answer);
    return;
  }
  const asking = parseAsking(data);
  if (asking) {
    const entry = waiting[asking.id];
    for (let i = 0; entry && i < asking.indexes.length; i++) entry.asking[asking.indexes[i]!] = true;
    return;
  }
  const message = parseSettle(data);
  const entry = message && waiting[message.id];
  if (!message || !entry) return;
  delete waiting[message.id];
  entry.deliver(message.outcomes);
}

export function receivePort(): void {
  natives.listen(window, 'message', (event) => {
    if (port || !event.isTrusted) return;
    const { data, ports, source } = natives.message(event as MessageEvent);
    if (source !== window || (data as { type?: unknown } | null)?.type !== HANDSHAKE_TYPE) return;
    const received = ports[0];
    const id = (data as { id?: unknown }).id;
    if (!received || typeof id !== 'string') return;
    natives.stop(event);
    port = received;
    channel = id;
    natives.receive(port, onReply);
  });
}

/** Whether this replay id is from the gate whose port this is (its ids start with the channel's). */
export function ownReplay(id: string): boolean {
  return channel !== null && id.startsWith(`${channel}-`);
}

/** Whether the gate that handed over the port still runs (Firefox destroys it on an extension update). */
export function gateAlive(): boolean {
  return port !== null && channel !== null && natives.cancelled(window, ALIVE_QUERY_EVENT, channel);
}

/** Whether any gate runs in this page: this script's, or a newer version's that took over. */
export function anyGateAlive(): boolean {
  return natives.cancelled(window, ALIVE_QUERY_EVENT, ANY_GATE);
}

function anyWaiting(): boolean {
  for (const id in waiting) if (id) return true;
  return false;
}

const keepAll = (count: number): PageOutcome[] => {
  const outcomes: PageOutcome[] = [];
  for (let i = 0; i < count; i++) outcomes.push('keep');
  return outcomes;
};

/**
 * The gate is gone: what waits for it goes as it is (the fail-safe rule: a check that cannot finish
 * releases the original), except what the person was being asked about, which stays with them; and
 * nothing more is sent to it.
 */
function watchGate(): void {
  if (watching !== undefined) return;
  watching = every(() => {
    const pending = anyWaiting();
    if (pending && gateAlive()) return;
    stopEvery(watching);
    watching = undefined;
    if (!pending) return;
    port = null;
    for (const id in waiting) {
      const entry = waiting[id]!;
      delete waiting[id];
      const outcomes = keepAll(entry.count);
      for (let i = 0; i < entry.count; i++) if (entry.asking[i]) outcomes[i] = 'drop';
      entry.deliver(outcomes);
    }
  }, ALIVE_EVERY_MS);
}

/** Hands files to the gate; `deliver` is called with what to deliver, one outcome per file. */
export function submit(source: PageSource, files: File[], accept: string, deliver: Deliver): void {
  // No gate in this frame (site switched off before load, or not injected; destroyed since): nothing
  // to wait for. Nor for more files than the gate takes in one message (it would never answer).
  if (!port || !gateAlive() || files.length > MAX_FILES) {
    deliver(keepAll(files.length));
    return;
  }
  const id = `${now().toString(36)}-${++counter}`;
  waiting[id] = { count: files.length, asking: create(null), deliver };
  const message: SubmitMessage = { type: 'submit', id, source, files, accept };
  natives.post(port, message);
  watchGate();
}

/** submit() for hooks that answer the page with a promise anyway (showOpenFilePicker, clipboard.read). */
export function submitted(source: PageSource, files: File[], accept: string): Promise<PageOutcome[]> {
  return new NativePromise((resolve) => submit(source, files, accept, resolve));
}
