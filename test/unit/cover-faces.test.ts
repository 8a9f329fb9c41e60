import { describe, expect, it } from 'vitest';
import { coverFaces, expandFaceBox, type RgbaImage } from '../../src/core/cover-faces';
import type { Box } from '../../src/core/verdict';

/** High-detail test image: per-pixel noise over a gradient (worst case for hiding detail). */
function noisyImage(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  let seed = 7;
  for (let i = 0; i < width * height; i++) {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    const n = seed >>> 24;
    data[i * 4] = n;
    data[i * 4 + 1] = (n + i) & 0xff;
    data[i * 4 + 2] = 255 - n;
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

function luma(img: RgbaImage, x: number, y: number): number {
  const p = (y * img.width + x) * 4;
  return 0.299 * img.data[p]! + 0.587 * img.data[p + 1]! + 0.114 * img.data[p + 2]!;
}

/** Mean absolute Laplacian over a box: high-frequency detail. */
function detail(img: RgbaImage, b: Box): number {
  let sum = 0;
  let n = 0;
  for (let y = b.y + 1; y < b.y + b.height - 1; y++) {
    for (let x = b.x + 1; x < b.x + b.width - 1; x++) {
      sum += Math.abs(
        4 * luma(img, x, y) -
          luma(img, x - 1, y) -
          luma(img, x + 1, y) -
          luma(img, x, y - 1) -
          luma(img, x, y + 1),
      );
      n++;
    }
  }
  return sum / n;
}

function meanDiff(a: RgbaImage, b: RgbaImage, box: Box): number {
  let sum = 0;
  let n = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      sum += Math.abs(luma(a, x, y) - luma(b, x, y));
      n++;
    }
  }
  return sum / n;
}

/** Share of pixels in box whose luma moved by more than `levels`. */
function shareChanged(a: RgbaImage, b: RgbaImage, box: Box, levels: number): number {
  let changed = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++)
      if (Math.abs(luma(a, x, y) - luma(b, x, y)) > levels) changed++;
  }
  return changed / (box.width * box.height);
}

function changedOutside(a: RgbaImage, b: RgbaImage, inside: (x: number, y: number) => boolean): number {
  let changed = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      if (inside(x, y)) continue;
      const p = (y * a.width + x) * 4;
      for (let k = 0; k < 4; k++) if (a.data[p + k] !== b.data[p + k]) changed++;
    }
  }
  return changed;
}

const face: Box = { x: 60, y: 50, width: 60, height: 70 };

describe('coverFaces', () => {
  it.each(['blur', 'fill'] as const)('%s changes the face and nothing far outside it', (style) => {
    const img = noisyImage(200, 180);
    const before = new Uint8ClampedArray(img.data);
    const out = coverFaces(img, [face], style);
    expect(Buffer.from(img.data.buffer).equals(Buffer.from(before.buffer))).toBe(true); // input untouched
    expect(out.width).toBe(200);
    expect(out.height).toBe(180);
    expect(out.data.length).toBe(img.data.length);
    expect(meanDiff(img, out, face)).toBeGreaterThan(25);
    expect(shareChanged(img, out, face, 10)).toBeGreaterThan(0.8);
    const grown = expandFaceBox(face, 200, 180);
    const inGrown = (x: number, y: number) => x >= grown.x0 && x < grown.x1 && y >= grown.y0 && y < grown.y1;
    expect(changedOutside(img, out, inGrown)).toBe(0);
    // The margin covers forehead/hairline more than the chin.
    expect(face.y - grown.y0).toBeGreaterThan(grown.y1 - (face.y + face.height));
    expect(grown.x0).toBeLessThan(face.x - 10);
  });

  it('blur removes high-frequency detail (not a light pixelation)', () => {
    const img = noisyImage(200, 180);
    const out = coverFaces(img, [face], 'blur', { noise: 0 });
    expect(detail(out, face)).toBeLessThan(detail(img, face) * 0.02);
    // With the anti-restoration grain the detail is still just noise, far below the original's.
    const grainy = coverFaces(img, [face], 'blur');
    expect(detail(grainy, face)).toBeLessThan(detail(img, face) * 0.5);
  });

  it('blur of two different faces over the same background looks alike', () => {
    // Identity must not survive: two images that differ only inside the face give near-equal covers.
    const a = noisyImage(200, 180);
    const b = noisyImage(200, 180);
    for (let y = face.y; y < face.y + face.height; y++) {
      for (let x = face.x; x < face.x + face.width; x++) {
        const p = (y * 200 + x) * 4;
        b.data[p] = 255 - b.data[p]!; // a different "face" with the same overall colour statistics
        b.data[p + 2] = 255 - b.data[p + 2]!;
      }
    }
    const ca = coverFaces(a, [face], 'blur', { noise: 0 });
    const cb = coverFaces(b, [face], 'blur', { noise: 0 });
    expect(meanDiff(ca, cb, face)).toBeLessThan(meanDiff(a, b, face) * 0.25);
  });

  it('fill is opaque and solid in the core', () => {
    const img = noisyImage(200, 180);
    for (let p = 3; p < img.data.length; p += 4) img.data[p] = 0; // transparent image
    const out = coverFaces(img, [face], 'fill', { fillColor: [10, 20, 30] });
    const p = ((face.y + 35) * 200 + face.x + 30) * 4;
    expect(Array.from(out.data.subarray(p, p + 4))).toEqual([10, 20, 30, 255]);
  });

  it('handles boxes at or beyond the edges and bad boxes', () => {
    const img = noisyImage(100, 80);
    const out = coverFaces(
      img,
      [
        { x: -20, y: -10, width: 50, height: 50 },
        { x: 90, y: 70, width: 40, height: 40 },
        { x: 200, y: 200, width: 10, height: 10 },
        { x: Number.NaN, y: 0, width: 10, height: 10 },
        { x: 10, y: 10, width: 0, height: 10 },
      ],
      'blur',
    );
    expect(out.data.length).toBe(img.data.length);
    expect(meanDiff(img, out, { x: 0, y: 0, width: 25, height: 35 })).toBeGreaterThan(30);
    expect(() => coverFaces({ data: new Uint8ClampedArray(3), width: 1, height: 1 }, [], 'fill')).toThrow(
      RangeError,
    );
  });
});

describe("covering areas exactly (a document's portrait and number lines)", () => {
  it('changes every pixel inside the area and none outside it, with no face margins', () => {
    const img = noisyImage(120, 80);
    const area: Box = { x: 20, y: 30, width: 60, height: 12 };
    const out = coverFaces(img, [area], 'fill', { margin: 0 });
    let outsideChanged = 0;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const p = (y * img.width + x) * 4;
        const same = [0, 1, 2].every((k) => out.data[p + k] === img.data[p + k]);
        const inArea = x >= area.x && x < area.x + area.width && y >= area.y && y < area.y + area.height;
        if (!inArea && !same) outsideChanged++;
      }
    }
    expect(outsideChanged).toBe(0);
    // Away from the rounded corners the area is the fill colour.
    const p = (36 * img.width + 50) * 4;
    expect([out.data[p], out.data[p + 1], out.data[p + 2]]).toEqual([128, 132, 140]);
    // A blurred line keeps no detail a reader could use.
    const blurred = coverFaces(img, [area], 'blur', { margin: 0 });
    const inner = { x: area.x + 4, y: area.y + 3, width: area.width - 8, height: area.height - 6 };
    expect(detail(blurred, inner)).toBeLessThan(detail(img, inner) * 0.35);
  });
});
