// Lossless PNG metadata removal. PURE. PNG chunks are independent (each has its own CRC), so dropping
// whole chunks leaves every kept chunk, and so the pixels, byte-identical.
import {
  buildOrientationTiff,
  crc32,
  isValidOrientation,
  readTiffOrientation,
  tiffStart,
} from './exif-orientation';

export class PngStructureError extends Error {
  override name = 'PngStructureError';
}

export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Chunks that carry text, EXIF (GPS, camera) or timestamps. */
const METADATA_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

export interface PngChunk {
  type: string;
  /** Offset of the length field. */
  start: number;
  /** Offset just past the CRC. */
  end: number;
  data: Uint8Array;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function put32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

/** Chunks up to and including IEND. Throws PngStructureError when malformed; always ends (each step advances ≥ 12 bytes). */
export function parsePngChunks(input: Uint8Array): PngChunk[] {
  if (input.length < 8 || !PNG_SIGNATURE.every((v, i) => input[i] === v)) {
    throw new PngStructureError('not a PNG');
  }
  const chunks: PngChunk[] = [];
  let i = 8;
  for (;;) {
    if (i + 12 > input.length) throw new PngStructureError('truncated chunk');
    const length = u32(input, i);
    const end = i + 12 + length;
    if (length > 0x7fffffff || end > input.length) throw new PngStructureError('truncated chunk');
    const type = String.fromCharCode(input[i + 4]!, input[i + 5]!, input[i + 6]!, input[i + 7]!);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PngStructureError(`bad chunk type at ${i}`);
    chunks.push({ type, start: i, end, data: input.subarray(i + 8, i + 8 + length) });
    i = end;
    if (type === 'IEND') return chunks;
  }
}

/** Orientation from an eXIf chunk, or null. Never throws. */
export function readPngOrientation(input: Uint8Array): number | null {
  try {
    const exif = parsePngChunks(input).find((c) => c.type === 'eXIf');
    return exif ? readTiffOrientation(tiffStart(exif.data)) : null;
  } catch {
    return null;
  }
}

function chunkBytes(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  put32(out, 0, data.length);
  for (let k = 0; k < 4; k++) out[4 + k] = type.charCodeAt(k);
  out.set(data, 8);
  put32(out, 8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

export interface PngStripOptions {
  /** Orientation to keep (default: the original eXIf's). When 2..8 an eXIf holding only Orientation is written back. */
  orientation?: number | null;
}

/**
 * Drops tEXt, zTXt, iTXt, eXIf and tIME (and any bytes after IEND); kept chunks are copied as they are,
 * CRCs included. Throws PngStructureError when the file cannot be walked.
 */
export function stripPngMetadata(input: Uint8Array, options: PngStripOptions = {}): Uint8Array {
  const chunks = parsePngChunks(input);
  const orientation =
    options.orientation === undefined ? readPngOrientation(input) : (options.orientation ?? null);
  const parts: Uint8Array[] = [input.subarray(0, 8)];
  for (const chunk of chunks) {
    if (METADATA_CHUNKS.has(chunk.type)) continue;
    parts.push(input.subarray(chunk.start, chunk.end));
    // eXIf must precede IDAT; right after IHDR is always valid.
    if (chunk.type === 'IHDR' && isValidOrientation(orientation) && orientation !== 1) {
      parts.push(chunkBytes('eXIf', buildOrientationTiff(orientation)));
    }
  }
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
