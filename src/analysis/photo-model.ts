// The learned photo-vs-art signal (trained by training/art/): one linear read-out over two readings of the
// face, shipped as two small TF.js graphs whose outputs add up to its logit.
// - models/photo-art: goes on from one of FaceMesh's inner layers, so it reads the face exactly as the
//   mesh's final pass framed it and costs only the few layers it adds; its output carries the bias.
// - models/face-look: the trunk of a small packaged image network (MobileNetV3) on a crop of the face
//   (face-measures.ts lookCrop), its last three blocks fine-tuned with the read-out; it tells brush strokes,
//   flat shading and rendered skin from photographed skin better than the mesh's layers do (README: the
//   model card).
// The sum is the logit that the face is a photograph of a real person rather than a painting, drawing,
// render, statue, doll or mask; the training placed 0 at the decision threshold.

import type { GraphModel } from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';

/** The FaceMesh layer the photo model reads: its output in the final mesh pass is the model's input. */
export const PHOTO_MODEL_INPUT = 'StatefulPartitionedCall/model_1/p_re_lu_9/Relu';

export const PHOTO_MODEL_NAME = 'photo-art';
export const LOOK_MODEL_NAME = 'face-look';
/** The face-look trunk's input: a lookCrop this many pixels square (training/art/config.json, look.size). */
export const LOOK_SIZE = 160;

async function scalar(out: tf.Tensor): Promise<number> {
  try {
    return (await out.data())[0]!;
  } finally {
    out.dispose();
  }
}

/** The FaceMesh part of the logit, from `activation` (the PHOTO_MODEL_INPUT layer). */
export function meshPart(model: GraphModel, activation: tf.Tensor): Promise<number> {
  return scalar(model.execute(activation) as tf.Tensor);
}

/** The face-look part of the logit, from a lookCrop (LOOK_SIZE^2 RGB, 0..255). */
export function lookPart(model: GraphModel, crop: Float32Array): Promise<number> {
  const out = tf.tidy(() => model.execute(tf.tensor4d(crop, [1, LOOK_SIZE, LOOK_SIZE, 3])) as tf.Tensor);
  return scalar(out);
}

/** Probability (0..1) that the face is photographed, from the two parts of the logit. */
export function photoProbability(meshLogit: number, lookLogit: number): number {
  return 1 / (1 + Math.exp(-(meshLogit + lookLogit)));
}
