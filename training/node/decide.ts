// The check's decision, bundled for the cross-validation (training/node/cv-figures.mjs): the same code
// the extension decides with, fed the measures collected in training and the learned parts' held-out
// outputs.
export { decideRisk } from '../../src/core/risk';
export { faceScores, partCues } from '../../src/core/scores';
