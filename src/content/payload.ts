// Files <-> what crosses extension contexts: the file's description and its bytes, read once.
import { base64ToBytes, bytesToBase64 } from '../core/base64';
import type { FileInfo, ImagePayload } from '../core/protocol';

export const fileInfo = (file: File): FileInfo => ({
  name: file.name,
  type: file.type,
  lastModified: file.lastModified,
});

export async function fileBytes(file: Blob): Promise<Uint8Array> {
  const buffer = await file.arrayBuffer();
  // Copied into an array of this script's own: a Firefox content script gets the page's buffer behind a
  // wrapper that denies what typed-array methods look up ("constructor").
  const bytes = new Uint8Array(buffer.byteLength);
  bytes.set(new Uint8Array(buffer));
  return bytes;
}

/** A whole file as one JSON-safe value (runtime messages, e.g. a frame's question to the top frame). */
export async function toPayload(file: File): Promise<ImagePayload> {
  return { ...fileInfo(file), base64: bytesToBase64(await fileBytes(file)) };
}

export function toFile(info: FileInfo, bytes: Uint8Array): File {
  return new File([bytes as BlobPart], info.name, { type: info.type, lastModified: info.lastModified });
}

export function fromPayload(payload: ImagePayload): File {
  return toFile(payload, base64ToBytes(payload.base64));
}
