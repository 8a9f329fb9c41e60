// Whether the parts of a face that an animation needs are in the picture (pure geometry, no DOM).
// FaceMesh fits the whole face even where the picture ends, so its points say where the eyes, nose and
// mouth of a face cut by the border would be: outside the picture.

/**
 * FaceMesh points of the eyes (corners and lids), the nose (tip and both nostril wings) and the mouth
 * (corners and both lips): a face missing any of them cannot be animated as a whole.
 */
export const KEY_PARTS: readonly number[] = [
  33, 133, 159, 145, 362, 263, 386, 374, 1, 98, 327, 61, 291, 13, 14,
];

/** Share (0..1) of the key parts inside a picture of width x height (same units as the points). */
export function partsInside(
  points: ReadonlyArray<readonly [number, number, ...number[]]>,
  width: number,
  height: number,
): number {
  let inside = 0;
  for (const i of KEY_PARTS) {
    const p = points[i];
    if (p && p[0] >= 0 && p[1] >= 0 && p[0] <= width && p[1] <= height) inside++;
  }
  return inside / KEY_PARTS.length;
}
