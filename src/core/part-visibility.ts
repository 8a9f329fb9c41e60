// Whether the eyes, nose and mouth can be seen (pure maths, no DOM): a learned linear read-out of
// FaceMesh's features at each part (models/face-parts.json, trained by training/cover/ on covered and
// uncovered faces). Masks, hands, hair, dark glasses and bars hide a part; what an animation needs is
// every part in view.
import { featuresAt } from './feature-map';

export interface PartModel {
  /** FaceMesh layers read, in the order of each part's weights. */
  layers: string[];
  /** Per part: the FaceMesh points whose mean is the part's centre, the read-out's weights and bias (the
   * logit of "visible"; 0 sits at the threshold chosen by cross-validation). */
  parts: Record<string, { points: number[]; weight: number[]; bias: number }>;
}

export interface FeatureMap {
  data: ArrayLike<number>;
  h: number;
  w: number;
  c: number;
}

/**
 * Probability (0..1, 0.5 at the threshold) that each part is visible, from the feature maps of `layers`
 * and the mesh's points in the coordinates of its square input of `size` pixels.
 */
export function partVisibility(
  model: PartModel,
  maps: FeatureMap[],
  points: ReadonlyArray<readonly [number, number, ...number[]]>,
  size: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, part] of Object.entries(model.parts)) {
    let x = 0;
    let y = 0;
    for (const i of part.points) {
      x += points[i]![0] / part.points.length;
      y += points[i]![1] / part.points.length;
    }
    let logit = part.bias;
    let offset = 0;
    for (const m of maps) {
      const f = featuresAt(m.data, m.h, m.w, m.c, size, x, y);
      for (let k = 0; k < f.length; k++) logit += f[k]! * part.weight[offset + k]!;
      offset += f.length;
    }
    out[name] = 1 / (1 + Math.exp(-logit));
  }
  return out;
}
