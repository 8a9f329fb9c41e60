// The frozen photo-vs-art features: FaceMesh's activations at some layers, each pooled to its channels'
// mean and standard deviation, for every FaceMesh input of a cache (the same pooling the shipped model's
// graph does, training/art/tfjs_graph.py export_branch).
//   node training/node/mesh-features.mjs CACHE_DIR INPUTS_FILE OUT_NAME NODE [NODE ...]
// Writes CACHE_DIR/OUT_NAME.f32 (one row per input) and OUT_NAME.json ({dim, nodes}).
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { runOverInputs } from './facemesh-runner.mjs';

const [cache, inputs, outName, ...nodes] = process.argv.slice(2);
if (!nodes.length) {
  console.error('usage: mesh-features.mjs CACHE_DIR INPUTS_FILE OUT_NAME NODE [NODE ...]');
  process.exit(2);
}
const fd = openSync(join(cache, `${outName}.f32`), 'w');
let dim = 0;
const n = await runOverInputs(cache, inputs, nodes, async (outs) => {
  const rows = tf.tidy(() =>
    tf.concat(
      outs.map((t) => {
        const { mean, variance } = tf.moments(t, [1, 2]);
        return tf.concat([mean, tf.sqrt(tf.maximum(variance, 1e-6))], 1);
      }),
      1,
    ),
  );
  dim = rows.shape[1];
  writeSync(fd, Buffer.from((await rows.data()).buffer));
  rows.dispose();
});
closeSync(fd);
writeFileSync(join(cache, `${outName}.json`), JSON.stringify({ dim, nodes, inputs }));
console.error(`${n} x ${dim} -> ${outName}`);
