// The picture around a face as the document model sees it (pure): a window laid out in units of the
// face's size and turned with its eye line, so a portrait on a card reads the same at any distance,
// any size in the picture and any roll. An identity document's portrait sits at a fixed place on its
// card, with text lines beside it, a header above and a number or machine-readable lines below; what
// the model learns is that layout, not a size or a position in the picture.
import { addBilinear, luma, type RgbaLike } from './image-stats';

/** A face as the detector gives it: its box and its two eye keypoints (any order), in image px. */
export interface FaceAnchor {
  box: { x: number; y: number; width: number; height: number };
  eyes: readonly [readonly [number, number], readonly [number, number]];
}

/**
 * Window extent in face units (the detector box width) around the box centre. An ID-1 card (85.6 x 54
 * mm) with its portrait face ~14-16 mm wide spans ~5.5 x 3.5 units, an ID-3 passport page (125 x 88 mm)
 * with a ~20-22 mm face ~6 x 4.3; the portrait sits at either end, so the window reaches 6 units each
 * way, 3 up (header) and 4 down (machine-readable lines, number line).
 */
export const CROP_UNITS = { left: 6, right: 6, up: 3, down: 4 } as const;
/** Samples per face unit: a text line of a card (~0.15-0.2 units high) spans 1.5-2 samples. */
export const CROP_PER_UNIT = 10;
export const CROP_W = (CROP_UNITS.left + CROP_UNITS.right) * CROP_PER_UNIT;
export const CROP_H = (CROP_UNITS.up + CROP_UNITS.down) * CROP_PER_UNIT;
/** Channels: normalised luma, two chroma differences, and 1 where the window lies inside the picture. */
export const CROP_CHANNELS = 4;

/** Where a face's window lies: its centre (the box centre), face unit and rotation, in image px. */
export interface CropFrame {
  cx: number;
  cy: number;
  unit: number;
  angle: number;
}

export function cropFrame(face: FaceAnchor): CropFrame {
  const [a, b] = face.eyes[0][0] <= face.eyes[1][0] ? face.eyes : [face.eyes[1], face.eyes[0]];
  return {
    cx: face.box.x + face.box.width / 2,
    cy: face.box.y + face.box.height / 2,
    unit: face.box.width,
    angle: Math.atan2(b[1] - a[1], b[0] - a[0]),
  };
}

/** A point given in face units of a frame (x right along the eye line, y down), in image px. */
export function framePoint(frame: CropFrame, u: number, v: number): [number, number] {
  const cos = Math.cos(frame.angle);
  const sin = Math.sin(frame.angle);
  const x = u * frame.unit;
  const y = v * frame.unit;
  return [frame.cx + x * cos - y * sin, frame.cy + x * sin + y * cos];
}

/**
 * The model input for one face: CROP_H x CROP_W x CROP_CHANNELS floats (row-major, channels last).
 * Each sample averages up to 3 x 3 bilinear taps across its footprint, so a window much larger than
 * CROP_W px is not aliased. Luma is standardised over the samples inside the picture (exposure and
 * contrast of a photographed card vary); outside the picture every channel reads 0.
 */
export function documentCrop(img: RgbaLike, frame: CropFrame): Float32Array {
  const out = new Float32Array(CROP_W * CROP_H * CROP_CHANNELS);
  const { width, height } = img;
  const tap = new Float64Array(3);
  const step = frame.unit / CROP_PER_UNIT;
  const k = Math.max(1, Math.min(3, Math.round(step)));
  const cos = Math.cos(frame.angle);
  const sin = Math.sin(frame.angle);
  const x0u = -CROP_UNITS.left * frame.unit;
  const y0u = -CROP_UNITS.up * frame.unit;
  let sum = 0;
  let sum2 = 0;
  let inside = 0;
  for (let oy = 0; oy < CROP_H; oy++) {
    for (let ox = 0; ox < CROP_W; ox++) {
      tap.fill(0);
      let n = 0;
      for (let sy = 0; sy < k; sy++) {
        const v = y0u + (oy + (sy + 0.5) / k) * step;
        for (let sx = 0; sx < k; sx++) {
          const u = x0u + (ox + (sx + 0.5) / k) * step;
          const x = frame.cx + u * cos - v * sin - 0.5;
          const y = frame.cy + u * sin + v * cos - 0.5;
          if (x < -0.5 || y < -0.5 || x > width - 0.5 || y > height - 0.5) continue;
          addBilinear(img, x, y, tap);
          n++;
        }
      }
      // Inside when most of the footprint is: a sample half off the picture's edge reads as outside.
      if (n * 2 < k * k) continue;
      const r = tap[0]! / n;
      const g = tap[1]! / n;
      const b = tap[2]! / n;
      const lum = luma(r, g, b);
      const o = (oy * CROP_W + ox) * CROP_CHANNELS;
      out[o] = lum;
      out[o + 1] = (b - lum) / 64;
      out[o + 2] = (r - lum) / 64;
      out[o + 3] = 1;
      sum += lum;
      sum2 += lum * lum;
      inside++;
    }
  }
  if (inside > 0) {
    const mean = sum / inside;
    const sd = Math.sqrt(Math.max(0, sum2 / inside - mean * mean)) + 8;
    for (let i = 0; i < out.length; i += CROP_CHANNELS) {
      if (out[i + 3] === 1) out[i] = (out[i]! - mean) / sd;
    }
  }
  return out;
}
