// Lossless JPEG metadata removal. PURE (Uint8Array in, Uint8Array out).
// Only header segments are dropped; everything from the first SOS to EOI is copied byte for byte, so
// the decoded pixels are bit-identical to the original.
import {
  buildOrientationTiff,
  EXIF_HEADER,
  isValidOrientation,
  readTiffOrientation,
  startsWith,
} from './exif-orientation';

/** The input is not a JPEG we can walk safely (truncated, corrupt, not a JPEG). Callers show "could not make a copy". */
export class JpegStructureError extends Error {
  override name = 'JpegStructureError';
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;

const JFIF_ID = [0x4a, 0x46, 0x49, 0x46, 0x00]; // "JFIF\0"
const ICC_ID = [0x49, 0x43, 0x43, 0x5f, 0x50, 0x52, 0x4f, 0x46, 0x49, 0x4c, 0x45, 0x00]; // "ICC_PROFILE\0"
const ADOBE_ID = [0x41, 0x64, 0x6f, 0x62, 0x65]; // "Adobe"

export interface JpegSegment {
  marker: number;
  /** Offset of the 0xFF of the marker. */
  start: number;
  /** Offset just past the segment (marker + length field + payload). */
  end: number;
  /** Payload without the 2-byte length field. */
  payload: Uint8Array;
}

export interface JpegLayout {
  /** Header segments between SOI and the first SOS. */
  segments: JpegSegment[];
  /** Offset of the first SOS marker. */
  scanStart: number;
  /** Offset just past EOI; the file length when EOI is missing (a truncated but displayable file). */
  scanEnd: number;
}

function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

/** Walks the header segments. Throws JpegStructureError on anything malformed; each step advances, so it always ends. */
export function parseJpegLayout(input: Uint8Array): JpegLayout {
  const n = input.length;
  if (n < 4 || input[0] !== 0xff || input[1] !== SOI) throw new JpegStructureError('not a JPEG (no SOI)');
  const segments: JpegSegment[] = [];
  let i = 2;
  for (;;) {
    if (i >= n) throw new JpegStructureError('truncated before the image data');
    if (input[i] !== 0xff) throw new JpegStructureError(`expected a marker at ${i}`);
    const start = i;
    // Any number of 0xFF fill bytes may precede a marker.
    while (i < n && input[i] === 0xff) i++;
    if (i >= n) throw new JpegStructureError('truncated in a marker');
    const marker = input[i]!;
    i++;
    if (marker === SOS) return { segments, scanStart: start, scanEnd: findScanEnd(input, start) };
    if (marker === EOI || marker === SOI || marker === 0x00) {
      throw new JpegStructureError(`unexpected marker 0x${marker.toString(16)} before the image data`);
    }
    if (isStandalone(marker)) {
      segments.push({ marker, start, end: i, payload: input.subarray(i, i) });
      continue;
    }
    if (i + 2 > n) throw new JpegStructureError('truncated segment length');
    const length = (input[i]! << 8) | input[i + 1]!;
    if (length < 2) throw new JpegStructureError(`bad segment length at ${i}`);
    const end = i + length;
    if (end > n) throw new JpegStructureError('truncated segment');
    segments.push({ marker, start, end, payload: input.subarray(i + 2, end) });
    i = end;
  }
}

/**
 * Finds the end of the image: the EOI that follows the scans. Inside entropy-coded data 0xFF is always
 * followed by 0x00 (stuffing) or RSTn, so a real marker is unambiguous. Marker segments between
 * progressive scans (DHT, SOS, ...) are stepped over by their length.
 */
function findScanEnd(input: Uint8Array, sosStart: number): number {
  const n = input.length;
  let i = sosStart;
  while (i + 1 < n) {
    if (input[i] !== 0xff) {
      i++;
      continue;
    }
    const next = input[i + 1]!;
    if (next === 0x00 || next === 0xff || isStandalone(next)) {
      i += next === 0xff ? 1 : 2;
      continue;
    }
    if (next === EOI) return i + 2;
    // A marker segment (SOS, DHT, DQT, DRI, COM...) between scans: its header is not entropy coded.
    if (i + 4 > n) return n;
    const length = (input[i + 2]! << 8) | input[i + 3]!;
    if (length < 2) return n;
    i += 2 + length;
  }
  return n;
}

/** EXIF orientation from the first EXIF APP1 segment, or null. Never throws. */
export function readJpegOrientation(input: Uint8Array): number | null {
  let layout: JpegLayout;
  try {
    layout = parseJpegLayout(input);
  } catch {
    return null;
  }
  for (const segment of layout.segments) {
    if (segment.marker === APP1 && startsWith(segment.payload, EXIF_HEADER)) {
      return readTiffOrientation(segment.payload.subarray(EXIF_HEADER.length));
    }
  }
  return null;
}

/** Why a segment is kept; everything else carries or may carry private data (EXIF, XMP, IPTC, comments, MPF, maker blobs). */
function keepSegment(segment: JpegSegment): boolean {
  const { marker, payload } = segment;
  if (marker === APP0) return startsWith(payload, JFIF_ID); // JFIF: density/aspect; JFXX thumbnails are dropped
  if (marker === APP2) return startsWith(payload, ICC_ID); // colour profile; MPF/FlashPix dropped
  if (marker === APP14) return startsWith(payload, ADOBE_ID); // colour transform, needed for CMYK/YCCK
  if (marker >= APP0 && marker <= 0xef) return false;
  if (marker === 0xfe) return false; // COM
  return true; // DQT, DHT, SOFn, DRI, DAC...: needed to decode
}

/** JFIF APP0 with its optional embedded thumbnail removed (that thumbnail may predate a crop). */
function cleanJfif(segment: JpegSegment): Uint8Array {
  const p = segment.payload;
  // payload: "JFIF\0", version(2), units(1), Xdensity(2), Ydensity(2), Xthumb(1), Ythumb(1), thumb...
  if (p.length < 14 || (p[12] === 0 && p[13] === 0 && p.length === 14)) {
    return segmentBytes(segment.marker, p);
  }
  const head = p.slice(0, 14);
  head[12] = 0;
  head[13] = 0;
  return segmentBytes(segment.marker, head);
}

function segmentBytes(marker: number, payload: Uint8Array): Uint8Array {
  const length = payload.length + 2;
  if (length > 0xffff) throw new JpegStructureError('segment too large');
  const out = new Uint8Array(length + 2);
  out[0] = 0xff;
  out[1] = marker;
  out[2] = length >> 8;
  out[3] = length & 0xff;
  out.set(payload, 4);
  return out;
}

/** An APP1 segment carrying only the Orientation tag. */
export function orientationApp1(orientation: number): Uint8Array {
  const tiff = buildOrientationTiff(orientation);
  const payload = new Uint8Array(EXIF_HEADER.length + tiff.length);
  payload.set(EXIF_HEADER, 0);
  payload.set(tiff, EXIF_HEADER.length);
  return segmentBytes(APP1, payload);
}

export interface JpegStripOptions {
  /**
   * Orientation to keep. Default: the original's EXIF orientation. When it is 2..8 a minimal APP1
   * holding only Orientation is written back, otherwise the copy would display rotated.
   */
  orientation?: number | null;
}

/**
 * Lossless metadata removal. Keeps JFIF APP0 (no thumbnail), ICC APP2, Adobe APP14 and all decoding
 * tables; drops the other APPn and COM, and anything after EOI (MPF secondary images and vendor
 * trailers, which can carry their own EXIF/GPS). Bytes from the first SOS to EOI are unchanged.
 * Throws JpegStructureError when the file cannot be walked.
 */
export function stripJpegMetadata(input: Uint8Array, options: JpegStripOptions = {}): Uint8Array {
  const layout = parseJpegLayout(input);
  const orientation =
    options.orientation === undefined ? readJpegOrientation(input) : (options.orientation ?? null);
  const parts: Uint8Array[] = [input.subarray(0, 2)];
  let rest = layout.segments;
  const first = rest[0];
  if (first && first.marker === APP0 && startsWith(first.payload, JFIF_ID)) {
    parts.push(cleanJfif(first)); // JFIF must stay first after SOI
    rest = rest.slice(1);
  }
  if (isValidOrientation(orientation) && orientation !== 1) parts.push(orientationApp1(orientation));
  for (const segment of rest) {
    if (!keepSegment(segment)) continue;
    parts.push(segment.marker === APP0 ? cleanJfif(segment) : input.subarray(segment.start, segment.end));
  }
  parts.push(input.subarray(layout.scanStart, layout.scanEnd));
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

/** The image data, first SOS to EOI (what must stay byte-identical), or null when unparsable. */
export function jpegScanData(input: Uint8Array): Uint8Array | null {
  try {
    const layout = parseJpegLayout(input);
    return input.subarray(layout.scanStart, layout.scanEnd);
  } catch {
    return null;
  }
}
