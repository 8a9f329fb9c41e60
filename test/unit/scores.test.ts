import { describe, expect, it } from 'vitest';
import { realnessScore, sharpnessScore } from '../../src/core/scores';

const REAL = { meshScore: 1, detScore: 0.9, photo: 0.95 };

describe('sharpnessScore', () => {
  it('keeps a sharp still face and drops a motion-blurred one', () => {
    expect(sharpnessScore(0.55, 1.5)).toBeGreaterThan(0.9);
    expect(sharpnessScore(0.55, 5)).toBeLessThan(0.1);
    expect(sharpnessScore(0.28, 1.2)).toBeLessThan(0.1);
  });
});

describe('realnessScore', () => {
  it('passes a photographed face', () => {
    expect(realnessScore(REAL)).toBeGreaterThan(0.9);
  });
  it('takes the least real cue: art by the photo model, an animal by the mesh, an object by the detector', () => {
    expect(realnessScore({ ...REAL, photo: 0.2 })).toBe(0.2);
    expect(realnessScore({ ...REAL, meshScore: 0.7 })).toBeLessThan(0.5);
    expect(realnessScore({ ...REAL, detScore: 0.6 })).toBeLessThan(0.5);
  });
  it('leaves the photo cue out when no photo model ran (no trained models)', () => {
    const { photo: _, ...noModel } = REAL;
    expect(realnessScore(noModel)).toBe(realnessScore({ ...REAL, photo: 1 }));
  });
});
