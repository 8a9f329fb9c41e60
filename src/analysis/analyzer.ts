// The analyzer's message handlers, shared by Chrome's offscreen document and Firefox's background
// page: bytes in (base64), a Verdict or a safer copy out. Nothing is kept after the reply.
import browser from 'webextension-polyfill';
import { base64ToBytes, bytesToBase64 } from '../core/base64';
import { limiter } from '../core/limit';
import type { CopyKind, ImagePayload, RequestMap } from '../core/protocol';
import type { BlurStyle } from '../core/settings';
import type { Box, Verdict } from '../core/verdict';
import type { ModelOptions } from './analyze-pixels';
import { checkImage } from './check-image';
import { coverFacesCopy, SaferCopyError, stripMetadata } from './safer-copy';

const MODELS: ModelOptions = {
  modelBase: browser.runtime.getURL('models/'),
  wasmBase: browser.runtime.getURL('wasm/'),
};

/** Checks and copies share one queue, so memory stays bounded however many photos arrive at once. */
const queue = limiter(2);

export function handleCheck({ image, sensitivity }: RequestMap['check-image']['request']): Promise<Verdict> {
  return queue(() => checkImage(base64ToBytes(image.base64), image.type, sensitivity, MODELS));
}

export async function handleCopy({
  image,
  kind,
  boxes,
  style,
}: RequestMap['make-copy']['request']): Promise<RequestMap['make-copy']['response']> {
  return queue(() => makeCopy(image, kind, boxes, style));
}

async function makeCopy(
  image: ImagePayload,
  kind: CopyKind,
  boxes: Box[],
  style: BlurStyle,
): Promise<RequestMap['make-copy']['response']> {
  const bytes = base64ToBytes(image.base64);
  try {
    const copy =
      kind === 'strip'
        ? await stripMetadata(bytes, image.type, image.name)
        : await coverFacesCopy(bytes, image.type, image.name, boxes, style);
    const out: ImagePayload = {
      name: copy.name,
      type: copy.type,
      lastModified: image.lastModified,
      base64: bytesToBase64(copy.bytes),
    };
    return { image: out };
  } catch (error) {
    if (error instanceof SaferCopyError) return { error: error.reason };
    throw error;
  }
}
