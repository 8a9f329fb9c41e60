// Files <-> ImagePayload (base64), because Chrome's runtime messaging carries JSON only.
import { base64ToBytes } from '../core/base64';
import type { ImagePayload } from '../core/protocol';
import { dataUrlOf } from './transfer-data';

export async function toPayload(file: File): Promise<ImagePayload> {
  // readAsDataURL encodes natively: much faster than building base64 in JS for a 12 MP photo.
  const url = await dataUrlOf(file);
  return {
    name: file.name,
    type: file.type,
    lastModified: file.lastModified,
    base64: url.slice(url.indexOf(',') + 1),
  };
}

export function fromPayload(payload: ImagePayload): File {
  return new File([base64ToBytes(payload.base64) as BlobPart], payload.name, {
    type: payload.type,
    lastModified: payload.lastModified,
  });
}
