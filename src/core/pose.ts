// Head pose and eye geometry from 2D landmarks (pure maths, no DOM).
//
// Pose: the library's own angles come from the mesh's regressed depth, which flattens strong turns. Here
// we fit a fixed 3D face template to the 2D points with a scaled-orthographic camera (the classic POS
// step): only 2D positions are trusted, the depth comes from average human anthropometry.

export type P2 = readonly [number, number];
export type P3 = readonly [number, number, number];

/** FaceMesh (MediaPipe 468-point topology) indices used here. */
export const MESH = {
  /** Eye corners: image-left eye outer/inner, image-right eye inner/outer. */
  eyeLeftOuter: 33,
  eyeLeftInner: 133,
  eyeRightInner: 362,
  eyeRightOuter: 263,
  /** Upper and lower lid mid points. */
  eyeLeftUpper: 159,
  eyeLeftLower: 145,
  eyeRightUpper: 386,
  eyeRightLower: 374,
  noseTip: 1,
  chin: 152,
  forehead: 10,
  mouthLeft: 61,
  mouthRight: 291,
  lipUpper: 13,
  lipLower: 14,
  /** Face outline at the cheekbones (image left / right). */
  cheekLeft: 234,
  cheekRight: 454,
} as const;

/**
 * Average face in millimetres, image-style axes: x to the image right, y down, z towards the camera.
 * Figures are the widely used generic head model (nose tip origin; eye corners +-43.3 mm; mouth
 * corners +-28.9 mm; chin 63.6 mm below the nose tip), which matches adult anthropometric means.
 */
export const TEMPLATE: ReadonlyArray<{ index: number; p: P3 }> = [
  { index: MESH.noseTip, p: [0, 0, 0] },
  { index: MESH.chin, p: [0, 63.6, -12.5] },
  { index: MESH.eyeLeftOuter, p: [-43.3, -32.7, -26] },
  { index: MESH.eyeRightOuter, p: [43.3, -32.7, -26] },
  { index: MESH.mouthLeft, p: [-28.9, 28.9, -24.1] },
  { index: MESH.mouthRight, p: [28.9, 28.9, -24.1] },
];

const DEG = 180 / Math.PI;

export const dist = (a: P2, b: P2): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
export const mid = (a: P2, b: P2): [number, number] => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

function inv3(m: number[][]): number[][] | null {
  const [a, b, c] = m[0]!;
  const [d, e, f] = m[1]!;
  const [g, h, i] = m[2]!;
  const A = e! * i! - f! * h!;
  const B = -(d! * i! - f! * g!);
  const C = d! * h! - e! * g!;
  const det = a! * A + b! * B + c! * C;
  if (Math.abs(det) < 1e-12) return null;
  const s = 1 / det;
  return [
    [A * s, -(b! * i! - c! * h!) * s, (b! * f! - c! * e!) * s],
    [B * s, (a! * i! - c! * g!) * s, -(a! * f! - c! * d!) * s],
    [C * s, -(a! * h! - b! * g!) * s, (a! * e! - b! * d!) * s],
  ];
}

/**
 * Fits image points (same order as `model`) with s * R[0..1] * X + t and returns yaw/pitch/roll in degrees:
 * yaw > 0 = head turned to the person's left (nose moves to the image right), pitch > 0 = looking up,
 * roll > 0 = clockwise in the image. Roll is removed first from the 2D points so yaw and pitch are read
 * from an upright fit.
 */
export function fitPose(
  image: readonly P2[],
  model: readonly P3[],
): { yaw: number; pitch: number; roll: number } {
  const n = Math.min(image.length, model.length);
  if (n < 4) return { yaw: 0, pitch: 0, roll: 0 };
  // Roll from the outer eye corners when the template has them (indices 2, 3), else from the first pair.
  const le = image[2] ?? image[0]!;
  const re = image[3] ?? image[1]!;
  const roll = Math.atan2(re[1] - le[1], re[0] - le[0]);
  const cos = Math.cos(-roll);
  const sin = Math.sin(-roll);
  const pts = image.slice(0, n).map(([x, y]) => [x * cos - y * sin, x * sin + y * cos] as const);
  const mx = [0, 0];
  const mX = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    mx[0]! += pts[i]![0] / n;
    mx[1]! += pts[i]![1] / n;
    for (let k = 0; k < 3; k++) mX[k]! += model[i]![k]! / n;
  }
  // Normal equations: A = (x^T X)(X^T X)^-1, A is 2x3.
  const XtX = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const xtX = [
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let i = 0; i < n; i++) {
    const X = [model[i]![0] - mX[0]!, model[i]![1] - mX[1]!, model[i]![2] - mX[2]!];
    const x = [pts[i]![0] - mx[0]!, pts[i]![1] - mx[1]!];
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) XtX[r]![c]! += X[r]! * X[c]!;
    for (let r = 0; r < 2; r++) for (let c = 0; c < 3; c++) xtX[r]![c]! += x[r]! * X[c]!;
  }
  const inv = inv3(XtX);
  if (!inv) return { yaw: 0, pitch: 0, roll: roll * DEG };
  const A = xtX.map((row) =>
    [0, 1, 2].map((c) => row[0]! * inv[0]![c]! + row[1]! * inv[1]![c]! + row[2]! * inv[2]![c]!),
  );
  const r1 = A[0]!;
  const r2 = A[1]!;
  const n1 = Math.hypot(r1[0]!, r1[1]!, r1[2]!) || 1;
  const n2 = Math.hypot(r2[0]!, r2[1]!, r2[2]!) || 1;
  const u = r1.map((v) => v / n1);
  const v = r2.map((x) => x / n2);
  // Pure yaw gives row1 = [cos, 0, sin]; pure pitch gives row2 = [0, cos, -sin].
  const yaw = Math.atan2(u[2]!, u[0]!) * DEG;
  const pitch = Math.atan2(-v[2]!, v[1]!) * DEG;
  return { yaw, pitch, roll: roll * DEG };
}

/**
 * The template's mouth/chin depth makes a level head read about 12 deg "down" on FaceMesh points (median
 * -13 deg over the dev set's labelled-frontal faces, i.e. a convention offset between the mesh's chin point
 * and the anthropometric menton). Added back so 0 means level.
 */
export const PITCH_OFFSET = 12;

/** Pose from a full 468-point mesh. */
export function meshPose(mesh: readonly P2[]): { yaw: number; pitch: number; roll: number } {
  const img: P2[] = [];
  const model: P3[] = [];
  for (const t of TEMPLATE) {
    const p = mesh[t.index];
    if (!p) continue;
    img.push(p);
    model.push(t.p);
  }
  const p = fitPose(img, model);
  return { yaw: p.yaw, pitch: p.pitch + PITCH_OFFSET, roll: p.roll };
}

/** Eye centres (mean of the two corners), image-left first. */
export function eyeCentres(mesh: readonly P2[]): [[number, number], [number, number]] {
  return [
    mid(mesh[MESH.eyeLeftOuter]!, mesh[MESH.eyeLeftInner]!),
    mid(mesh[MESH.eyeRightInner]!, mesh[MESH.eyeRightOuter]!),
  ];
}

/** Lid gap over eye width for each eye (open eyes ~0.25-0.35, closed < 0.1). */
export function eyeAspect(mesh: readonly P2[]): [number, number] {
  const one = (o: number, i: number, u: number, l: number) => {
    const w = dist(mesh[o]!, mesh[i]!);
    return w > 0 ? dist(mesh[u]!, mesh[l]!) / w : 0;
  };
  return [
    one(MESH.eyeLeftOuter, MESH.eyeLeftInner, MESH.eyeLeftUpper, MESH.eyeLeftLower),
    one(MESH.eyeRightInner, MESH.eyeRightOuter, MESH.eyeRightUpper, MESH.eyeRightLower),
  ];
}

/** Openness 0..1 of the less open eye: aspect 0.2 (relaxed open eye) and above counts as fully open. */
export function eyesOpenness(mesh: readonly P2[]): number {
  const [a, b] = eyeAspect(mesh);
  return Math.max(0, Math.min(1, Math.min(a, b) / 0.2));
}

/** Face width cheek to cheek along the eye line, in the points' pixel units. */
export function faceWidth(mesh: readonly P2[]): number {
  return dist(mesh[MESH.cheekLeft]!, mesh[MESH.cheekRight]!);
}

/** Pose quality in the OFIQ style: 100 * cos^2(angle) (30 deg -> 75, 45 deg -> 50). */
export function poseScore(angleDeg: number): number {
  const c = Math.cos(angleDeg / DEG);
  return 100 * c * c;
}
