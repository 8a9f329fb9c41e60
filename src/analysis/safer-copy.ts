// "Safer copy" makers, run in an extension page (Chrome offscreen document, Firefox background page):
// a copy without metadata, and a copy with chosen faces covered. Lossless where the format allows;
// otherwise decoded and re-encoded through OffscreenCanvas (which writes no metadata at all).
import { type CoverOptions, type CoverStyle, coverFacesInPlace, type RgbaImage } from '../core/cover-faces';
import { detectFileKind, extensionForKind, type FileKind, kindFromNameOrMime } from '../core/file-kind';
import { JpegStructureError, stripJpegMetadata } from '../core/jpeg-metadata';
import { PngStructureError, stripPngMetadata } from '../core/png-metadata';
import type { Box } from '../core/verdict';
import { stripWebpMetadata, WebpStructureError } from '../core/webp-metadata';

export interface SaferCopy {
  bytes: Uint8Array;
  /** MIME type of bytes. */
  type: string;
  /** The original name, with the extension changed only when the format had to change. */
  name: string;
  /** True when the pixel data is byte-identical to the original. */
  lossless: boolean;
}

/** Why a copy could not be made; the UI shows "could not make a copy" (with the reason for logs). */
export type SaferCopyFailure = 'unsupported' | 'corrupt' | 'decode_failed' | 'encode_failed';

export class SaferCopyError extends Error {
  override name = 'SaferCopyError';
  constructor(
    readonly reason: SaferCopyFailure,
    message: string,
  ) {
    super(message);
  }
}

/** JPEG quality for re-encoded copies: high enough that a photo looks unchanged. */
export const JPEG_QUALITY = 0.95;

const MIME: Partial<Record<FileKind, string>> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

function asBytes(bytes: ArrayBuffer | Uint8Array): Uint8Array<ArrayBuffer> {
  // A fresh ArrayBuffer-backed copy only when needed (Blob and transfer reject SharedArrayBuffer views).
  if (bytes instanceof Uint8Array) {
    return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  }
  return new Uint8Array(bytes);
}

function kindOf(bytes: Uint8Array, type: string, name: string): FileKind {
  const kind = detectFileKind(bytes.subarray(0, 512));
  return kind !== 'unknown' ? kind : kindFromNameOrMime(name, type);
}

/** name with its extension replaced for a new format ("IMG_1.HEIC" -> "IMG_1.jpg"). */
export function renameForKind(name: string, kind: FileKind): string {
  const ext = extensionForKind(kind);
  if (ext === null) return name;
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  return `${base || 'image'}.${ext}`;
}

/** Decodes with EXIF orientation applied, so pixels are upright (the coordinate space of face boxes). */
export async function decodeImage(bytes: ArrayBuffer | Uint8Array, type: string): Promise<ImageBitmap> {
  const blob = new Blob([asBytes(bytes)], { type });
  try {
    return await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch (error) {
    // Older engines reject the 'from-image' enum value; their default already applies orientation.
    if (error instanceof TypeError) {
      try {
        return await createImageBitmap(blob);
      } catch (inner) {
        throw new SaferCopyError('decode_failed', String(inner));
      }
    }
    throw new SaferCopyError('decode_failed', String(error));
  }
}

function context(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new SaferCopyError('encode_failed', 'no 2D context');
  return ctx;
}

/** RGBA pixels of a bitmap (sRGB). */
export function bitmapToRgba(bitmap: ImageBitmap): RgbaImage {
  const ctx = context(bitmap.width, bitmap.height);
  ctx.drawImage(bitmap, 0, 0);
  const image = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  return { data: image.data, width: image.width, height: image.height };
}

/** JPEG has no alpha: composite on white, otherwise transparent areas turn black. */
function flattenOnWhite(img: RgbaImage): void {
  const d = img.data;
  for (let p = 3; p < d.length; p += 4) {
    const a = d[p]!;
    if (a === 255) continue;
    const f = a / 255;
    d[p - 3] = d[p - 3]! * f + 255 * (1 - f);
    d[p - 2] = d[p - 2]! * f + 255 * (1 - f);
    d[p - 1] = d[p - 1]! * f + 255 * (1 - f);
    d[p] = 255;
  }
}

/**
 * Encodes pixels with OffscreenCanvas (no metadata is written). Falls back to PNG when the engine
 * cannot write the type (e.g. WebP in some builds); the returned type says what was written.
 */
export async function encodeRgba(
  img: RgbaImage,
  type: string,
  quality = JPEG_QUALITY,
): Promise<{ bytes: Uint8Array; type: string }> {
  if (type === 'image/jpeg') flattenOnWhite(img);
  const ctx = context(img.width, img.height);
  ctx.putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), 0, 0);
  let blob: Blob;
  try {
    blob = await ctx.canvas.convertToBlob({ type, quality });
  } catch (error) {
    throw new SaferCopyError('encode_failed', String(error));
  }
  return { bytes: new Uint8Array(await blob.arrayBuffer()), type: blob.type || type };
}

/** Output format for a re-encoded copy: the same where canvases can write it, else PNG (lossless kinds) or JPEG. */
function outputMime(kind: FileKind, img: RgbaImage): string {
  const same = MIME[kind];
  if (same) return same;
  if (kind === 'gif' || kind === 'bmp') return 'image/png';
  // AVIF/HEIC/TIFF photos: JPEG, unless they use transparency.
  for (let p = 3; p < img.data.length; p += 4) if (img.data[p]! < 255) return 'image/png';
  return 'image/jpeg';
}

function kindOfMime(mime: string): FileKind {
  return mime === 'image/jpeg'
    ? 'jpeg'
    : mime === 'image/png'
      ? 'png'
      : mime === 'image/webp'
        ? 'webp'
        : 'unknown';
}

async function reencode(
  img: RgbaImage,
  kind: FileKind,
  name: string,
  originalType: string,
): Promise<SaferCopy> {
  const wanted = outputMime(kind, img);
  const out = await encodeRgba(img, wanted);
  const outKind = kindOfMime(out.type);
  const sameFormat = out.type === (MIME[kind] ?? originalType);
  return {
    bytes: out.bytes,
    type: out.type,
    name: sameFormat ? name : renameForKind(name, outKind),
    lossless: false,
  };
}

/**
 * A copy without metadata. JPEG, PNG and WebP losslessly (orientation kept as a lone EXIF tag);
 * BMP has none to remove; other decodable formats are re-encoded. Throws SaferCopyError.
 */
export async function stripMetadata(
  bytes: ArrayBuffer | Uint8Array,
  type: string,
  name: string,
): Promise<SaferCopy> {
  const input = asBytes(bytes);
  const kind = kindOf(input, type, name);
  try {
    if (kind === 'jpeg') return { bytes: stripJpegMetadata(input), type: 'image/jpeg', name, lossless: true };
    if (kind === 'png') return { bytes: stripPngMetadata(input), type: 'image/png', name, lossless: true };
    if (kind === 'webp') return { bytes: stripWebpMetadata(input), type: 'image/webp', name, lossless: true };
  } catch (error) {
    if (
      error instanceof JpegStructureError ||
      error instanceof PngStructureError ||
      error instanceof WebpStructureError
    ) {
      throw new SaferCopyError('corrupt', error.message);
    }
    throw error;
  }
  if (kind === 'bmp') return { bytes: input, type: 'image/bmp', name, lossless: true };
  // GIF would lose its animation through a canvas; SVG and unknown files are not photos we can decode.
  if (kind === 'gif' || kind === 'svg' || kind === 'unknown') {
    throw new SaferCopyError('unsupported', `cannot remove metadata from ${kind}`);
  }
  const bitmap = await decodeImage(input, type || (MIME[kind] ?? ''));
  try {
    return await reencode(bitmapToRgba(bitmap), kind, name, type);
  } finally {
    bitmap.close();
  }
}

/**
 * Covers the boxes (in upright pixel coordinates) and returns the pixels. Irreversible: see
 * core/cover-faces. A bitmap is read into new pixels; RgbaImage input is changed in place.
 */
export function blurFaces(
  source: ImageBitmap | RgbaImage,
  boxes: readonly Box[],
  style: CoverStyle,
  options: CoverOptions = {},
): RgbaImage {
  const img = 'data' in source ? source : bitmapToRgba(source);
  coverFacesInPlace(img, boxes, style, options);
  return img;
}

/**
 * A copy of the file with the chosen faces (and `areas`, exactly) covered: decoded upright, covered, re-encoded (JPEG at
 * JPEG_QUALITY, PNG stays PNG, WebP stays WebP where the engine can write it). Re-encoding writes no
 * metadata, and pixels are already upright so no orientation tag is needed. Throws SaferCopyError.
 */
export async function coverFacesCopy(
  bytes: ArrayBuffer | Uint8Array,
  type: string,
  name: string,
  boxes: readonly Box[],
  style: CoverStyle,
  options: CoverOptions = {},
  areas: readonly Box[] = [],
): Promise<SaferCopy> {
  const input = asBytes(bytes);
  const kind = kindOf(input, type, name);
  if (kind === 'svg' || kind === 'unknown') throw new SaferCopyError('unsupported', `cannot decode ${kind}`);
  const bitmap = await decodeImage(input, type || (MIME[kind] ?? ''));
  try {
    const img = blurFaces(bitmap, boxes, style, options);
    // Areas are covered as they are: no face margins around a document's portrait or number lines.
    coverFacesInPlace(img, areas, style, { ...options, margin: 0 });
    return await reencode(img, kind, name, type);
  } finally {
    bitmap.close();
  }
}
