// FaceMesh's activations at one layer for every (augmented) FaceMesh input of a cache, computed with the
// extension's own runtime (TF.js, wasm): the frozen part of the photo-vs-art branch, run once so that
// training only runs the part it learns.
//   node training/node/mesh-activations.mjs CACHE_DIR NODE [INPUTS_FILE]
// Reads CACHE_DIR/aug-inputs.u8 (or INPUTS_FILE there), writes CACHE_DIR/act-<node>.f16 (NHWC, float16).
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { runOverInputs } from './facemesh-runner.mjs';

const [cache, node, inputs = 'aug-inputs.u8'] = process.argv.slice(2);

/** IEEE half precision bits of each value (round to nearest; activations are far from the limits). */
function toFloat16(values) {
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    f32[0] = values[i];
    const x = u32[0];
    const sign = (x >>> 16) & 0x8000;
    const exp = ((x >>> 23) & 0xff) - 127 + 15;
    const mant = x & 0x7fffff;
    if (exp <= 0) out[i] = sign;
    else if (exp >= 31) out[i] = sign | 0x7c00;
    else out[i] = sign | (exp << 10) | ((mant + 0x1000) >> 13);
  }
  return out;
}

const outName = `act-${node.replace(/\W+/g, '_')}.f16`;
const out = openSync(join(cache, outName), 'w');
let shape = null;
const n = await runOverInputs(cache, inputs, [node], async ([a]) => {
  shape ??= a.shape;
  writeSync(out, Buffer.from(toFloat16(await a.data()).buffer));
});
closeSync(out);
console.error(`${n} x ${shape.slice(1).join('x')} -> ${outName}`);
