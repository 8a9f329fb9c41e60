// The learned photo-vs-art signal (models/photo-art.json, trained by training/art/): a small TF.js graph
// that goes on from one of FaceMesh's inner layers, so it reads the face exactly as the mesh's final pass
// framed it and costs only the few layers it adds. Its output is the probability that the face is a
// photograph of a real person rather than a painting, drawing, render, statue, doll or mask; the
// training placed 0.5 at the decision threshold (see the model card in training/art/).

import type { GraphModel } from '@tensorflow/tfjs-converter';
import type * as tf from '@tensorflow/tfjs-core';

/** The FaceMesh layer the photo model reads: its output in the final mesh pass is the model's input. */
export const PHOTO_MODEL_INPUT = 'StatefulPartitionedCall/model_1/p_re_lu_9/Relu';

export const PHOTO_MODEL_NAME = 'photo-art';

/** Probability (0..1) that the face behind `activation` (the PHOTO_MODEL_INPUT layer) is photographed. */
export async function photoProbability(model: GraphModel, activation: tf.Tensor): Promise<number> {
  const out = model.execute(activation) as tf.Tensor;
  try {
    return (await out.data())[0]!;
  } finally {
    out.dispose();
  }
}
