// Base64 for image bytes crossing Chrome's JSON-only runtime messaging. The engines' native codecs
// (Uint8Array toBase64 / fromBase64 / setFromBase64: Chrome 140+, Firefox 133+) are used where they
// exist; the JS fallbacks keep older browsers and Node working.

interface NativeBase64 {
  toBase64?: (this: Uint8Array) => string;
  setFromBase64?: (this: Uint8Array, text: string) => { read: number; written: number };
}
const native = Uint8Array.prototype as unknown as NativeBase64;
const fromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;

/** Bytes per String.fromCharCode call in the fallback, so a 12 MP photo never builds a giant argument list. */
const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  if (native.toBase64) return native.toBase64.call(bytes);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  }
  return btoa(parts.join(''));
}

export function base64ToBytes(base64: string): Uint8Array {
  if (fromBase64) return fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Decodes `base64` into `target` at `offset` (no intermediate copy where the engine can); returns the
 * number of bytes written. Throws on text that is not base64 or does not fit. */
export function base64Into(target: Uint8Array, offset: number, base64: string): number {
  if (native.setFromBase64) {
    const { read, written } = native.setFromBase64.call(target.subarray(offset), base64);
    if (read !== base64.length) throw new RangeError('base64 does not fit');
    return written;
  }
  const bytes = base64ToBytes(base64);
  target.set(bytes, offset);
  return bytes.length;
}
