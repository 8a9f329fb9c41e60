import { describe, expect, it } from 'vitest';
import {
  detailAnisotropy,
  directionalDetail,
  exposure,
  flatShare,
  sampleSquare,
} from '../../src/core/image-stats';

// Deterministic pseudo-random numbers so the tests are stable.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
function noiseImage(n: number, amp: number, seed = 1): Float32Array {
  const r = rng(seed);
  const g = new Float32Array(n * n);
  for (let i = 0; i < g.length; i++) g[i] = 128 + (r() - 0.5) * 2 * amp;
  return g;
}
function boxBlur(g: Float32Array, n: number, radius: number, horizontalOnly = false): Float32Array {
  const out = new Float32Array(g.length);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      let s = 0;
      let c = 0;
      for (let dy = horizontalOnly ? 0 : -radius; dy <= (horizontalOnly ? 0 : radius); dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const xx = Math.min(n - 1, Math.max(0, x + dx));
          const yy = Math.min(n - 1, Math.max(0, y + dy));
          s += g[yy * n + xx]!;
          c++;
        }
      }
      out[y * n + x] = s / c;
    }
  }
  return out;
}

/** A face-like test crop: sharp-edged discs of many grey levels (lids, irises, nostrils, lips) over a
 * mid-grey ground, plus fine noise of +-`texture` levels (skin texture, sensor noise). */
function shapesImage(n: number, seed: number, texture: number): Float32Array {
  const r = rng(seed);
  const g = new Float32Array(n * n).fill(128);
  for (let k = 0; k < 14; k++) {
    const cx = r() * n;
    const cy = r() * n;
    const radius = 3 + r() * 8;
    const level = 40 + r() * 180;
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) if ((x - cx) ** 2 + (y - cy) ** 2 < radius ** 2) g[y * n + x] = level;
    }
  }
  const t = rng(seed + 99);
  for (let i = 0; i < g.length; i++) g[i]! += (t() - 0.5) * 2 * texture;
  return g;
}

describe('directionalDetail', () => {
  it('drops for blur and for one-directional (motion) blur', () => {
    for (const seed of [1, 2, 3]) {
      const sharp = shapesImage(96, seed, 4);
      const d0 = directionalDetail(sharp, 96, 96);
      expect(d0).toBeGreaterThan(0.45);
      // Two box passes = triangular kernel, closer to real defocus/motion blur than one box (no sidelobes).
      expect(directionalDetail(boxBlur(boxBlur(sharp, 96, 1), 96, 1), 96, 96)).toBeLessThan(d0 * 0.8);
      const motion = boxBlur(boxBlur(sharp, 96, 2, true), 96, 2, true);
      expect(directionalDetail(motion, 96, 96)).toBeLessThan(d0 * 0.75);
    }
  });
  it('reads the edges, not the fine texture a beauty filter smooths away', () => {
    for (const seed of [1, 2, 3]) {
      const textured = directionalDetail(shapesImage(96, seed, 4), 96, 96);
      expect(directionalDetail(shapesImage(96, seed, 0), 96, 96)).toBeGreaterThan(textured * 0.9);
    }
  });
  it('does not depend on contrast', () => {
    const a = noiseImage(48, 40, 7);
    const b = a.map((v) => 128 + (v - 128) * 0.25);
    expect(directionalDetail(b, 48, 48)).toBeCloseTo(directionalDetail(a, 48, 48), 5);
  });
});

describe('exposure', () => {
  it('reports mean and clipped share', () => {
    const g = new Float32Array([0, 0, 255, 128]);
    const e = exposure(g);
    expect(e.mean).toBeCloseTo((255 + 128) / 4 / 255);
    expect(e.clipped).toBeCloseTo(0.75);
  });
});

describe('flatShare', () => {
  it('separates a flat-filled cover from a noisy photographed skin patch', () => {
    const n = 32;
    const flat = new Float32Array(n * n * 3);
    const photo = new Float32Array(n * n * 3);
    const r = rng(3);
    for (let i = 0; i < n * n; i++) {
      const inside = i % n < n / 2;
      flat.set(inside ? [240, 200, 170] : [30, 30, 30], i * 3);
      const j = (r() - 0.5) * 12;
      photo.set([200 + j, 150 + j, 120 + j], i * 3);
    }
    expect(flatShare(flat, n, n)).toBeGreaterThan(0.8);
    expect(flatShare(photo, n, n)).toBeLessThan(0.05);
  });
});

describe('sampleSquare', () => {
  it('samples an RGBA image and rotates', () => {
    // 4x4 image: left half red, right half blue
    const data = new Uint8ClampedArray(4 * 4 * 4);
    for (let y = 0; y < 4; y++)
      for (let x = 0; x < 4; x++) data.set(x < 2 ? [255, 0, 0, 255] : [0, 0, 255, 255], (y * 4 + x) * 4);
    const img = { data, width: 4, height: 4 };
    const a = sampleSquare(img, 2, 2, 4, 0, 2);
    expect(a[0]).toBeGreaterThan(200); // top-left red
    expect(a[3 + 2]).toBeGreaterThan(200); // top-right blue
    const b = sampleSquare(img, 2, 2, 4, Math.PI, 2);
    expect(b[2]).toBeGreaterThan(200); // rotated 180 deg: top-left now blue
  });
  it('averages more source pixels with more taps (maxTaps caps the prefilter)', () => {
    // Random noise image sampled 64 -> 8 px: 4x4 taps average more of it than 1 tap, so less variance.
    const r = rng(7);
    const data = new Uint8ClampedArray(64 * 64 * 4);
    for (let i = 0; i < 64 * 64; i++) {
      const v = Math.round(r() * 255);
      data.set([v, v, v, 255], i * 4);
    }
    const img = { data, width: 64, height: 64 };
    const spread = (taps: number) => {
      const out = sampleSquare(img, 32, 32, 64, 0, 8, 0, 255, taps);
      const g = new Float32Array(64);
      for (let i = 0; i < 64; i++) g[i] = out[i * 3]!;
      let m = 0;
      for (const v of g) m += v / 64;
      let s2 = 0;
      for (const v of g) s2 += (v - m) ** 2 / 64;
      return Math.sqrt(s2);
    };
    expect(spread(4)).toBeLessThan(spread(2));
    expect(spread(2)).toBeLessThan(spread(1));
  });
});

describe('detailAnisotropy', () => {
  it('is near 1.5 for band-limited isotropic detail and large for a one-directional smear', () => {
    // Diagonal steps are normalised for smooth (band-limited) content, as face crops at 96 px are;
    // pixel-white noise would read 2.
    const g = noiseImage(64, 40, 3);
    const iso = detailAnisotropy(boxBlur(g, 64, 1), 64, 64);
    const smear = detailAnisotropy(boxBlur(g, 64, 4, true), 64, 64);
    expect(iso).toBeLessThan(1.6);
    expect(smear).toBeGreaterThan(3.2);
  });
});
