import { describe, expect, it } from 'vitest';
import { eyesOpenness, type P2 } from '../../src/core/pose';

describe('eye geometry', () => {
  it('reads a closed eye as closed', () => {
    const mesh: P2[] = Array.from({ length: 468 }, () => [0, 0] as P2);
    const set = (i: number, x: number, y: number) => {
      mesh[i] = [x, y];
    };
    // image-left eye 30 px wide, 9 px open; image-right eye 30 px wide, 1 px open
    set(33, 0, 0);
    set(133, 30, 0);
    set(159, 15, -4.5);
    set(145, 15, 4.5);
    set(362, 60, 0);
    set(263, 90, 0);
    set(386, 75, -0.5);
    set(374, 75, 0.5);
    expect(eyesOpenness(mesh)).toBeLessThan(0.2);
    set(386, 75, -4.5);
    set(374, 75, 4.5);
    expect(eyesOpenness(mesh)).toBe(1);
  });
});
