// Tiny TIFF/EXIF helpers shared by the lossless metadata strippers (JPEG, PNG, WebP). PURE.
// We only ever need one tag, Orientation (0x0112): read it from an existing TIFF block, and write a
// minimal TIFF that carries nothing else, so a stripped copy still displays the same way up.

const ORIENTATION_TAG = 0x0112;
const TYPE_SHORT = 3;

/** "Exif\0\0", the identifier in front of TIFF data inside a JPEG APP1 segment (and some WebP/PNG writers). */
export const EXIF_HEADER = new Uint8Array([0x45, 0x78, 0x69, 0x66, 0x00, 0x00]);

export function isValidOrientation(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 8;
}

export function startsWith(bytes: Uint8Array, prefix: Uint8Array | readonly number[], at = 0): boolean {
  if (at < 0 || at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/** Skips an optional "Exif\0\0" prefix: writers disagree on whether WebP/PNG EXIF payloads carry it. */
export function tiffStart(payload: Uint8Array): Uint8Array {
  return startsWith(payload, EXIF_HEADER) ? payload.subarray(EXIF_HEADER.length) : payload;
}

/** Orientation 1..8 from IFD0 of a TIFF block, or null when absent or malformed. Never throws. */
export function readTiffOrientation(tiff: Uint8Array): number | null {
  if (tiff.length < 8) return null;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  const big = tiff[0] === 0x4d && tiff[1] === 0x4d;
  if (!little && !big) return null;
  const u16 = (at: number): number =>
    little ? tiff[at]! | (tiff[at + 1]! << 8) : (tiff[at]! << 8) | tiff[at + 1]!;
  const u32 = (at: number): number =>
    little
      ? (tiff[at]! | (tiff[at + 1]! << 8) | (tiff[at + 2]! << 16) | (tiff[at + 3]! << 24)) >>> 0
      : ((tiff[at]! << 24) | (tiff[at + 1]! << 16) | (tiff[at + 2]! << 8) | tiff[at + 3]!) >>> 0;
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd < 8 || ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) !== ORIENTATION_TAG) continue;
    // SHORT, count 1: the value sits in the first two bytes of the value field.
    if (u16(entry + 2) !== TYPE_SHORT || u32(entry + 4) < 1) return null;
    const value = u16(entry + 8);
    return isValidOrientation(value) ? value : null;
  }
  return null;
}

/**
 * A minimal big-endian TIFF block whose IFD0 holds only Orientation (26 bytes). No other tag, no
 * EXIF/GPS sub-IFD, no thumbnail: nothing private can ride along.
 */
export function buildOrientationTiff(orientation: number): Uint8Array {
  if (!isValidOrientation(orientation)) throw new RangeError(`invalid EXIF orientation ${orientation}`);
  // prettier-ignore
  return new Uint8Array([
    0x4d,
    0x4d,
    0x00,
    0x2a, // "MM", 42
    0x00,
    0x00,
    0x00,
    0x08, // IFD0 at offset 8
    0x00,
    0x01, // one entry
    0x01,
    0x12,
    0x00,
    TYPE_SHORT,
    0x00,
    0x00,
    0x00,
    0x01, // Orientation, SHORT, count 1
    0x00,
    orientation,
    0x00,
    0x00, // value, padded to 4 bytes
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
  ]);
}

/** CRC-32 (ISO-HDLC, as used by PNG), for the one chunk we may write ourselves. */
let crcTable: Uint32Array | null = null;
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
