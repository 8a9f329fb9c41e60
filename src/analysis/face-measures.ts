// Raw detections + pixels -> FaceMeasures, using the pure geometry and pixel modules.

import { partsInside } from '../core/face-parts';
import { headPose } from '../core/head-pose';
import {
  detailAnisotropy,
  directionalDetail,
  exposure,
  flatShare,
  type RgbaLike,
  sampleSquare,
  toGray,
  variance,
} from '../core/image-stats';
import { dist, eyeCentres, eyesOpenness, faceWidth, MESH, mid, type P2 } from '../core/pose';
import { faceScores, partCues } from '../core/scores';
import type { FaceMeasures } from '../core/verdict';
import type { RawFace } from './face-model';
import { LOOK_SIZE, photoProbability } from './photo-model';

/** Inner-face crop size for the pixel cues: fixed, so every cue is resolution-normalised. */
const CROP = 96;
/** Inner-face crop side in eye distances: outer eye corners to just past the mouth, little background. */
const CROP_EYES = 2;
/** Eye distance (px) at which the crop above is sampled 1:1; a face smaller than this in the analysis
 * image is re-read from the original (when it has more pixels) so its texture cues see real detail, not
 * an upscaled blur. */
const NATIVE_EYE = CROP / CROP_EYES;
/** Side of that re-read region, in eye distances: every patch measured below lies within ~2 eye
 * distances of the face centre. */
const REGION_EYES = 5;

/** The face-look crop (photo-model.ts): LOOK_SIZE px square, LOOK_EYES eye distances wide, turned with
 * the eye line and centred between the eyes and the mouth: eyes, nose, mouth and cheeks, little hair or
 * background. The training collects the same crop (training/node/collect-faces.mjs); its width was chosen
 * by grouped cross-validation (training/art/compare_crops.py, look_model.py). */
export const LOOK_EYES = 3;

/** Mesh cheek-to-cheek width -> Haar-style face width (the dataset's 112 px convention). */
// Median ratio measured on the dev set's labelled frontal faces: 1.2 (Haar boxes reach past the mesh's
// cheek contour points 234/454).
const HAAR_PER_MESH_WIDTH = 1.2;

function patchStd(img: RgbaLike, c: P2, side: number, angle: number): number {
  const rgb = sampleSquare(img, c[0], c[1], side, angle, 16);
  return Math.sqrt(variance(toGray(rgb)));
}

/** A face's region re-read from the original: its pixels and where they sit (original = px * k + o). */
export interface FaceView {
  img: RgbaLike;
  k: number;
  ox: number;
  oy: number;
}

/** Where a face is too small in the analysis image to be measured 1:1 (eyes under NATIVE_EYE apart)
 * while the original has more pixels: the original rectangle to re-read and the size to read it at. */
export function regionsToReread(
  faces: RawFace[],
  scale: number,
  original: { width: number; height: number },
): Array<{ x: number; y: number; w: number; h: number; outW: number; outH: number } | null> {
  return faces.map((f) => {
    if (!f.mesh) return null;
    const mesh: P2[] = f.mesh.map(([x, y]) => [x * scale, y * scale]);
    const [le, re] = eyeCentres(mesh);
    const eyeOrig = dist(le, re);
    const want = Math.max(1, eyeOrig / NATIVE_EYE);
    if (want >= scale * 0.9) return null;
    const c = mid(le, re);
    const half = (eyeOrig * REGION_EYES) / 2;
    const x = Math.max(0, Math.floor(c[0] - half));
    const y = Math.max(0, Math.floor(c[1] - half));
    const w = Math.min(original.width, Math.ceil(c[0] + half)) - x;
    const h = Math.min(original.height, Math.ceil(c[1] + half)) - y;
    if (w < 8 || h < 8) return null;
    return { x, y, w, h, outW: Math.max(1, Math.round(w / want)), outH: Math.max(1, Math.round(h / want)) };
  });
}

/** The face-look crop of a face whose landmarks are `m` in `img`'s pixels: LOOK_SIZE^2 RGB, 0..255. */
function lookCrop(img: RgbaLike, m: readonly P2[]): Float32Array {
  const [le, re] = eyeCentres(m);
  const centre = mid(mid(le, re), mid(m[MESH.mouthLeft]!, m[MESH.mouthRight]!));
  const roll = Math.atan2(re[1] - le[1], re[0] - le[0]);
  // Whole levels, as the training stored them (bytes).
  return sampleSquare(img, centre[0], centre[1], dist(le, re) * LOOK_EYES, roll, LOOK_SIZE).map(Math.round);
}

/** Where face `f` is measured: its sharper view or the analysis image, and its mesh in those pixels. */
function faceView(
  mesh: NonNullable<RawFace['mesh']>,
  img: RgbaLike,
  scale: number,
  view: FaceView | null | undefined,
) {
  const v = view ?? { img, k: scale, ox: 0, oy: 0 };
  const m: P2[] = mesh.map(([x, y]) => [(x * scale - v.ox) / v.k, (y * scale - v.oy) / v.k]);
  return { v, m };
}

/** Each meshed face's lookCrop, where it is measured (see measureFaces); null without a mesh. */
export function lookCrops(
  faces: RawFace[],
  img: RgbaLike,
  scale: number,
  views: Array<FaceView | null> = [],
): Array<Float32Array | null> {
  return faces.map((f, i) => {
    if (!f.mesh) return null;
    const { v, m } = faceView(f.mesh, img, scale, views[i]);
    return lookCrop(v.img, m);
  });
}

/**
 * @param img the analysis image; @param scale original px per analysis px; @param views per face, a
 * sharper re-read of its region (see regionsToReread) or null to measure it in `img`; @param looks per
 * face, the face-look part of its photo logit (face-model.ts lookLogits), or null.
 */
export function measureFaces(
  faces: RawFace[],
  img: RgbaLike,
  scale: number,
  views: Array<FaceView | null> = [],
  looks: Array<number | null> = [],
): FaceMeasures[] {
  const out: FaceMeasures[] = [];
  for (let i = 0; i < faces.length; i++) {
    const f = faces[i]!;
    const box = {
      x: f.box.x * scale,
      y: f.box.y * scale,
      width: f.box.width * scale,
      height: f.box.height * scale,
    };
    if (!f.mesh) {
      out.push({
        box,
        score: f.score,
        faceWidth: box.width,
        eyeDistance: f.keypoints[0] && f.keypoints[1] ? dist(f.keypoints[0], f.keypoints[1]) * scale : 0,
        pose: { yaw: 0, pitch: 0, roll: 0 },
        eyesOpen: 0,
        sharpness: 0,
        exposure: { mean: 0, clipped: 0 },
        occlusion: 0,
        realness: 0,
        photo: 0,
        partsInside: 1,
        landmarks: f.keypoints.map(([x, y]) => [x * scale, y * scale]),
        meshScore: 0,
      });
      continue;
    }
    const { v, m } = faceView(f.mesh, img, scale, views[i]);
    const look = looks[i];
    const photo = f.photoLogit === null || look == null ? null : photoProbability(f.photoLogit, look);
    const measured = measureMeshed(f, m, v.img, v.k, v.ox, v.oy, box, photo);
    // Judged on the whole analysis image: a re-read region ends where the face's surroundings end.
    measured.partsInside = partsInside(f.mesh, img.width, img.height);
    out.push(measured);
  }
  return out;
}

/** Measures one face with landmarks `m` in `img`'s pixels; original = img px * k + (ox, oy). */
function measureMeshed(
  f: RawFace,
  m: P2[],
  img: RgbaLike,
  k: number,
  ox: number,
  oy: number,
  box: FaceMeasures['box'],
  photoProb: number | null,
): FaceMeasures {
  const pose = headPose(f.mesh!);
  const [le, re] = eyeCentres(m);
  const eyeDist = dist(le, re);
  const roll = Math.atan2(re[1] - le[1], re[0] - le[0]);
  const mouth = mid(m[MESH.mouthLeft]!, m[MESH.mouthRight]!);
  const centre = mid(mid(le, re), mouth);
  const rgb = sampleSquare(img, centre[0], centre[1], eyeDist * CROP_EYES, roll, CROP);
  const gray = toGray(rgb);
  const ddetail = directionalDetail(gray, CROP, CROP);
  const aniso = detailAnisotropy(gray, CROP, CROP);
  const tight = sampleSquare(img, centre[0], centre[1], eyeDist * 1.5, roll, 64);
  const exp = exposure(gray);
  // Eye patches: real open eyes show dark iris against sclera and lids (high local contrast); a bar,
  // stroke or block over them leaves a flat patch.
  const eyeSide = eyeDist * 0.45;
  const eyeStd = Math.min(patchStd(img, le, eyeSide, roll), patchStd(img, re, eyeSide, roll));
  // Only cues a score uses are kept (see scores.ts); each costs time on every face.
  const raw: Record<string, number> = {
    ddetail,
    aniso,
    tflat: flatShare(tight, 64, 64),
    eyeStd,
    meshScore: f.meshScore,
    detScore: f.score,
    ...(photoProb === null ? {} : { photo: photoProb }),
    ...(f.parts === null ? {} : partCues(f.parts)),
  };
  const { sharpness: sharp, occlusion, realness, photo } = faceScores(raw);
  const keep = [
    MESH.eyeLeftOuter,
    MESH.eyeLeftInner,
    MESH.eyeRightInner,
    MESH.eyeRightOuter,
    MESH.noseTip,
    MESH.mouthLeft,
    MESH.mouthRight,
    MESH.chin,
    MESH.forehead,
    MESH.cheekLeft,
    MESH.cheekRight,
  ];
  return {
    box,
    score: f.score,
    faceWidth: faceWidth(m) * HAAR_PER_MESH_WIDTH * k,
    eyeDistance: eyeDist * k,
    pose,
    eyesOpen: eyesOpenness(m),
    sharpness: sharp,
    exposure: exp,
    occlusion,
    realness,
    photo,
    partsInside: 1,
    landmarks: keep.map((i) => [m[i]![0] * k + ox, m[i]![1] * k + oy]),
    meshScore: f.meshScore,
    cues: { ...raw, sharp, realness, occlusion },
  };
}
