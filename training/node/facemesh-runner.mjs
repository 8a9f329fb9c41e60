// FaceMesh as the extension runs it (TF.js graph on the wasm backend), over the collected FaceMesh inputs
// of a cache (training/node/collect-faces.mjs, training/art/augment_inputs.py), in batches.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { ROOT } from '../../scripts/node-check.mjs';

export const MESH_NODE = (name) => `StatefulPartitionedCall/model_1/${name}`;

export async function loadFaceMesh() {
  setWasmPaths(`${join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
  await tf.setBackend('wasm');
  const dir = join(ROOT, 'node_modules/@vladmandic/human/models');
  const json = JSON.parse(readFileSync(join(dir, 'facemesh.json'), 'utf8'));
  return loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: new Uint8Array(readFileSync(join(dir, 'facemesh.bin'))).buffer,
    }),
  );
}

/**
 * Calls `each(outputs, count)` with FaceMesh's outputs at `nodes` for every input of `file` (192 x 192
 * x 3 uint8 per input, read 0..1 as the extension does), `batch` inputs at a time; outputs are disposed
 * after the call.
 */
export async function runOverInputs(cache, file, nodes, each, batch = 16) {
  const S = JSON.parse(readFileSync(join(cache, 'faces.json'), 'utf8')).meshInput;
  const per = S * S * 3;
  const path = join(cache, file);
  const n = statSync(path).size / per;
  const mesh = await loadFaceMesh();
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(per);
  try {
    for (let i = 0; i < n; i += batch) {
      const m = Math.min(batch, n - i);
      const x = new Float32Array(m * per);
      for (let k = 0; k < m; k++) {
        readSync(fd, buf, 0, per, (i + k) * per);
        for (let j = 0; j < per; j++) x[k * per + j] = buf[j] / 255;
      }
      const input = tf.tensor4d(x, [m, S, S, 3]);
      const outs = mesh.execute(input, nodes.map(MESH_NODE));
      const list = Array.isArray(outs) ? outs : [outs];
      await each(list, m);
      tf.dispose([input, ...list]);
      if ((i / batch) % 100 === 0) console.error(`${i}/${n}`);
    }
  } finally {
    closeSync(fd);
  }
  return n;
}
