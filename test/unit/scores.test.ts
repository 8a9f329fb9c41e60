import { describe, expect, it } from 'vitest';
import { eyeScore, realnessScore, sharpnessScore } from '../../src/core/scores';

const REAL = {
  meshScore: 1,
  detScore: 0.9,
  flat: 0,
  chroma: 0.25,
  skin: 0.9,
  eyeAspectMin: 0.3,
  eyeDark: 0.2,
  eyeBright: 1.0,
  eyeBrightSatMin: 0.4,
};

describe('sharpnessScore', () => {
  it('keeps a sharp still face and drops a motion-blurred one', () => {
    expect(sharpnessScore(0.55, 1.5)).toBeGreaterThan(0.9);
    expect(sharpnessScore(0.55, 5)).toBeLessThan(0.1);
    expect(sharpnessScore(0.28, 1.2)).toBeLessThan(0.1);
  });
});

describe('eyeScore / realnessScore', () => {
  it('passes a photographed face', () => {
    expect(eyeScore(REAL, false)).toBe(1);
    expect(realnessScore(REAL)).toBeGreaterThan(0.9);
  });
  it('rejects an open eye without a dark pupil (sculpture)', () => {
    expect(realnessScore({ ...REAL, eyeDark: 0.8 })).toBeLessThan(0.5);
  });
  it('does not judge pupils or sclera on closed eyes', () => {
    expect(realnessScore({ ...REAL, eyeAspectMin: 0.1, eyeDark: 0.8, eyeBright: 0.1 })).toBeGreaterThan(0.9);
  });
  it('rejects a lit eye whose brightest part is as coloured as the skin (no white sclera)', () => {
    expect(realnessScore({ ...REAL, eyeBrightSatMin: 1.1 })).toBeLessThan(0.5);
    // In shadow the sclera picks up skin-coloured light: not judged.
    expect(realnessScore({ ...REAL, eyeBright: 0.6, eyeBrightSatMin: 1.1 })).toBeGreaterThan(0.9);
    // Black-and-white photos: saturation is meaningless.
    expect(realnessScore({ ...REAL, chroma: 0.01, eyeBrightSatMin: 1.5 })).toBeGreaterThan(0.9);
  });
  it('rejects an open eye with no visible sclera at all (animal, doll)', () => {
    expect(realnessScore({ ...REAL, eyeBright: 0.15 })).toBeLessThan(0.5);
  });
  it('keeps older cue sets working (no eye cues measured)', () => {
    const { eyeDark: _a, eyeBright: _b, eyeBrightSatMin: _c, ...old } = REAL;
    expect(realnessScore(old)).toBeGreaterThan(0.9);
  });
});
