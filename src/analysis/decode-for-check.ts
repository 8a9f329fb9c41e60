// Decodes an image for the check with the browser's own decoders: EXIF orientation applied, and
// downscaled to a pixel budget so a 20000x20000 PNG cannot exhaust memory. Big JPEGs are decoded
// straight to about that budget (ImageDecoder with a desired size); the rest are decoded whole and drawn
// down. Either way the original stays readable by region until the analysis releases it.

import { readImageSize } from '../core/image-size';
import { readJpegOrientation } from '../core/jpeg-metadata';
import { budgetScale, type Pixels, type RegionReader } from './analyze-pixels';

/** Beyond this many stored pixels we do not even try (a 20000x20000 PNG is 1.6 GB as RGBA). */
export const MAX_SOURCE_PIXELS = 120_000_000;

export class UncheckableImage extends Error {
  constructor(readonly reasonKey: 'reason_unknown_too_large' | 'reason_unknown_decode') {
    super(reasonKey);
  }
}

export interface DecodedForCheck {
  pixels: Pixels;
  /** Displayed size of the original (orientation applied). */
  width: number;
  height: number;
  /** Original px per analysed px (>= 1). */
  scale: number;
  /** Reads a region of the decoded original (for faces too small in `pixels`); valid until release(). */
  region: RegionReader;
  /** Closes the decoded original. */
  release: () => void;
}

export async function decodeForCheck(bytes: Uint8Array, type: string): Promise<DecodedForCheck> {
  const stored = readImageSize(bytes);
  // Refused from the header alone, before the decoder allocates anything.
  if (stored && stored.width * stored.height > MAX_SOURCE_PIXELS) {
    throw new UncheckableImage('reason_unknown_too_large');
  }
  const blob = new Blob([bytes as BlobPart], { type });
  const fast = stored && (await decodeScaledJpeg(bytes, blob, stored.width, stored.height));
  if (fast) return fast;
  let bitmap: ImageBitmap;
  try {
    // Decoded whole: asking createImageBitmap to resize costs more than scaling with drawImage below.
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw new UncheckableImage('reason_unknown_decode');
  }
  const { width, height } = bitmap;
  if (width * height > MAX_SOURCE_PIXELS) {
    bitmap.close();
    throw new UncheckableImage('reason_unknown_too_large');
  }
  const scale = budgetScale(width, height);
  let pixels: Pixels;
  try {
    pixels =
      (scale === 1 ? await bitmapPixels(bitmap) : null) ??
      draw(
        bitmap,
        0,
        0,
        width,
        height,
        Math.max(1, Math.round(width / scale)),
        Math.max(1, Math.round(height / scale)),
      );
  } catch (error) {
    bitmap.close();
    throw error;
  }
  return {
    pixels,
    width,
    height,
    scale,
    region: (x, y, w, h, outW, outH) => draw(bitmap, x, y, w, h, outW, outH),
    release: () => bitmap.close(),
  };
}

/** The decoder's 8-bit RGB layouts, which copyTo turns into RGBA as they are (JPEGs have no alpha). */
const RGB_FORMATS: ReadonlySet<string> = new Set(['RGBA', 'RGBX', 'BGRA', 'BGRX']);

/**
 * A decoded frame's pixels as RGBA, copied out without a canvas: at 1000x750 ~14 ms where drawing it on a
 * canvas and reading that back took ~33 (Chromium, one run of eight; the same bytes either way, checked on
 * photos with and without a colour profile). Null when the frame is in another layout (YUV) or the engine
 * cannot convert it: the caller draws it instead.
 */
async function framePixels(frame: VideoFrame): Promise<Pixels | null> {
  if (!frame.format || !RGB_FORMATS.has(frame.format)) return null;
  const width = frame.displayWidth;
  const height = frame.displayHeight;
  const data = new Uint8ClampedArray(width * height * 4);
  try {
    await frame.copyTo(data, { format: 'RGBA' });
  } catch {
    return null;
  }
  return { data, width, height };
}

/** Layouts without alpha: nothing for the white backdrop draw() gives transparent areas to show through. */
const OPAQUE_FORMATS: ReadonlySet<string> = new Set(['RGBX', 'BGRX']);

/**
 * An opaque bitmap within the budget, copied out as it is without a canvas: a 1155x866 JPEG's pixels in
 * ~16 ms where drawing and reading back took ~30 (Chromium, medians of ten). The same bytes, but for photos
 * with a Display P3 profile in Chromium: 0.4 % of them one level off (the colour conversion's rounding).
 * Null when it has alpha or the engine cannot: the caller draws it instead.
 */
async function bitmapPixels(bitmap: ImageBitmap): Promise<Pixels | null> {
  if (typeof VideoFrame === 'undefined') return null;
  let frame: VideoFrame;
  try {
    frame = new VideoFrame(bitmap, { timestamp: 0 });
  } catch {
    return null;
  }
  try {
    return frame.format && OPAQUE_FORMATS.has(frame.format) ? await framePixels(frame) : null;
  } finally {
    frame.close();
  }
}

/** Draws a rectangle of the bitmap at outW x outH and reads it back. */
function draw(
  bitmap: ImageBitmap | VideoFrame,
  x: number,
  y: number,
  w: number,
  h: number,
  outW: number,
  outH: number,
): Pixels {
  const canvas = new OffscreenCanvas(outW, outH);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  // Transparent areas read as white, the way a site shows them, not as black.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, outW, outH);
  // 'medium' (mipmapped) filters like a box average when shrinking; 'low' would alias skin noise into the
  // texture cues.
  ctx.imageSmoothingQuality = 'medium';
  ctx.drawImage(bitmap, x, y, w, h, 0, 0, outW, outH);
  return { data: ctx.getImageData(0, 0, outW, outH).data, width: outW, height: outH };
}

/**
 * Big JPEGs: WebCodecs' ImageDecoder decodes straight to (about) the analysis size when asked
 * (desiredWidth/Height: libjpeg-turbo scales by n/8 in the DCT domain, a proper low-pass), measured at
 * ~0.4-0.7x the time of the browser's own full-size createImageBitmap decode, where a full decode plus a
 * resize cost ~1.5-2x. The full
 * image is decoded only if a face turns out too small to measure at this size (see RegionReader). Only
 * for JPEGs without an EXIF rotation (the decoder's handling of it is not specified); null = not taken.
 */
async function decodeScaledJpeg(
  bytes: Uint8Array,
  blob: Blob,
  width: number,
  height: number,
): Promise<DecodedForCheck | null> {
  const scale = budgetScale(width, height);
  if (scale <= 1.5 || typeof ImageDecoder === 'undefined' || bytes[0] !== 0xff || bytes[1] !== 0xd8)
    return null;
  if ((readJpegOrientation(bytes) ?? 1) !== 1) return null;
  const outW = Math.max(1, Math.round(width / scale));
  const outH = Math.max(1, Math.round(height / scale));
  let pixels: Pixels;
  try {
    const decoder = new ImageDecoder({
      data: bytes,
      type: 'image/jpeg',
      desiredWidth: outW,
      desiredHeight: outH,
    });
    try {
      // A decoder that never answers (damaged data) must not hold the check: fall back after 5 s.
      const decoded = await Promise.race([
        decoder.decode(),
        new Promise<null>((r) => setTimeout(r, 5000, null)),
      ]);
      if (!decoded) return null;
      const { image } = decoded;
      try {
        // Chromium decodes at the largest n/8 scale that fits the desired size (4000x3000 asked for
        // 1265x949 gives 1000x750): that is analysed as it is. A decoder that ignored the request
        // (full size) is drawn down to the budget; one that went far below it is not used.
        const w = image.displayWidth;
        const h = image.displayHeight;
        if (w * 2.2 < outW || h * 2.2 < outH) return null;
        const fit = w <= outW && h <= outH;
        pixels = fit
          ? ((await framePixels(image)) ?? draw(image, 0, 0, w, h, w, h))
          : draw(image, 0, 0, w, h, outW, outH);
      } finally {
        image.close();
      }
    } finally {
      decoder.close();
    }
  } catch {
    return null;
  }
  let full: Promise<ImageBitmap> | null = null;
  return {
    pixels,
    width,
    height,
    scale: width / pixels.width,
    region: async (x, y, w, h, rw, rh) => {
      full ??= createImageBitmap(blob, { imageOrientation: 'from-image' });
      return draw(await full, x, y, w, h, rw, rh);
    },
    release: () => {
      full?.then((b) => b.close()).catch(() => undefined);
    },
  };
}
