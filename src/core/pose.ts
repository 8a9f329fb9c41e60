// Eye and face geometry from FaceMesh landmarks (pure maths, no DOM). The head's pose is in head-pose.ts.

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

export const dist = (a: P2, b: P2): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
export const mid = (a: P2, b: P2): [number, number] => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

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
