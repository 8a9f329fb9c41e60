import { describe, expect, it } from 'vitest';
import { measureFaces } from '../../src/analysis/face-measures';
import { madeUpFace } from '../../src/analysis/rehearsal';

describe('madeUpFace (the rehearsal face)', () => {
  // The rehearsal warms the code a real face runs through: a degenerate mesh would take other paths.
  const W = 1250;
  const H = 938;
  const grey = { data: new Uint8ClampedArray(W * H * 4).fill(120), width: W, height: H };
  const [measured] = measureFaces([madeUpFace(W / 2, H / 2, H / 3)], grey, 1.6);

  it('is a frontal, level face, whole and inside the picture', () => {
    expect(Math.abs(measured!.pose.yaw)).toBeLessThan(2);
    expect(Math.abs(measured!.pose.pitch)).toBeLessThan(2);
    expect(Math.abs(measured!.pose.roll)).toBeLessThan(1);
    expect(measured!.partsInside).toBe(1);
  });

  it('is sized as asked: eyes about a third of the face height apart', () => {
    // The canonical face's eye centres are ~6.2 cm apart on an 18 cm face.
    expect(measured!.eyeDistance / 1.6).toBeGreaterThan((H / 3) * 0.28);
    expect(measured!.eyeDistance / 1.6).toBeLessThan((H / 3) * 0.42);
    expect(measured!.eyesOpen).toBeGreaterThan(0.5);
  });

  it('gives every pixel measure a number (a degenerate mesh gives NaN)', () => {
    const cues = Object.values(measured!.cues ?? {});
    expect(cues.length).toBeGreaterThan(3);
    for (const value of cues) expect(Number.isFinite(value)).toBe(true);
  });
});
