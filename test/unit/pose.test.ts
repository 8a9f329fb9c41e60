import { describe, expect, it } from 'vitest';
import { eyesOpenness, fitPose, type P2, type P3, poseScore, TEMPLATE } from '../../src/core/pose';

// Projects the template after rotating it (yaw about y, then pitch about x, then roll in the image plane).
function project(yawDeg: number, pitchDeg: number, rollDeg: number, scale = 3, tx = 200, ty = 150): P2[] {
  const r = Math.PI / 180;
  const [cy, sy] = [Math.cos(yawDeg * r), Math.sin(yawDeg * r)];
  const [cp, sp] = [Math.cos(pitchDeg * r), Math.sin(pitchDeg * r)];
  const [cr, sr] = [Math.cos(rollDeg * r), Math.sin(rollDeg * r)];
  return TEMPLATE.map(({ p: [x, y, z] }) => {
    const x1 = x * cy + z * sy;
    const z1 = -x * sy + z * cy;
    const y2 = y * cp - z1 * sp;
    const u = x1 * cr - y2 * sr;
    const v = x1 * sr + y2 * cr;
    return [tx + scale * u, ty + scale * v] as P2;
  });
}
const model: P3[] = TEMPLATE.map((t) => t.p);

describe('fitPose', () => {
  it('reads a frontal face as ~0', () => {
    const p = fitPose(project(0, 0, 0), model);
    expect(Math.abs(p.yaw)).toBeLessThan(0.5);
    expect(Math.abs(p.pitch)).toBeLessThan(0.5);
    expect(Math.abs(p.roll)).toBeLessThan(0.5);
  });
  it('recovers yaw sign and size, including strong turns', () => {
    expect(fitPose(project(20, 0, 0), model).yaw).toBeCloseTo(20, 0);
    expect(fitPose(project(-40, 0, 0), model).yaw).toBeCloseTo(-40, 0);
  });
  it('recovers pitch (positive = looking up)', () => {
    expect(fitPose(project(0, 15, 0), model).pitch).toBeCloseTo(15, 0);
    expect(fitPose(project(0, -25, 0), model).pitch).toBeCloseTo(-25, 0);
  });
  it('separates roll from yaw', () => {
    const p = fitPose(project(25, 0, 30), model);
    expect(p.roll).toBeGreaterThan(25);
    expect(p.yaw).toBeGreaterThan(18);
    expect(p.yaw).toBeLessThan(32);
  });
  it('is scale and translation invariant', () => {
    const a = fitPose(project(15, 10, 0, 1, 0, 0), model);
    const b = fitPose(project(15, 10, 0, 20, 900, 40), model);
    expect(a.yaw).toBeCloseTo(b.yaw, 3);
    expect(a.pitch).toBeCloseTo(b.pitch, 3);
  });
});

describe('eyes and pose score', () => {
  it('scores OFIQ-style pose quality', () => {
    expect(poseScore(0)).toBeCloseTo(100);
    expect(poseScore(30)).toBeCloseTo(75);
    expect(poseScore(45)).toBeCloseTo(50);
  });
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
