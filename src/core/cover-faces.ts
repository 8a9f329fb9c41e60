// Irreversibly covers faces in RGBA pixels. PURE (works in Node tests and any browser context).
// 'blur' keeps only a coarse grid of mean colours (about 6x6 per face) and adds noise, so no identity
// information survives for a de-blurring model to recover; 'fill' paints an opaque rounded shape.
import type { Box } from './verdict';

export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export type CoverStyle = 'blur' | 'fill';

export interface CoverOptions {
  /** Extra share of the face box added on each side; the top gets 1.5x for the hairline. Default 0.25. */
  margin?: number;
  /** Colour of 'fill'. Default a neutral grey. */
  fillColor?: readonly [number, number, number];
  /** Grid cells along the longer side of a face for 'blur'. Default 6. */
  cells?: number;
  /** Noise amplitude (± levels) for 'blur'. Default 10. */
  noise?: number;
  /** Seed for the noise, for reproducible tests. */
  seed?: number;
}

/** Integer pixel bounds, end-exclusive. */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The face box grown to cover hairline to chin and ears, clipped to the image. */
export function expandFaceBox(box: Box, width: number, height: number, margin = 0.25): PixelRect {
  const mx = box.width * margin;
  const my = box.height * margin;
  return {
    x0: Math.max(0, Math.floor(box.x - mx)),
    y0: Math.max(0, Math.floor(box.y - my * 1.5)),
    x1: Math.min(width, Math.ceil(box.x + box.width + mx)),
    y1: Math.min(height, Math.ceil(box.y + box.height + my)),
  };
}

/**
 * Coverage 0..1 of a pixel centre by a rounded rectangle filling rect (corner radius 35% of the
 * shorter side), with a 1.5 px soft edge so the cover does not look like a pasted sticker.
 */
function roundedMask(rect: PixelRect, px: number, py: number): number {
  const w = rect.x1 - rect.x0;
  const h = rect.y1 - rect.y0;
  const r = Math.min(w, h) * 0.35;
  const cx = Math.min(Math.max(px, rect.x0 + r), rect.x1 - r);
  const cy = Math.min(Math.max(py, rect.y0 + r), rect.y1 - r);
  const dist = Math.hypot(px - cx, py - cy) - r; // <= 0 inside
  const feather = 1.5;
  if (dist <= -feather) return 1;
  if (dist >= 0) return 0;
  return -dist / feather;
}

/** Small deterministic PRNG (mulberry32): noise must not depend on Math.random for tests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mean RGBA of each grid cell of rect (area average over every pixel, nothing skipped). */
function cellMeans(img: RgbaImage, rect: PixelRect, gx: number, gy: number): Float64Array {
  const sums = new Float64Array(gx * gy * 5);
  const w = rect.x1 - rect.x0;
  const h = rect.y1 - rect.y0;
  for (let y = rect.y0; y < rect.y1; y++) {
    const cy = Math.min(gy - 1, Math.floor(((y - rect.y0) * gy) / h));
    for (let x = rect.x0; x < rect.x1; x++) {
      const cx = Math.min(gx - 1, Math.floor(((x - rect.x0) * gx) / w));
      const s = (cy * gx + cx) * 5;
      const p = (y * img.width + x) * 4;
      sums[s] = sums[s]! + img.data[p]!;
      sums[s + 1] = sums[s + 1]! + img.data[p + 1]!;
      sums[s + 2] = sums[s + 2]! + img.data[p + 2]!;
      sums[s + 3] = sums[s + 3]! + img.data[p + 3]!;
      sums[s + 4] = sums[s + 4]! + 1;
    }
  }
  const means = new Float64Array(gx * gy * 4);
  for (let c = 0; c < gx * gy; c++) {
    const n = sums[c * 5 + 4]! || 1;
    for (let k = 0; k < 4; k++) means[c * 4 + k] = sums[c * 5 + k]! / n;
  }
  return means;
}

function coverOne(
  img: RgbaImage,
  box: Box,
  style: CoverStyle,
  options: CoverOptions,
  random: () => number,
): void {
  const rect = expandFaceBox(box, img.width, img.height, options.margin ?? 0.25);
  const w = rect.x1 - rect.x0;
  const h = rect.y1 - rect.y0;
  if (w <= 0 || h <= 0) return;
  const { data, width } = img;
  if (style === 'fill') {
    const [r, g, b] = options.fillColor ?? [128, 132, 140];
    for (let y = rect.y0; y < rect.y1; y++) {
      for (let x = rect.x0; x < rect.x1; x++) {
        const a = roundedMask(rect, x + 0.5, y + 0.5);
        if (a === 0) continue;
        const p = (y * width + x) * 4;
        data[p] = data[p]! + (r - data[p]!) * a;
        data[p + 1] = data[p + 1]! + (g - data[p + 1]!) * a;
        data[p + 2] = data[p + 2]! + (b - data[p + 2]!) * a;
        data[p + 3] = data[p + 3]! + (255 - data[p + 3]!) * a;
      }
    }
    return;
  }
  // Blur: keep only a few mean colours, then interpolate them smoothly (bilinear between cell centres).
  const cells = Math.max(2, Math.round(options.cells ?? 6));
  const gx = w >= h ? cells : Math.max(2, Math.round((cells * w) / h));
  const gy = h >= w ? cells : Math.max(2, Math.round((cells * h) / w));
  const means = cellMeans(img, rect, gx, gy);
  const noise = options.noise ?? 10;
  for (let y = rect.y0; y < rect.y1; y++) {
    const fy = Math.min(gy - 1, Math.max(0, ((y + 0.5 - rect.y0) * gy) / h - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(gy - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = rect.x0; x < rect.x1; x++) {
      const a = roundedMask(rect, x + 0.5, y + 0.5);
      if (a === 0) continue;
      const fx = Math.min(gx - 1, Math.max(0, ((x + 0.5 - rect.x0) * gx) / w - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(gx - 1, x0 + 1);
      const tx = fx - x0;
      const p = (y * width + x) * 4;
      // One noise value for all channels: luminance grain, which also hides any residual gradient.
      const grain = (random() * 2 - 1) * noise;
      for (let k = 0; k < 4; k++) {
        const top = means[(y0 * gx + x0) * 4 + k]! * (1 - tx) + means[(y0 * gx + x1) * 4 + k]! * tx;
        const bottom = means[(y1 * gx + x0) * 4 + k]! * (1 - tx) + means[(y1 * gx + x1) * 4 + k]! * tx;
        const value = top * (1 - ty) + bottom * ty + (k < 3 ? grain : 0);
        data[p + k] = data[p + k]! + (value - data[p + k]!) * a;
      }
    }
  }
}

/** Covers each box in place (boxes in the image's pixel coordinates). */
export function coverFacesInPlace(
  img: RgbaImage,
  boxes: readonly Box[],
  style: CoverStyle,
  options: CoverOptions = {},
): void {
  if (img.data.length !== img.width * img.height * 4) throw new RangeError('RGBA data does not match size');
  const random = prng(options.seed ?? 0x9e3779b9);
  for (const box of boxes) {
    if (![box.x, box.y, box.width, box.height].every(Number.isFinite) || box.width <= 0 || box.height <= 0) {
      continue;
    }
    coverOne(img, box, style, options, random);
  }
}

/** A covered copy; the input is left untouched. Same size, pixels outside the grown boxes unchanged. */
export function coverFaces(
  img: RgbaImage,
  boxes: readonly Box[],
  style: CoverStyle,
  options: CoverOptions = {},
): RgbaImage {
  const copy: RgbaImage = { data: new Uint8ClampedArray(img.data), width: img.width, height: img.height };
  coverFacesInPlace(copy, boxes, style, options);
  return copy;
}
