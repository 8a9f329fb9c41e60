// What FaceMesh's layers hold at each facial part, for every input of training/cover/occlude.py: the
// features the part-visibility model learns from, read the way the extension reads them (feature-map.ts).
//   node training/node/part-features.mjs CACHE_DIR
// Writes CACHE_DIR/occ-feat.f32: per input, per part (occ-meta.json order), the channels of each layer.
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { loadBundle } from '../../scripts/node-check.mjs';
import { runOverInputs } from './facemesh-runner.mjs';

const [cache] = process.argv.slice(2);
const CONFIG = JSON.parse(readFileSync(new URL('../cover/config.json', import.meta.url), 'utf8'));
const { featuresAt } = await loadBundle('src/core/feature-map.ts');
const S = JSON.parse(readFileSync(join(cache, 'faces.json'), 'utf8')).meshInput;
const meta = JSON.parse(readFileSync(join(cache, 'occ-meta.json'), 'utf8'));
const fd = openSync(join(cache, 'occ-feat.f32'), 'w');
let next = 0;
let dim = 0;
await runOverInputs(cache, 'occ-inputs.u8', CONFIG.layers, async (outs, count) => {
  const maps = await Promise.all(outs.map((t) => t.data()));
  for (let b = 0; b < count; b++) {
    const copy = meta.copies[next++];
    const row = [];
    for (const part of meta.parts) {
      const [x, y] = copy.centres[part];
      outs.forEach((t, k) => {
        const [, h, w, c] = t.shape;
        const one = maps[k].subarray(b * h * w * c, (b + 1) * h * w * c);
        row.push(...featuresAt(one, h, w, c, S, x, y));
      });
    }
    dim = row.length / meta.parts.length;
    writeSync(fd, Buffer.from(Float32Array.from(row).buffer));
  }
});
closeSync(fd);
writeFileSync(
  join(cache, 'occ-feat.json'),
  JSON.stringify({ dim, parts: meta.parts, layers: CONFIG.layers }),
);
console.error(`${next} inputs x ${meta.parts.length} parts x ${dim}`);
