import { describe, expect, it } from 'vitest';
import { type PartModel, partVisibility } from '../../src/core/part-visibility';

// Two parts on a 2 x 2 map of one channel: "top" reads the top row, "bottom" the bottom row.
const model: PartModel = {
  layers: ['layer'],
  parts: {
    top: { points: [0, 1], weight: [2], bias: -1 },
    bottom: { points: [2], weight: [-3], bias: 0 },
  },
};
const points: Array<[number, number]> = [
  [20, 25],
  [30, 25],
  [50, 75],
];

describe('partVisibility', () => {
  it('reads each part at the mean of its points and applies its read-out', () => {
    const map = { data: [1, 1, 0, 0], h: 2, w: 2, c: 1 };
    const p = partVisibility(model, [map], points, 100);
    expect(p.top).toBeCloseTo(1 / (1 + Math.exp(-(2 * 1 - 1))));
    expect(p.bottom).toBeCloseTo(0.5);
  });

  it('follows the features: a part whose features change reads differently', () => {
    const covered = partVisibility(model, [{ data: [0, 0, 1, 1], h: 2, w: 2, c: 1 }], points, 100);
    expect(covered.top).toBeLessThan(0.5);
    expect(covered.bottom).toBeLessThan(0.1);
  });
});
