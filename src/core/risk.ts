// The risk decision (pure): measured faces -> risk level + reasons.
//
// high   = at least one photographed human face that is big, sharp, frontal, lit and uncovered enough for
//          one-shot face animation / face swap to produce a convincing "live" face from it.
// medium = a real face that misses one of those by a margin an attacker can bridge (a bit small: face
//          restorers upscale; somewhat turned; slightly soft).
// low    = something face-like that is far from usable (tiny, profile, heavily blurred, covered, dark)
//          or does not look like a photographed person (drawing, render, animal).
// none   = no face found. unknown = the image could not be analysed (decided by the caller).
import { withDocument } from './document-risk';
import type { DocumentFinding, FaceMeasures, Reason, Risk, Sensitivity } from './verdict';

interface Limits {
  /** Minimum eye distance (px, original image) for "high". */
  minEye: number;
  maxYaw: number;
  maxPitch: number;
  /** Minimum sharpness score (0.5 = SHARP_AT, see scores.ts). */
  minSharp: number;
}

/**
 * Eye distance: face-swap/animation models work from 112-256 px crops whose template puts the eyes ~35 px
 * apart at 112 px (ArcFace alignment), and the dataset rule "face >= 112 px wide" equals ~42 px between
 * eye centres (Haar face width ~2.65 eye distances). Balanced uses 45 (just above that), strict the 35 px
 * model-native minimum, relaxed 60 (comfortably inside the 35-50 px range where models run at full quality).
 *
 * Yaw and pitch: the labels' rule is "turned less than ~30 deg" and "< ~25 deg up/down". The pose comes
 * from a rigid alignment of the mesh to a canonical face (head-pose.ts), whose mean absolute error on
 * renders of a head at known angles is about 2 deg (yaw 1.9, pitch 1.9, roll 3.1 within |yaw| <= 45), so
 * balanced takes the rule itself. Grouped 5-fold cross-validation over the training sets (`npm run cv`)
 * agreed: 30/25 gave recall_high 0.981 and high_on_face_not_clear 0.091, 35/25 0.984 and 0.101, 30/20
 * 0.949 and 0.088. Strict 40/30 (more warnings), relaxed 25/20.
 */
const LIMITS: Record<Sensitivity, Limits> = {
  strict: { minEye: 35, maxYaw: 40, maxPitch: 30, minSharp: 0.4 },
  balanced: { minEye: 45, maxYaw: 30, maxPitch: 25, minSharp: 0.5 },
  relaxed: { minEye: 60, maxYaw: 25, maxPitch: 20, minSharp: 0.6 },
};

/**
 * "Medium" margins. Eye distance 25 px: face restorers (GFPGAN, CodeFormer) are routinely run on faces
 * this small before animation, so a real face this size is still material. Yaw 60 deg: beyond that one
 * eye is hidden (profile). Pitch 40 deg. Sharpness score 0.25 (clearly soft, still structured).
 */
export const MEDIUM_MIN_EYE = 25;
const MEDIUM = { minEye: MEDIUM_MIN_EYE, maxYaw: 60, maxPitch: 40, minSharp: 0.25 };

/** Mean face luminance under 0.08 (~20/255): too dark to recover a usable texture (crushed shadows). */
const MIN_EXPOSURE = 0.08;
/** Scores are 0.5 at their own thresholds (see scores.ts). */
const MIN_REALNESS = 0.5;
const MAX_OCCLUSION = 0.5;

type Grade = { risk: Risk; reason: Reason; size: number };

const RANK: Record<Risk, number> = { unknown: 0, none: 1, low: 2, medium: 3, high: 4 };
const px = (v: number) => String(Math.round(v));

function gradeFace(f: FaceMeasures, lim: Limits): Grade {
  const size = f.eyeDistance;
  const yaw = Math.abs(f.pose.yaw);
  const pitch = Math.abs(f.pose.pitch);
  const width = px(f.faceWidth);
  // Too small to be material whatever else it shows (the landmarks are not even fitted on such faces).
  if (size < MEDIUM.minEye)
    return { risk: 'low', reason: { key: 'reason_face_tiny', values: [width] }, size };
  // A face cut by the border: the parts an animation moves are not all there.
  if (f.partsInside < 1) return { risk: 'low', reason: { key: 'reason_face_cut' }, size };
  // Art by the photo model first; then covered before the rest of realness: a mask or a hand lowers the
  // mesh fit and the detector's confidence, and the cover is the true reason. In the cross-validation's
  // faces that failed both, the photo model's "art" held 174 art and 3 photos, the other cues 84 photos
  // and 16 art; real photos told "not a photograph" went from 0.072 to 0.024, nothing else moved.
  if (f.photo < MIN_REALNESS) return { risk: 'low', reason: { key: 'reason_face_not_photo' }, size };
  if (f.occlusion >= MAX_OCCLUSION) return { risk: 'low', reason: { key: 'reason_face_covered' }, size };
  if (f.realness < MIN_REALNESS) return { risk: 'low', reason: { key: 'reason_face_not_photo' }, size };
  if (f.exposure.mean < MIN_EXPOSURE) return { risk: 'low', reason: { key: 'reason_face_too_dark' }, size };
  const big = size >= lim.minEye;
  const frontal = yaw <= lim.maxYaw && pitch <= lim.maxPitch;
  const sharp = f.sharpness >= lim.minSharp;
  if (big && frontal && sharp)
    return { risk: 'high', reason: { key: 'reason_face_clear_frontal', values: [width] }, size };
  const nearPose = yaw <= MEDIUM.maxYaw && pitch <= MEDIUM.maxPitch;
  const nearSharp = f.sharpness >= MEDIUM.minSharp;
  if (nearPose && nearSharp) {
    if (!big) return { risk: 'medium', reason: { key: 'reason_face_small', values: [width] }, size };
    if (!frontal)
      return {
        risk: 'medium',
        reason: { key: 'reason_face_turned', values: [px(Math.max(yaw, pitch))] },
        size,
      };
    return { risk: 'medium', reason: { key: 'reason_face_soft', values: [width] }, size };
  }
  if (!nearPose) return { risk: 'low', reason: { key: 'reason_face_profile' }, size };
  return { risk: 'low', reason: { key: 'reason_face_blurred' }, size };
}

export function decideRisk(
  faces: FaceMeasures[],
  image: { width: number; height: number },
  sensitivity: Sensitivity,
): { risk: Risk; reasons: Reason[] } {
  if (image.width <= 0 || image.height <= 0)
    return { risk: 'unknown', reasons: [{ key: 'reason_unreadable' }] };
  if (faces.length === 0) return { risk: 'none', reasons: [{ key: 'reason_no_face' }] };
  const lim = LIMITS[sensitivity];
  const grades = faces.map((f) => gradeFace(f, lim));
  // Worst (highest-risk) face decides; among equals the biggest face speaks.
  grades.sort((a, b) => RANK[b.risk] - RANK[a.risk] || b.size - a.size);
  const top = grades[0]!;
  const reasons: Reason[] = [top.reason];
  const same = grades.filter((g) => g.risk === top.risk).length;
  if (top.risk === 'high' && same > 1) reasons.push({ key: 'reason_several_faces', values: [String(same)] });
  return { risk: top.risk, reasons };
}

/**
 * The faces' decision composed with an identity document found in the same picture (document-risk.ts).
 * The document's own portrait is left out of the faces' decision: the document's reason already says
 * what it is, and a face reason about the same portrait would repeat it ("a sharp face 180 px wide").
 */
export function decideRiskWithDocument(
  faces: FaceMeasures[],
  image: { width: number; height: number },
  sensitivity: Sensitivity,
  document: DocumentFinding | null,
): { risk: Risk; reasons: Reason[] } {
  const portrait = document?.portrait;
  const others = portrait
    ? faces.filter((f) => {
        const x = f.box.x + f.box.width / 2;
        const y = f.box.y + f.box.height / 2;
        return !(
          x >= portrait.x &&
          x <= portrait.x + portrait.width &&
          y >= portrait.y &&
          y <= portrait.y + portrait.height
        );
      })
    : faces;
  return withDocument(decideRisk(others, image, sensitivity), document);
}
