// Brings each training set's cache up to date: the check's faces and measures (node/collect-faces.mjs),
// augmented FaceMesh inputs and face crops (art/augment_inputs.py), their pooled FaceMesh features
// (node/mesh-features.mjs) and face-look features (node/embed.mjs) for the photo model, copies with parts covered (cover/occlude.py) and
// FaceMesh's features at each part (node/part-features.mjs) for the part-visibility model. A cache is made again when its set's labels.json is newer, or when the code
// that measures faces (every source file the collector bundles) has changed since it was made; the rules
// that score and decide from the measures (scores.ts, risk.ts) are applied afresh by the cross-validation.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from '../scripts/node-check.mjs';
import { availableSets, CACHE, DATA } from './sets.mjs';

/** Where the trained models read FaceMesh and how many copies of each face they learn from. */
const CONFIG = JSON.parse(readFileSync(join(ROOT, 'training/art/config.json'), 'utf8'));
const COVER = JSON.parse(readFileSync(join(ROOT, 'training/cover/config.json'), 'utf8'));

const run = (cmd, args, env = {}) =>
  execFileSync(cmd, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
const newer = (a, b) => !existsSync(b) || statSync(a).mtimeMs > statSync(b).mtimeMs;

const DECISION_RULES = ['src/core/scores.ts', 'src/core/risk.ts'];

/**
 * A digest of the code the collected measures come from: the check's sources the collector bundles and
 * the collector's own (what it reads from the labels included), not packages.
 */
async function measuringCode() {
  const { metafile } = await build({
    entryPoints: [join(ROOT, 'training/node/pipeline.ts'), join(ROOT, 'training/node/collect-faces.mjs')],
    outdir: 'unused', // esbuild wants one for two entry points; write: false keeps it unwritten
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'error',
    absWorkingDir: ROOT,
  });
  const hash = createHash('sha256');
  for (const file of Object.keys(metafile.inputs).sort()) {
    if (file.startsWith('node_modules/') || DECISION_RULES.includes(file)) continue;
    hash.update(file);
    hash.update(readFileSync(join(ROOT, file)));
  }
  return hash.digest('hex');
}

export async function prepare() {
  const caches = [];
  const code = await measuringCode();
  for (const set of availableSets()) {
    const cache = join(CACHE, set.name);
    const faces = join(cache, 'faces.json');
    const stamp = join(cache, 'code.sha256');
    const stale = !existsSync(stamp) || readFileSync(stamp, 'utf8') !== code;
    if (stale || newer(join(set.dir, 'labels.json'), faces)) {
      console.error(`collecting ${set.name}`);
      run(process.execPath, ['training/node/collect-faces.mjs', cache, `${set.name}=${set.dir}`]);
      writeFileSync(stamp, code);
    }
    if (newer(faces, join(cache, 'aug-inputs.json'))) {
      run('/usr/bin/python3', ['training/art/augment_inputs.py', cache, '--copies', String(CONFIG.copies)]);
    }
    if (newer(join(cache, 'aug-inputs.json'), join(cache, 'feat-aug.json'))) {
      run(process.execPath, [
        'training/node/mesh-features.mjs',
        cache,
        'aug-inputs.u8',
        'feat-aug',
        ...CONFIG.pools,
      ]);
    }
    if (newer(join(cache, 'aug-inputs.json'), join(cache, `${CONFIG.look.features}.json`))) {
      const trunk = join(DATA, CONFIG.look.package);
      if (!existsSync(join(trunk, CONFIG.look.model)))
        throw new Error(`face-look trunk not found at ${trunk} (see training/README.md)`);
      run(process.execPath, ['training/node/embed.mjs', cache, trunk, 'centernet'], {
        CROPS: 'aug-crops.u8',
      });
    }
    if (newer(faces, join(cache, 'occ-meta.json'))) {
      run('/usr/bin/python3', ['training/cover/occlude.py', cache, '--copies', String(COVER.copies)]);
    }
    if (newer(join(cache, 'occ-meta.json'), join(cache, 'occ-feat.json'))) {
      run(process.execPath, ['training/node/part-features.mjs', cache]);
    }
    caches.push(cache);
  }
  return caches;
}
