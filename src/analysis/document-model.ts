// The document model: a small convolutional network over the window around each face (see
// src/core/document-crop.ts) that scores how much it reads as an identity document's portrait. Trained by
// training/documents/train.py; its weights (~50 k, float16) ship inside this bundle as JSON, so it loads
// the same in the browser and in Node, with no file to fetch. Runs on the tfjs backend the face models
// already started (wasm).
import * as tf from '@tensorflow/tfjs-core';
import { base64ToBytes } from '../core/base64';
import { CROP_CHANNELS, CROP_H, CROP_W } from '../core/document-crop';
import net from './document-net.generated.json';

interface Layer {
  type: 'conv' | 'dense';
  /** conv: [kernel, kernel, in, out]; dense: [in, out]. */
  shape: number[];
  stride?: number;
  act: 'relu' | 'sigmoid';
  /** Offsets (in values) of the weights and biases in the weight blob. */
  w: number;
  b: number;
}

interface NetFile {
  input: [number, number, number];
  layers: Layer[];
  /** float16 little-endian, base64. */
  weights: string;
}

/** IEEE half -> float (the weights are stored as halves to keep the bundle small). */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

interface Loaded {
  layers: Array<{ layer: Layer; w: tf.Tensor; b: tf.Tensor }>;
}

let loaded: Loaded | null = null;

function load(): Loaded {
  if (loaded) return loaded;
  const file = net as unknown as NetFile;
  if (file.input[0] !== CROP_H || file.input[1] !== CROP_W || file.input[2] !== CROP_CHANNELS)
    throw new Error('document model input does not match the crop');
  const bytes = base64ToBytes(file.weights);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float32Array(bytes.byteLength / 2);
  for (let i = 0; i < values.length; i++) values[i] = halfToFloat(view.getUint16(i * 2, true));
  loaded = {
    layers: file.layers.map((layer) => {
      const size = layer.shape.reduce((a, b) => a * b, 1);
      const out = layer.shape[layer.shape.length - 1]!;
      return {
        layer,
        w: tf.tensor(values.subarray(layer.w, layer.w + size), layer.shape),
        b: tf.tensor1d(values.subarray(layer.b, layer.b + out)),
      };
    }),
  };
  return loaded;
}

/** Scores crops (each CROP_H x CROP_W x CROP_CHANNELS) in one batch: 0..1 per crop. */
export async function scoreCrops(crops: readonly Float32Array[]): Promise<number[]> {
  if (crops.length === 0) return [];
  const { layers } = load();
  const batch = new Float32Array(crops.length * CROP_H * CROP_W * CROP_CHANNELS);
  for (const [i, c] of crops.entries()) batch.set(c, i * c.length);
  const out = tf.tidy(() => {
    let x: tf.Tensor = tf.tensor4d(batch, [crops.length, CROP_H, CROP_W, CROP_CHANNELS]);
    for (const { layer, w, b } of layers) {
      if (layer.type === 'conv') {
        // Padded by one on every side, as the network was trained (tfjs 'same' pads a stride-2
        // convolution on one side only, which shifts every output by a pixel).
        const padded = tf.pad(x as tf.Tensor4D, [
          [0, 0],
          [1, 1],
          [1, 1],
          [0, 0],
        ]);
        x = tf.add(tf.conv2d(padded, w as tf.Tensor4D, layer.stride ?? 1, 'valid'), b);
      } else {
        if (x.rank !== 2) x = tf.reshape(x, [crops.length, -1]);
        x = tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b);
      }
      x = layer.act === 'relu' ? tf.relu(x) : tf.sigmoid(x);
    }
    return x;
  });
  const scores = await out.data();
  out.dispose();
  return Array.from(scores);
}
