// What the training scripts need of the extension's own check, bundled for Node by scripts/node-check.mjs:
// the same detector, mesh, measures and crops the extension runs, so what is learned sees what ships.
export { budgetScale } from '../../src/analysis/analyze-pixels';
export {
  LOOK_EYES,
  lookCrops,
  measureFaces,
  regionsToReread,
} from '../../src/analysis/face-measures';
export { detectFaces, meshInput } from '../../src/analysis/face-model';
export { LOOK_SIZE } from '../../src/analysis/photo-model';
export { cropFrame, documentCrop } from '../../src/core/document-crop';
export { sampleSquare } from '../../src/core/image-stats';
export { eyeCentres, MESH } from '../../src/core/pose';
export { decideRisk } from '../../src/core/risk';
