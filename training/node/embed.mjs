// Features of packaged networks on the collected face crops: `centernet` is the photo model's face-look
// trunk (training/prepare.mjs runs it on the augmented crops); the others were candidates compared by
// grouped CV (training/art/compare_backbones.py).
//   node training/node/embed.mjs CACHE_DIR MODEL_DIR [model ...]
// Writes CACHE_DIR/emb-<model>.f32 (rows of float32) and emb-<model>.json ({dim}).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { ROOT } from '../../scripts/node-check.mjs';

const [cache, modelDir, ...wanted] = process.argv.slice(2);
const meta = JSON.parse(readFileSync(join(cache, 'faces.json'), 'utf8'));
const C = meta.crop;
const crops = readFileSync(join(cache, process.env.CROPS ?? 'crops.u8'));
const n = crops.length / (C * C * 3);
// What the final FaceMesh pass read (the run-time input of a branch on its layers).
const M = meta.meshInput;
const meshInputs = readFileSync(join(cache, 'mesh-inputs.u8'));

// Crop framings inside the stored crop (cropEyes eye distances wide, centred between eyes and mouth):
// `side` in eye distances, `up` = how far above the stored centre the sub-crop centre sits (eye dists).
// The candidates' framings were compared on 4-eye-wide crops; a narrower crop pads their edges.
const framing = (side, up) => {
  const e = C / meta.cropEyes;
  const half = (side * e) / 2 / C;
  const cy = 0.5 - (up * e) / C;
  return [cy - half, 0.5 - half, cy + half, 0.5 + half];
};

const POOL = 'pool'; // channel mean and std over the spatial grid
const FM = 'StatefulPartitionedCall/model_1/';
const LOOK = JSON.parse(readFileSync(join(ROOT, 'training/art/config.json'), 'utf8')).look;
const MODELS = {
  facemesh: {
    file: 'facemesh.json',
    mesh: true,
    size: 192,
    range: [0, 1],
    nodes: [3, 6, 9, 12, 15].map((k) => [`${FM}p_re_lu_${k}/Relu`, POOL]),
  },
  centernet: {
    file: 'centernet.json',
    size: LOOK.size,
    // The whole stored crop: it is the extension's lookCrop.
    box: framing(meta.cropEyes, 0),
    range: [0, 255],
    // The face-look trunk of the photo model (training/art/config.json).
    nodes: LOOK.pools.map((node) => [node, POOL]),
  },
  antispoof: {
    file: 'antispoof.json',
    size: 128,
    box: framing(3.2, 0.42),
    range: [0, 1],
    nodes: [
      ['StatefulPartitionedCall/sequential/activation/Relu', POOL],
      ['StatefulPartitionedCall/sequential/activation_1/Relu', POOL],
      ['StatefulPartitionedCall/sequential/activation_2/Relu', POOL],
      ['StatefulPartitionedCall/sequential/activation_3/Relu', 'flat'],
      ['StatefulPartitionedCall/sequential/activation_4/Sigmoid', 'flat'],
    ],
  },
  liveness: {
    file: 'liveness.json',
    size: 32,
    box: framing(3.2, 0.42),
    range: [0, 1],
    nodes: [
      ['StatefulPartitionedCall/sequential_1/activation_2/Relu', POOL],
      ['StatefulPartitionedCall/sequential_1/activation_4/Relu', POOL],
      ['StatefulPartitionedCall/sequential_1/activation_5/Relu', 'flat'],
      ['StatefulPartitionedCall/sequential_1/activation_6/Softmax', 'flat'],
    ],
  },
  mobileface: {
    file: 'mobileface.json',
    size: 112,
    box: framing(3.2, 0.42),
    range: [0, 255],
    nodes: [
      ['add', POOL],
      ['add_4', POOL],
      ['add_8', POOL],
      ['add_12', POOL],
      ['add_16', POOL],
      ['batchnorm0/add_1', 'flat'],
    ],
  },
  emotion: {
    file: 'emotion.json',
    size: 64,
    gray: true,
    box: framing(3.2, 0.42),
    range: [0, 1],
    nodes: [
      ['StatefulPartitionedCall/model_1/block1_conv2_act/Relu', POOL],
      ['StatefulPartitionedCall/model_1/add_1/add', POOL],
      ['StatefulPartitionedCall/model_1/add_2/add', POOL],
      ['StatefulPartitionedCall/model_1/global_average_pooling2d_1/Mean', 'flat'],
    ],
  },
  gear: {
    file: 'gear.json',
    size: 198,
    box: framing(4, 0),
    range: [0, 1],
    nodes: [
      ['StatefulPartitionedCall/model_1/conv2d_2/Relu', POOL],
      ['StatefulPartitionedCall/model_1/conv2d_4/Relu', POOL],
      ['StatefulPartitionedCall/model_1/conv2d_6/Relu', POOL],
      ['StatefulPartitionedCall/model_1/global_max_pooling2d_1/Max', 'flat'],
    ],
  },
};

setWasmPaths(`${join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
await tf.setBackend('wasm');
await tf.ready();

async function load(file) {
  const json = JSON.parse(readFileSync(join(modelDir, file), 'utf8'));
  // Fixed input sizes are only the export's default: the convolutions run at any size.
  for (const node of json.modelTopology.node) {
    if (node.op === 'Placeholder')
      for (const d of node.attr?.shape?.shape?.dim?.slice(1, 3) ?? []) d.size = '-1';
  }
  const bins = json.weightsManifest.flatMap((g) => g.paths).map((p) => readFileSync(join(modelDir, p)));
  const weightData = new Uint8Array(Buffer.concat(bins)).buffer;
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  return loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }));
}

for (const name of wanted.length ? wanted : Object.keys(MODELS)) {
  const spec = MODELS[name];
  const model = await load(spec.file);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const feats = tf.tidy(() => {
      let x = spec.mesh
        ? tf.tensor4d(Float32Array.from(meshInputs.subarray(i * M * M * 3, (i + 1) * M * M * 3)), [
            1,
            M,
            M,
            3,
          ])
        : tf.image.cropAndResize(
            tf.tensor4d(Float32Array.from(crops.subarray(i * C * C * 3, (i + 1) * C * C * 3)), [1, C, C, 3]),
            [spec.box],
            [0],
            [spec.size, spec.size],
          );
      if (spec.gray) x = tf.sum(tf.mul(x, tf.tensor1d([0.299, 0.587, 0.114])), -1, true);
      x = tf.add(tf.mul(x, (spec.range[1] - spec.range[0]) / 255), spec.range[0]);
      const outs = model.execute(
        x,
        spec.nodes.map(([node]) => node),
      );
      const list = Array.isArray(outs) ? outs : [outs];
      return tf.concat(
        list.map((t, k) => {
          if (spec.nodes[k][1] !== POOL) return tf.reshape(t, [-1]);
          const { mean, variance } = tf.moments(t, [0, 1, 2]);
          return tf.concat([mean, tf.sqrt(variance)]);
        }),
      );
    });
    rows.push(await feats.data());
    feats.dispose();
  }
  const dim = rows[0].length;
  const all = new Float32Array(n * dim);
  for (const [i, r] of rows.entries()) all.set(r, i * dim);
  const tag = process.env.CROPS ? `-${process.env.CROPS.replace(/\W+/g, '_')}` : '';
  writeFileSync(join(cache, `emb-${name}${tag}.f32`), Buffer.from(all.buffer));
  writeFileSync(join(cache, `emb-${name}.json`), JSON.stringify({ dim, nodes: spec.nodes }));
  console.error(`${name}: ${n} x ${dim}`);
}
