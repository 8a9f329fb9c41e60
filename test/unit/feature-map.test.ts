import { describe, expect, it } from 'vitest';
import { featuresAt } from '../../src/core/feature-map';

// A 2 x 2 map with 2 channels: channel 0 is the cell's column, channel 1 its row (times 10).
const map = [0, 0, 1, 0, 0, 10, 1, 10];

describe('featuresAt', () => {
  it('reads a cell at its centre', () => {
    expect(Array.from(featuresAt(map, 2, 2, 2, 100, 25, 25))).toEqual([0, 0]);
    expect(Array.from(featuresAt(map, 2, 2, 2, 100, 75, 75))).toEqual([1, 10]);
  });

  it('interpolates between cell centres', () => {
    const [col, row] = featuresAt(map, 2, 2, 2, 100, 50, 37.5);
    expect(col).toBeCloseTo(0.5);
    expect(row).toBeCloseTo(2.5);
  });

  it('reads the edge cell outside the centres', () => {
    expect(Array.from(featuresAt(map, 2, 2, 2, 100, -30, 130))).toEqual([0, 10]);
  });
});
