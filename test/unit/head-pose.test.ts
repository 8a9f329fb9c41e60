import { describe, expect, it } from 'vitest';
import { CANONICAL_FACE } from '../../src/core/canonical-face';
import { headPose, RIGID_POINTS } from '../../src/core/head-pose';
import type { P3 } from '../../src/core/pose';

const R = Math.PI / 180;

/**
 * The canonical face tilted by roll, nodded by pitch, then turned by yaw about the vertical axis (the
 * forward axis ends up `yaw` to the side and `pitch` up), as FaceMesh would report it: image pixels
 * with y down, depth with smaller = nearer, at `scale` px per unit, shifted.
 */
function posed(yaw: number, pitch: number, roll: number, scale = 0.02, shift = [300, 200]): P3[] {
  const out: P3[] = [];
  for (let i = 0; i < 468; i++) {
    let x = CANONICAL_FACE[i * 3]!;
    let y = CANONICAL_FACE[i * 3 + 1]!;
    let z = CANONICAL_FACE[i * 3 + 2]!;
    // Roll: positive is clockwise in the image, i.e. counter-clockwise with y up.
    [x, y] = [
      x * Math.cos(-roll * R) - y * Math.sin(-roll * R),
      x * Math.sin(-roll * R) + y * Math.cos(-roll * R),
    ];
    // Pitch: positive lifts the forward axis towards +y (up).
    [y, z] = [
      y * Math.cos(pitch * R) + z * Math.sin(pitch * R),
      -y * Math.sin(pitch * R) + z * Math.cos(pitch * R),
    ];
    // Yaw: positive turns the forward axis towards +x (the image right).
    [x, z] = [x * Math.cos(yaw * R) + z * Math.sin(yaw * R), -x * Math.sin(yaw * R) + z * Math.cos(yaw * R)];
    out.push([x * scale + shift[0]!, -y * scale + shift[1]!, -z * scale]);
  }
  return out;
}

describe('headPose', () => {
  it('reads a frontal canonical face as 0, 0, 0', () => {
    const p = headPose(posed(0, 0, 0));
    expect(p.yaw).toBeCloseTo(0, 5);
    expect(p.pitch).toBeCloseTo(0, 5);
    expect(p.roll).toBeCloseTo(0, 5);
  });

  it.each([
    [30, 0, 0],
    [-45, 0, 0],
    [0, 20, 0],
    [0, -30, 0],
    [0, 0, 25],
    [25, -15, 10],
    [-60, 20, -20],
  ])('recovers yaw %d, pitch %d, roll %d whatever the scale and position', (yaw, pitch, roll) => {
    for (const [scale, shift] of [
      [0.02, [300, 200]],
      [0.004, [40, 900]],
    ] as const) {
      const p = headPose(posed(yaw, pitch, roll, scale, [...shift]));
      expect(p.yaw).toBeCloseTo(yaw, 3);
      expect(p.pitch).toBeCloseTo(pitch, 3);
      expect(p.roll).toBeCloseTo(roll, 3);
    }
  });

  it('is not moved by an open mouth: the jaw is not among the rigid points', () => {
    const face = posed(10, 5, 0);
    const open = face.map(([x, y, z], i) =>
      CANONICAL_FACE[i * 3 + 1]! < -4400 ? ([x, y + 20, z] as P3) : [x, y, z],
    );
    const a = headPose(face);
    const b = headPose(open as P3[]);
    expect(b.yaw).toBeCloseTo(a.yaw, 6);
    expect(b.pitch).toBeCloseTo(a.pitch, 6);
  });

  it('uses the face above the mouth and in front of the outline', () => {
    expect(RIGID_POINTS.length).toBeGreaterThan(150);
    for (const i of [1, 4, 33, 133, 263, 362, 10]) expect(RIGID_POINTS).toContain(i);
    for (const i of [152, 234, 454, 14, 17]) expect(RIGID_POINTS).not.toContain(i);
  });
});
