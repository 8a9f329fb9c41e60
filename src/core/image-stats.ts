// Pixel statistics on plain arrays (no DOM): resampling, sharpness, exposure and the cues behind the
// "realness" score. Crops are Float32Array RGB (3 values per pixel, 0..255) of size w x h.

export interface RgbaLike {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

/**
 * Adds the bilinear RGB sample of an RGBA image at (x, y) to acc[0..2]. Coordinates are in pixel-index
 * space (pixel i's centre at i); within one pixel beyond an edge, the edge pixels are used. The caller
 * keeps (x, y) in [-1, width) x [-1, height).
 */
export function addBilinear(img: RgbaLike, x: number, y: number, acc: Float64Array): void {
  const { data, width, height } = img;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const xa = x0 < 0 ? 0 : x0;
  const xb = x0 + 1 >= width ? width - 1 : x0 + 1;
  const ya = y0 < 0 ? 0 : y0;
  const yb = y0 + 1 >= height ? height - 1 : y0 + 1;
  const i00 = (ya * width + xa) * 4;
  const i01 = (ya * width + xb) * 4;
  const i10 = (yb * width + xa) * 4;
  const i11 = (yb * width + xb) * 4;
  const w00 = (1 - fx) * (1 - fy);
  const w01 = fx * (1 - fy);
  const w10 = (1 - fx) * fy;
  const w11 = fx * fy;
  for (let c = 0; c < 3; c++)
    acc[c]! += data[i00 + c]! * w00 + data[i01 + c]! * w01 + data[i10 + c]! * w10 + data[i11 + c]! * w11;
}

/**
 * Samples a size x size RGB square from an RGBA image through centre (cx, cy), side length `side` (source
 * px) and rotation `angle` (radians, the square's x axis direction). Each output pixel averages k x k
 * bilinear taps (k ~ source px per output px, at most `maxTaps`) so large faces are not aliased. The
 * measures use 4 (texture cues must not see aliased noise); model inputs use 2, which already spans ~4
 * source px per output px, enough prefiltering for a CNN, at a quarter of the cost.
 * Output values are mapped 0..255 -> lo..hi; outside the image reads as black.
 */
export function sampleSquare(
  img: RgbaLike,
  cx: number,
  cy: number,
  side: number,
  angle: number,
  size: number,
  lo = 0,
  hi = 255,
  maxTaps = 4,
): Float32Array {
  const out = new Float32Array(size * size * 3);
  const step = side / size;
  const k = Math.max(1, Math.min(maxTaps, Math.round(step)));
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const { width, height } = img;
  const scale = (hi - lo) / 255;
  const half = side / 2;
  const tap = new Float64Array(3);
  for (let oy = 0; oy < size; oy++) {
    for (let ox = 0; ox < size; ox++) {
      tap.fill(0);
      for (let sy = 0; sy < k; sy++) {
        const v = (oy + (sy + 0.5) / k) * step - half;
        for (let sx = 0; sx < k; sx++) {
          const u = (ox + (sx + 0.5) / k) * step - half;
          const x = cx + u * cos - v * sin - 0.5;
          const y = cy + u * sin + v * cos - 0.5;
          if (x < -1 || x >= width || y < -1 || y >= height) continue;
          addBilinear(img, x, y, tap);
        }
      }
      const n = k * k;
      const o = (oy * size + ox) * 3;
      out[o] = lo + (tap[0]! / n) * scale;
      out[o + 1] = lo + (tap[1]! / n) * scale;
      out[o + 2] = lo + (tap[2]! / n) * scale;
    }
  }
  return out;
}

/** Rec. 601 luma of one RGB colour. */
export const luma = (r: number, g: number, b: number): number => 0.299 * r + 0.587 * g + 0.114 * b;

/** Rec. 601 luma of an RGB crop. */
export function toGray(rgb: Float32Array): Float32Array {
  const n = rgb.length / 3;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = luma(rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!);
  return out;
}

export function variance(a: Float32Array): number {
  if (!a.length) return 0;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < a.length; i++) {
    s += a[i]!;
    s2 += a[i]! * a[i]!;
  }
  const m = s / a.length;
  return Math.max(0, s2 / a.length - m * m);
}

export function quantile(a: ArrayLike<number>, q: number): number {
  const s = Array.from(a).sort((x, y) => x - y);
  if (!s.length) return 0;
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))]!;
}

/** The four directions fine detail is measured along: horizontal, vertical and both diagonals. */
const DIRECTIONS = [
  [1, 0],
  [0, 1],
  [1, 1],
  [1, -1],
] as const;

/** Sum of |second difference| at `step` px along (dx, dy), over pixels at least `margin` px inside. */
function secondDifference(
  gray: Float32Array,
  w: number,
  h: number,
  [dx, dy]: readonly [number, number],
  step: number,
  margin: number,
): number {
  const d = step * (dy * w + dx);
  let sum = 0;
  for (let y = margin; y < h - margin; y++) {
    for (let x = margin; x < w - margin; x++) {
      const i = y * w + x;
      sum += Math.abs(2 * gray[i]! - gray[i + d]! - gray[i - d]!);
    }
  }
  return sum;
}

/** Share of pixels, by their coarse-scale response, over which the directional detail ratio is read. */
const STRUCTURE_SHARE = 0.2;

/**
 * Directional detail ratio: for each of 4 directions, |second difference| at 3 px spacing over the same
 * at 6 px spacing (a smooth ramp gives 0.25, white noise 1), summed over the fifth of pixels with the
 * strongest 6 px response: the face's structure (lids, irises, brows, lips, nostrils, hairline). Blur
 * removes the finer band first; motion blur removes it along one direction only, so the minimum over
 * directions catches both. Contrast and exposure cancel out.
 * Why the structure only: low-contrast skin texture is what beauty filters smooth away and what JPEG
 * blocking adds, neither of which changes how usable the face is; over the whole crop a skin-smoothed
 * sharp face read as blurred (and a blurred one re-saved at quality 30 read nearly as sharp).
 * Why 3 px: on the 96 px face crop (eyes 48 px apart) that is the finest detail face-swap models resolve,
 * and JPEG ringing, which lifts a 1 px band as if it were detail, barely reaches it.
 */
export function directionalDetail(gray: Float32Array, w: number, h: number): number {
  let worst = Infinity;
  for (const direction of DIRECTIONS) worst = Math.min(worst, structureDetail(gray, w, h, direction));
  return Number.isFinite(worst) ? worst : 0;
}

/** Histogram bins per grey level of 6 px response (|second difference| spans 0..510). */
const BINS_PER_LEVEL = 4;
const BINS = 510 * BINS_PER_LEVEL + 1;
const binCount = new Uint32Array(BINS);
const binFine = new Float64Array(BINS);
const binCoarse = new Float64Array(BINS);

/** 3 px over 6 px detail along one direction, over the pixels with the strongest 6 px response: one pass
 * fills a histogram of that response (with each bin's sums), then the top bins are taken down to
 * STRUCTURE_SHARE of the pixels (the last bin whole), so no per-pixel array is sorted. */
function structureDetail(
  gray: Float32Array,
  w: number,
  h: number,
  [dx, dy]: readonly [number, number],
): number {
  const margin = 6;
  const d3 = 3 * (dy * w + dx);
  const d6 = 2 * d3;
  binCount.fill(0);
  binFine.fill(0);
  binCoarse.fill(0);
  let n = 0;
  for (let y = margin; y < h - margin; y++) {
    for (let x = margin; x < w - margin; x++) {
      const i = y * w + x;
      const c2 = 2 * gray[i]!;
      const fine = Math.abs(c2 - gray[i + d3]! - gray[i - d3]!);
      const coarse = Math.abs(c2 - gray[i + d6]! - gray[i - d6]!);
      const bin = Math.min(BINS - 1, Math.floor(coarse * BINS_PER_LEVEL));
      binCount[bin]!++;
      binFine[bin]! += fine;
      binCoarse[bin]! += coarse;
      n++;
    }
  }
  const want = n * STRUCTURE_SHARE;
  let taken = 0;
  let f = 0;
  let c = 0;
  for (let bin = BINS - 1; bin >= 0 && taken < want; bin--) {
    taken += binCount[bin]!;
    f += binFine[bin]!;
    c += binCoarse[bin]!;
  }
  return c > 1e-6 ? f / c : 0;
}

/** Mean luminance 0..1 and share of near-black or near-white pixels. */
export function exposure(gray: Float32Array): { mean: number; clipped: number } {
  let s = 0;
  let c = 0;
  for (let i = 0; i < gray.length; i++) {
    const v = gray[i]!;
    s += v;
    if (v <= 8 || v >= 247) c++;
  }
  const n = gray.length || 1;
  return { mean: s / n / 255, clipped: c / n };
}

/**
 * Share of pixels whose 3x3 neighbourhood is almost constant (< 1.5 grey levels). Camera sensors add noise
 * and skin has pores, so a photographed face is almost never flat; a bar, block, sticker or flat-filled
 * cover over it is.
 */
export function flatShare(rgb: Float32Array, w: number, h: number): number {
  const gray = toGray(rgb);
  let flat = 0;
  let total = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      let mn = Infinity;
      let mx = -Infinity;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const v = gray[i + dy * w + dx]!;
          if (v < mn) mn = v;
          if (v > mx) mx = v;
        }
      }
      if (mx - mn < 1.5) flat++;
      total++;
    }
  }
  return total ? flat / total : 0;
}

/** Anisotropy of fine detail: max over min of the 1 px second-difference energy over 4 directions.
 * Motion blur smears along one direction only, so its crop has a much larger ratio than a sharp face. */
export function detailAnisotropy(gray: Float32Array, w: number, h: number): number {
  // Diagonal steps are sqrt(2) longer: normalise to the same spatial frequency scale.
  const e = DIRECTIONS.map((direction) => {
    const fine = secondDifference(gray, w, h, direction, 1, 1);
    return direction[0] !== 0 && direction[1] !== 0 ? fine / 2 : fine;
  });
  const mn = Math.min(...e);
  return mn > 1e-6 ? Math.max(...e) / mn : 1;
}
