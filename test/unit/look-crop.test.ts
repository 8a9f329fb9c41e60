import { describe, expect, it } from 'vitest';
import { LOOK_EYES, lookCrops } from '../../src/analysis/face-measures';
import type { RawFace } from '../../src/analysis/face-model';
import { LOOK_SIZE } from '../../src/analysis/photo-model';
import { MESH } from '../../src/core/pose';

const W = 400;
const H = 300;

/** A grey picture with a red square centred at (cx, cy), `r` px from centre to edge. */
function picture(cx: number, cy: number, r: number) {
  const data = new Uint8ClampedArray(W * H * 4).fill(128);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (Math.abs(x - cx) <= r && Math.abs(y - cy) <= r) data.set([255, 0, 0], (y * W + x) * 4);
    }
  }
  return { data, width: W, height: H };
}

/** A mesh with only the points the crop reads: eyes `eye` px apart around (cx, cy - eye/2), mouth below. */
function face(cx: number, cy: number, eye: number, turn = 0): RawFace {
  const mesh: Array<[number, number, number]> = Array.from({ length: 468 }, () => [cx, cy, 0]);
  const at = (dx: number, dy: number): [number, number, number] => [
    cx + dx * Math.cos(turn) - dy * Math.sin(turn),
    cy + dx * Math.sin(turn) + dy * Math.cos(turn),
    0,
  ];
  mesh[MESH.eyeLeftOuter] = at(-eye / 2 - 10, -eye / 2);
  mesh[MESH.eyeLeftInner] = at(-eye / 2 + 10, -eye / 2);
  mesh[MESH.eyeRightInner] = at(eye / 2 - 10, -eye / 2);
  mesh[MESH.eyeRightOuter] = at(eye / 2 + 10, -eye / 2);
  mesh[MESH.mouthLeft] = at(-15, eye / 2);
  mesh[MESH.mouthRight] = at(15, eye / 2);
  return {
    box: { x: 0, y: 0, width: 1, height: 1 },
    score: 1,
    keypoints: [],
    mesh,
    meshScore: 1,
    meshFrame: null,
    photoLogit: null,
    parts: null,
  };
}

const pixel = (crop: Float32Array, x: number, y: number) =>
  Array.from(crop.slice((y * LOOK_SIZE + x) * 3, (y * LOOK_SIZE + x) * 3 + 3));

describe('lookCrops (the face-look crop)', () => {
  it('is LOOK_SIZE square, centred between the eyes and the mouth, LOOK_EYES eye distances wide', () => {
    const eye = 40;
    const [crop] = lookCrops([face(200, 150, eye)], picture(200, 150, eye / 2), 1);
    expect(crop).toHaveLength(LOOK_SIZE * LOOK_SIZE * 3);
    const c = LOOK_SIZE / 2;
    expect(pixel(crop!, c, c)).toEqual([255, 0, 0]);
    // The red square spans one eye distance: 1/LOOK_EYES of the crop's side.
    const edge = LOOK_SIZE / LOOK_EYES / 2;
    expect(pixel(crop!, Math.round(c + edge - 3), c)).toEqual([255, 0, 0]);
    expect(pixel(crop!, Math.round(c + edge + 3), c)).toEqual([128, 128, 128]);
    // Whole levels, as the training stores them.
    expect(crop!.every((v) => Number.isInteger(v))).toBe(true);
  });

  it('turns with the eye line', () => {
    // A red bar right of the face centre, along the eye line; with the face turned a quarter the
    // crop still shows it to the right.
    const img = picture(-1000, -1000, 0);
    for (let y = 148; y <= 152; y++)
      for (let x = 200; x <= 260; x++) img.data.set([255, 0, 0], (y * W + x) * 4);
    const turned = picture(-1000, -1000, 0);
    for (let y = 150; y <= 210; y++)
      for (let x = 198; x <= 202; x++) turned.data.set([255, 0, 0], (y * W + x) * 4);
    const [flat] = lookCrops([face(200, 150, 40)], img, 1);
    const [quarter] = lookCrops([face(200, 150, 40, Math.PI / 2)], turned, 1);
    const right = Math.round(LOOK_SIZE / 2 + LOOK_SIZE / 8);
    expect(pixel(flat!, right, LOOK_SIZE / 2)).toEqual([255, 0, 0]);
    expect(pixel(quarter!, right, LOOK_SIZE / 2)).toEqual([255, 0, 0]);
  });

  it('reads a face in its sharper view when there is one, and has no crop without a mesh', () => {
    // The analysis image is half the original's size; the view re-reads (100, 50)-(300, 200) at full size.
    const view = { img: picture(100, 100, 40), k: 1, ox: 100, oy: 50 };
    const noMesh = { ...face(0, 0, 10), mesh: null };
    const [crop, none] = lookCrops([face(100, 75, 40), noMesh], picture(-1000, -1000, 0), 2, [view, null]);
    expect(pixel(crop!, LOOK_SIZE / 2, LOOK_SIZE / 2)).toEqual([255, 0, 0]);
    expect(none).toBeNull();
  });
});
