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

/**
 * Occlusion from the share of texture-free pixels in the tight inner face (`tflat`) and from the eye
 * patches' contrast (`eyeStd`, grey levels). Skin photographed by a camera is never flat; bars, blocks,
 * strokes, pixelation and crushed shadows are. 0.15 is twice the flattest real dev face (0.07); an eye
 * patch under 5 grey levels of spread has no visible iris/sclera/lid edge.
 */
export function occlusionScore(c: Record<string, number>): number {
  const flat = ramp(c.tflat ?? 0, 0.15, 0.1);
  const eyes = 1 - ramp(c.eyeStd ?? 0, 5, 4);
  return Math.max(flat, eyes);
}

/**
 * Realness: how much the face looks like a photographed human face rather than a drawing, cartoon,
 * 3D render, animal or random pattern. The minimum of independent cues, each 0.5 at its threshold:
 * - landmark fit (FaceMesh face flag) >= 0.9: the mesh regressor fits human faces, not animal muzzles;
 * - detector confidence >= 0.75: BlazeFace's own calibrated score (real dev faces >= 0.77; animals,
 *   logos, cups 0.5-0.65);
 * - texture: share of flat pixels over the wider inner face <= 0.15 (cartoons, vector art, renders
 *   are flat-shaded; cameras add noise);
 * - skin chroma (colour images only): >= 30 % of the inner face inside the YCbCr skin box; grey or sepia
 *   photos skip this cue (old black-and-white photos of real people must pass).
 * Paintings and statues of realistic humans pass these cues: that is the known weak spot.
 */
export function realnessScore(c: Record<string, number>): number {
  const mesh = ramp(c.meshScore ?? 0, 0.9, 0.1);
  const det = ramp(c.detScore ?? 0, 0.75, 0.1);
  const texture = 1 - ramp(c.flat ?? 0, 0.15, 0.1);
  const grey = (c.chroma ?? 0) < 0.05;
  const colour = grey ? 1 : ramp(c.skin ?? 0, 0.3, 0.2);
  return Math.min(mesh, det, texture, colour, eyeScore(c, grey));
}

/**
 * Living-eye cues, measured inside the eye opening the mesh found (image-stats eyeOpeningStats):
 * - pupil: an open human eye always holds a pupil/iris darker than the surrounding skin; the darker eye
 *   (`eyeDark` = 10th-percentile luma of the opening over cheek luma, the larger of the two eyes) is at most
 *   0.5 on dev clear-frontal faces (dark skin included), while a sculpted eye, one material throughout, sits
 *   near 0.8. Threshold 0.65. Only when the mesh sees the lids open (aspect >= 0.15), so closed eyes are
 *   not called unreal.
 * - visible sclera: see below.
 * - sclera: human sclera is white (unique among primates: monkeys, dogs, statues and varnished paintings
 *   have an eye whose brightest part is as coloured as the skin). When the opening's bright part is lit
 *   (p90 >= 0.75 x cheek luma, so the test is not read in shadow), its saturation over skin saturation
 *   (`eyeBrightSatMin`, the less white eye) must stay under 0.9: dev clear-frontal faces <= 0.82, the
 *   monkey 1.15, the Mona Lisa 1.0, the terracotta statue 0.95. Colour images only.
 */
export function eyeScore(c: Record<string, number>, grey: boolean): number {
  if (c.eyeDark === undefined) return 1;
  const open = (c.eyeAspectMin ?? 0) >= 0.15;
  const pupil = open ? 1 - ramp(c.eyeDark, 0.65, 0.1) : 1;
  const lit = (c.eyeBright ?? 0) >= 0.75;
  const sclera = lit && !grey ? 1 - ramp(c.eyeBrightSatMin ?? 0, 0.9, 0.1) : 1;
  // Visible sclera at all: an open human eye shows white beside the iris, so the bright part of the
  // opening (p90, the less bright eye) reaches at least ~0.4 x cheek luma (dev clear-frontal min 0.405,
  // deep-set eyes in shadow included); a dog's or a doll's all-dark eye stays near 0.15. Threshold 0.25.
  const visible = open ? ramp(c.eyeBright ?? 1, 0.25, 0.1) : 1;
  return Math.min(pupil, sclera, visible);
}
