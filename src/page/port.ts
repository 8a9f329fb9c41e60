// The page world's end of the channel to the upload gate (src/content/page-port.ts). The port
// arrives once, in a window message this listener swallows; it is registered at document_start,
// before any page script, so no page listener ever sees the port. Only submissions go out; only
// the gate's answers (what to deliver, and Firefox's replays) come in.
import {
  HANDSHAKE_TYPE,
  type PageOutcome,
  type PageSource,
  parseReplay,
  parseSettle,
  type ReplayedMessage,
  type SubmitMessage,
} from '../core/page-channel';
import { replay } from './replay';

let port: MessagePort | null = null;
const waiting = new Map<string, (outcomes: PageOutcome[]) => void>();
let counter = 0;

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
    if (!received) return;
    event.stopImmediatePropagation();
    window.removeEventListener('message', onMessage, true);
    port = received;
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
      const message = parseSettle(reply.data);
      if (!message) return;
      waiting.get(message.id)?.(message.outcomes);
      waiting.delete(message.id);
    };
  };
  window.addEventListener('message', onMessage, true);
}

/** Hands files to the gate and resolves with what to deliver, one outcome per file. */
export function submit(source: PageSource, files: File[], accept: string): Promise<PageOutcome[]> {
  // No gate in this frame (site switched off before load, or not injected): nothing to wait for.
  if (!port) return Promise.resolve(files.map(() => 'keep'));
  const id = `${Date.now().toString(36)}-${++counter}`;
  const message: SubmitMessage = { type: 'submit', id, source, files, accept };
  port.postMessage(message);
  return new Promise((resolve) => waiting.set(id, resolve));
}
