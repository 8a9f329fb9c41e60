import { describe, expect, it } from 'vitest';
import { KEY_PARTS, partsInside } from '../../src/core/face-parts';
import type { P2 } from '../../src/core/pose';

/** A mesh whose key points lie on a 100 px wide face centred at (cx, cy). */
function face(cx: number, cy: number): P2[] {
  const points: P2[] = Array.from({ length: 468 }, () => [cx, cy] as P2);
  KEY_PARTS.forEach((index, k) => {
    points[index] = [cx - 50 + (k / (KEY_PARTS.length - 1)) * 100, cy - 30 + (k % 3) * 30];
  });
  return points;
}

describe('partsInside', () => {
  it('counts a face well inside the picture as whole', () => {
    expect(partsInside(face(200, 200), 400, 400)).toBe(1);
  });

  it('sees a face cut in half by the left border', () => {
    const share = partsInside(face(0, 200), 400, 400);
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.7);
  });

  it('sees the mouth lost under the bottom border', () => {
    expect(partsInside(face(200, 395), 400, 400)).toBeLessThan(1);
  });

  it('does not mind the chin or forehead outside the picture', () => {
    const points = face(200, 200);
    points[152] = [200, 500]; // chin
    points[10] = [200, -40]; // forehead
    expect(partsInside(points, 400, 400)).toBe(1);
  });
});
