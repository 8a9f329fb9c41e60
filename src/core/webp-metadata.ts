// Lossless WebP metadata removal. PURE. WebP is a RIFF container: metadata lives in separate EXIF and
// "XMP " chunks (extended format, VP8X), so they can be dropped without touching the image chunks.
import { buildOrientationTiff, isValidOrientation, readTiffOrientation, tiffStart } from './exif-orientation';

export class WebpStructureError extends Error {
  override name = 'WebpStructureError';
}

const FLAG_EXIF = 0x08;
const FLAG_XMP = 0x04;

interface RiffChunk {
  type: string;
  start: number;
  /** Offset past the data and its pad byte. */
  end: number;
  data: Uint8Array;
}

function u32le(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

function put32le(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
  b[at + 2] = (v >>> 16) & 0xff;
  b[at + 3] = v >>> 24;
}

function fourcc(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
}

function parseWebpChunks(input: Uint8Array): RiffChunk[] {
  if (input.length < 20 || fourcc(input, 0) !== 'RIFF' || fourcc(input, 8) !== 'WEBP') {
    throw new WebpStructureError('not a WebP');
  }
  const riffEnd = 8 + u32le(input, 4);
  // Bytes after the RIFF (rare, appended junk) are dropped; fewer bytes than announced means truncated.
  if (riffEnd > input.length) throw new WebpStructureError('truncated file');
  const chunks: RiffChunk[] = [];
  let i = 12;
  while (i + 8 <= riffEnd) {
    const size = u32le(input, i + 4);
    const dataEnd = i + 8 + size;
    if (dataEnd > riffEnd) throw new WebpStructureError('truncated chunk');
    chunks.push({
      type: fourcc(input, i),
      start: i,
      end: Math.min(dataEnd + (size & 1), riffEnd),
      data: input.subarray(i + 8, dataEnd),
    });
    i = dataEnd + (size & 1);
  }
  if (chunks.length === 0) throw new WebpStructureError('no chunks');
  return chunks;
}

/** TIFF bytes of the EXIF chunk (for exifr, which does not read WebP itself), or null. Never throws. */
export function findWebpExif(input: Uint8Array): Uint8Array | null {
  try {
    const exif = parseWebpChunks(input).find((c) => c.type === 'EXIF');
    return exif ? tiffStart(exif.data) : null;
  } catch {
    return null;
  }
}

export interface WebpStripOptions {
  /** Orientation to keep (default: the original's). When 2..8 an EXIF chunk holding only Orientation is written back. */
  orientation?: number | null;
}

/** Drops EXIF and XMP chunks and their VP8X flags. Throws WebpStructureError when malformed. */
export function stripWebpMetadata(input: Uint8Array, options: WebpStripOptions = {}): Uint8Array {
  const chunks = parseWebpChunks(input);
  const exif = chunks.find((c) => c.type === 'EXIF');
  const orientation =
    options.orientation === undefined
      ? exif
        ? readTiffOrientation(tiffStart(exif.data))
        : null
      : (options.orientation ?? null);
  const vp8x = chunks.find((c) => c.type === 'VP8X');
  const keepOrientation = vp8x !== undefined && isValidOrientation(orientation) && orientation !== 1;
  const parts: Uint8Array[] = [];
  for (const chunk of chunks) {
    if (chunk.type === 'EXIF' || chunk.type === 'XMP ') continue;
    if (chunk === vp8x) {
      const copy = input.slice(chunk.start, chunk.end);
      if (copy.length > 8) {
        copy[8] = (copy[8]! & ~(FLAG_EXIF | FLAG_XMP)) | (keepOrientation ? FLAG_EXIF : 0);
      }
      parts.push(copy);
      continue;
    }
    parts.push(input.subarray(chunk.start, chunk.end));
  }
  if (keepOrientation) {
    // The container spec puts EXIF after the image data.
    const tiff = buildOrientationTiff(orientation);
    const chunk = new Uint8Array(8 + tiff.length + (tiff.length & 1));
    chunk.set([0x45, 0x58, 0x49, 0x46], 0); // "EXIF"
    put32le(chunk, 4, tiff.length);
    chunk.set(tiff, 8);
    parts.push(chunk);
  }
  let total = 12;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  out.set(input.subarray(0, 12), 0);
  put32le(out, 4, total - 8);
  let at = 12;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
