// Which detector boxes are separate faces (pure). BlazeFace fires several times on one face: shifted
// copies of the same box, and, when a face fills the picture (a tight selfie or avatar crop), smaller
// boxes on parts of it (the lower half, the mouth and chin).
import type { P2 } from './pose';

export interface ScoredBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  score: number;
}

const area = (b: ScoredBox) => Math.max(0, b.x2 - b.x1) * Math.max(0, b.y2 - b.y1);

function intersection(a: ScoredBox, b: ScoredBox): number {
  const ix = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const iy = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  return ix * iy;
}

/**
 * Keeps the best-scoring box of each face. A box is the same face as a better one already kept when
 * - their intersection over union is >= 0.3 (the usual non-maximum suppression), or
 * - at least half of it lies inside that better box: a face box is covered by its own face, so a second
 *   face can only be half inside it if it is half hidden behind the first, and a half-hidden face is not
 *   material anyway. Adjacent faces (cheek to cheek, a crowded group) overlap far less.
 * Only the weaker box's share counts: a strong box less than half the size of a weak one around it
 * leaves that one standing, so a face's full box is never lost to a stronger part of it.
 */
export function separateFaces<T extends ScoredBox>(boxes: readonly T[]): T[] {
  const byScore = [...boxes].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const c of byScore) {
    const own = area(c);
    const same = kept.some((k) => {
      const inter = intersection(k, c);
      return inter >= 0.3 * (area(k) + own - inter) || inter >= 0.5 * own;
    });
    if (!same) kept.push(c);
  }
  return kept;
}

/** A fitted face's eye centres, image-left first. */
export type EyePair = readonly [P2, P2];

/**
 * Two landmark fits of one face. A box on part of a face that is cut by the picture's border can survive
 * separateFaces (the detector's boxes on such a face are shifted halves of it), but the mesh, framed a
 * second time on its own first fit, settles on the whole face: both fits share the eyes. Two faces cannot:
 * the same face when each eye centre is within 0.3 eye distances of the other fit's.
 */
export function sameEyes(a: EyePair, b: EyePair): boolean {
  const span = Math.hypot(a[1][0] - a[0][0], a[1][1] - a[0][1]);
  const near = (p: P2, q: P2) => Math.hypot(p[0] - q[0], p[1] - q[1]) <= 0.3 * span;
  return near(a[0], b[0]) && near(a[1], b[1]);
}
