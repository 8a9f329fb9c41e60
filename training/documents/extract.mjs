// Runs the extension's own face detector and document-crop code (bundled from src/ with esbuild) over
// labelled folders and writes what the document model trains on:
//   node training/documents/extract.mjs OUT DIR [DIR...] [--no-crops] [--max-faces 4] [--part I/N]
// OUT.faces.json: per picture {dir, file, label, kind, group, width, height, scale, faces: [{box, score,
//   eyes}]} (boxes in original px); OUT.crops.i8: one int8 window per face in that order (luma x32,
//   chroma x64, inside-mask 0/1, see src/core/document-crop.ts), unless --no-crops.
// Pictures are brought to the extension's analysis size the way the browser does (scripts/node-images).
// --part I/N takes every N-th picture from the I-th (0-based): N processes share a long run.
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { loadBundle, nodeModels as models } from '../../scripts/node-check.mjs';
import { analysisImage, decodeFile } from '../../scripts/node-images.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const positional = args.filter(
  (a, i) => !a.startsWith('--') && !['--max-faces', '--part'].includes(args[i - 1]),
);
const [out, ...dirs] = positional;
if (!out || dirs.length === 0) {
  console.error('usage: node training/documents/extract.mjs OUT DIR [DIR...] [--no-crops] [--max-faces 4]');
  process.exit(2);
}
const MAX_FACES = Number(opt('max-faces', '4'));
const [PART, PARTS] = opt('part', '0/1').split('/').map(Number);

const { detectFaces, budgetScale, cropFrame, documentCrop } = await loadBundle('training/node/pipeline.ts');

const quantise = (crop) => {
  const q = new Int8Array(crop.length);
  for (let i = 0; i < crop.length; i += 4) {
    q[i] = Math.max(-127, Math.min(127, Math.round(crop[i] * 32)));
    q[i + 1] = Math.max(-127, Math.min(127, Math.round(crop[i + 1] * 64)));
    q[i + 2] = Math.max(-127, Math.min(127, Math.round(crop[i + 2] * 64)));
    q[i + 3] = crop[i + 3];
  }
  return q;
};

const crops = flag('no-crops') ? null : openSync(`${out}.crops.i8`, 'w');
const pictures = [];
let n = 0;
for (const dir of dirs) {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8'));
  for (const [i, l] of labels.entries()) {
    if (i % PARTS !== PART) continue;
    n++;
    try {
      const img = decodeFile(join(dir, l.file));
      const small = analysisImage(l.file, img, budgetScale(img.width, img.height));
      const scale = img.width / small.width;
      const { faces } = await detectFaces(small, models, scale);
      const kept = faces.slice(0, MAX_FACES);
      const rows = kept.map((f) => ({
        box: [f.box.x, f.box.y, f.box.width, f.box.height].map((v) => Math.round(v * scale * 10) / 10),
        score: Math.round(f.score * 1000) / 1000,
        eyes: f.keypoints.slice(0, 2).map(([x, y]) => [Math.round(x * scale), Math.round(y * scale)]),
      }));
      if (crops) {
        for (const f of kept) {
          const crop = documentCrop(small, cropFrame({ box: f.box, eyes: [f.keypoints[0], f.keypoints[1]] }));
          writeSync(crops, quantise(crop));
        }
      }
      pictures.push({
        dir,
        file: l.file,
        label: l.label ?? l.class,
        kind: l.kind,
        group: l.group ?? l.source?.split('@')[0],
        width: img.width,
        height: img.height,
        scale,
        faces: rows,
      });
    } catch (e) {
      console.error(`\n${dir}/${l.file}: ${e}`);
    }
    if (n % 20 === 0) process.stdout.write(`\r${n}`);
  }
}
if (crops) closeSync(crops);
writeFileSync(`${out}.faces.json`, JSON.stringify(pictures));
console.log(
  `\n${pictures.length} pictures, ${pictures.reduce((s, p) => s + p.faces.length, 0)} faces -> ${out}`,
);
