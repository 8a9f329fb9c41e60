// A measured face for the risk rules' tests: big, sharp, frontal and real (high risk at 'balanced' in a
// 1000 px picture) unless overridden.
import type { FaceMeasures } from '../../src/core/verdict';

export function clearFace(over: Partial<FaceMeasures> = {}): FaceMeasures {
  return {
    box: { x: 100, y: 100, width: 300, height: 300 },
    score: 0.95,
    faceWidth: 260,
    eyeDistance: 100,
    pose: { yaw: 0, pitch: 0, roll: 0 },
    eyesOpen: 1,
    sharpness: 0.9,
    exposure: { mean: 0.5, clipped: 0 },
    occlusion: 0,
    realness: 0.9,
    photo: 0.9,
    partsInside: 1,
    landmarks: [],
    ...over,
  };
}
