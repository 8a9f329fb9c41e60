// One message with a binary attachment, cut into frames: a head frame (the message and the
// attachment's size), then the bytes. On a JSON-only port (Chrome) the bytes go as base64 parts, cut on
// 3-byte boundaries so each is base64 on its own: the sender encodes, and the receiver decodes straight
// into the final buffer, part by part, while later parts are still in flight; no giant string is built
// or parsed on either side. A port that carries structured clones (Firefox) takes the bytes as they are.
import { base64Into, bytesToBase64 } from './base64';

export type Frame = { head: unknown; size: number } | { part: string | Uint8Array };

/** Bytes per base64 part (64 Ki characters): Chrome serialises a message in the sender, the browser
 * process and the receiver one after another, so parts keep the three stages overlapping; and each part
 * is one task on the page (postFrames). At 256 Ki characters a part's task took 40-76 ms in a traced
 * 20-photo batch (5-22 tasks over 20 ms per round); at this size 2-5 were over 20 ms, and those over
 * 40 ms were the dialog's layout and the handler holding the files, not parts. */
export const PART_BYTES = 3 << 14;

export function* toFrames(
  head: unknown,
  bytes: Uint8Array = new Uint8Array(0),
  { binary = false } = {},
): Generator<Frame> {
  yield { head, size: bytes.length };
  if (binary) {
    if (bytes.length > 0) yield { part: bytes };
    return;
  }
  for (let i = 0; i < bytes.length; i += PART_BYTES) {
    yield { part: bytesToBase64(bytes.subarray(i, i + PART_BYTES)) };
  }
}

/** Resolves in a new task (a message to ourselves: unlike setTimeout, never clamped to 4 ms). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Posts toFrames' frames through `post`, one task each: encoding and serialising a part takes a few
 * milliseconds, and a 12 MP photo's parts posted in one go were one long task on the page (70-85 ms,
 * measured); in turns, the page runs its input and rendering between them.
 */
export async function postFrames(
  post: (frame: Frame) => void,
  head: unknown,
  bytes?: Uint8Array,
  options?: { binary?: boolean },
): Promise<void> {
  let first = true;
  for (const frame of toFrames(head, bytes, options)) {
    if (!first) await nextTask();
    first = false;
    post(frame);
  }
}

export interface Whole {
  head: unknown;
  bytes: Uint8Array;
}

/**
 * Returns a function to feed frames to, in arrival order; `onWhole` gets each complete message, or
 * null for a stream that breaks the format (a part without a head, bad base64, too many bytes).
 */
export function frameReader(onWhole: (whole: Whole | null) => void): (frame: unknown) => void {
  let current: { head: unknown; bytes: Uint8Array; filled: number } | null = null;
  const finishIfFull = () => {
    if (current && current.filled === current.bytes.length) {
      const { head, bytes } = current;
      current = null;
      onWhole({ head, bytes });
    }
  };
  return (frame) => {
    const f = frame as Partial<{ head: unknown; size: unknown; part: unknown }> | null;
    if (f && 'head' in f && Number.isSafeInteger(f.size) && (f.size as number) >= 0) {
      if (current) onWhole(null);
      current = { head: f.head, bytes: new Uint8Array(f.size as number), filled: 0 };
      finishIfFull();
      return;
    }
    const part = f?.part;
    // isView, not instanceof: a Firefox content script may get the array from another compartment.
    if (!current || !(typeof part === 'string' || ArrayBuffer.isView(part))) {
      current = null;
      onWhole(null);
      return;
    }
    try {
      if (typeof part === 'string') {
        current.filled += base64Into(current.bytes, current.filled, part);
      } else {
        const view = part as ArrayBufferView;
        current.bytes.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), current.filled);
        current.filled += view.byteLength;
      }
    } catch {
      current = null;
      onWhole(null);
      return;
    }
    finishIfFull();
  };
}
