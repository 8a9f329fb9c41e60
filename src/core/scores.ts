// Raw measured cues -> 0..1 scores (pure). Each score is 0.5 exactly at its decision threshold, so the
// risk rules can compare against 0.5 and the UI can show a meaningful bar.

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
/** Linear ramp through 0.5 at `at`, reaching 0/1 at +-`span`. */
const ramp = (x: number, at: number, span: number) => clamp01(0.5 + (x - at) / (2 * span));

/**
 * Sharpness from the directional detail ratio over the face's structure (see image-stats
 * directionalDetail: 3 px over 6 px detail where the 6 px response is strongest), on the inner face
 * resampled to a fixed 96 px crop (~48 px eye distance, the scale face-swap models work at). Threshold
 * 0.37: halfway between the least detailed clear dev face (0.41 as stored or re-saved as JPEG, 0.38 after
 * skin smoothing) and the most detailed heavily blurred one (0.35-0.36 in every version).
 */
export const SHARP_AT = 0.37;
/**
 * Motion blur: ratio of the strongest to the weakest directional fine-detail energy (image-stats
 * detailAnisotropy) on the same crop. A still face has detail in every direction (dev clear-frontal faces
 * 1.2-2.2: hair, lids and lips add some orientation); a linear smear removes detail across its path only
 * (synthetic motion blur 5+). 3.2 is about the geometric middle; the ramp spans +-1.
 */
export const MOTION_AT = 3.2;
export function sharpnessScore(directionalDetail: number, anisotropy = 1): number {
  return Math.min(ramp(directionalDetail, SHARP_AT, 0.1), 1 - ramp(anisotropy, MOTION_AT, 1));
}

/** Each part's visibility (part-visibility.ts), and the least visible part's, as cues. */
export function partCues(parts: Record<string, number>): Record<string, number> {
  const cues: Record<string, number> = { partsVisible: Math.min(...Object.values(parts)) };
  for (const [name, p] of Object.entries(parts)) cues[`visible_${name}`] = p;
  return cues;
}

/**
 * Occlusion from the share of texture-free pixels in the tight inner face (`tflat`) and from the eye
 * patches' contrast (`eyeStd`, grey levels). Skin photographed by a camera is never flat; bars, blocks,
 * strokes, pixelation and crushed shadows are. 0.15 is twice the flattest real dev face (0.07); an eye
 * patch under 5 grey levels of spread has no visible iris/sclera/lid edge.
 */
export function occlusionScore(c: Record<string, number>): number {
  const flat = ramp(c.tflat ?? 0, 0.15, 0.1);
  const eyes = 1 - ramp(c.eyeStd ?? 0, 5, 4);
  return Math.max(flat, eyes, 1 - (c.partsVisible ?? 1));
}

/**
 * Realness: how much the face looks like a photographed human face rather than a painting, drawing,
 * caricature, 3D render, statue, doll, mask, animal or random pattern. The minimum of three cues, each
 * 0.5 at its threshold:
 * - landmark fit (FaceMesh face flag) >= 0.9: the mesh regressor fits human faces, not animal muzzles;
 * - detector confidence >= 0.75: BlazeFace's own calibrated score (animals, logos, cups 0.5-0.65);
 * - `photo`, the learned photo-vs-art probability (models/photo-art, training/art), whose 0.5 is the
 *   point that keeps 99 % of photographed faces in its training folds.
 * Chosen by grouped 5-fold cross-validation over 185 sources (`npm run cv`): the hand-made texture,
 * skin-colour and eye cues of the first generation, added to these three, took real photos for art
 * twice as often (photo_not_photo 0.14 against 0.072) for 2 points of art caught (art_warned 0.253
 * against 0.275); the photo probability alone loses the animals and objects the first two catch.
 */
export function realnessScore(c: Record<string, number>): number {
  const mesh = ramp(c.meshScore ?? 0, 0.9, 0.1);
  const det = ramp(c.detScore ?? 0, 0.75, 0.1);
  return Math.min(mesh, det, c.photo ?? 1);
}

/** The scores a face's measured cues give (see above); one place, so every caller agrees. */
export function faceScores(c: Record<string, number>): {
  sharpness: number;
  occlusion: number;
  realness: number;
  photo: number;
} {
  return {
    sharpness: sharpnessScore(c.ddetail ?? 0, c.aniso ?? 1),
    occlusion: occlusionScore(c),
    realness: realnessScore(c),
    photo: c.photo ?? 1,
  };
}
