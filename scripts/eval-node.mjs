// Runs the extension's own analysis code (bundled from src/ with esbuild) over a labelled folder:
//   node scripts/eval-node.mjs [DIR] [--sensitivity balanced] [--out test-results/eval.json] [--only a,b]
// Prints per-category metrics and, as the LAST line, one JSON object with the headline numbers.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isArt, misses, summarize } from './eval-summary.mjs';
import { loadBundle, nodeModels, ROOT } from './node-check.mjs';
import { analysisImage, decodeFile, resize } from './node-images.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const DIR = args[0] && !args[0].startsWith('--') ? args[0] : '/work/shared/testdata/faces';
const SENS = opt('sensitivity', 'balanced');
const OUT = opt('out', join(ROOT, 'test-results', 'eval-details.json'));
const ONLY = opt('only', '');
/** Pixel budget before analysis; default: the extension's own (ANALYSIS_PIXELS). */
const MAX_PIXELS_ARG = opt('max-pixels', '');

const { analyzePixels, budgetScale, ANALYSIS_PIXELS } = await loadBundle('src/analysis/analyze-pixels.ts');

const MAX_PIXELS = MAX_PIXELS_ARG ? Number(MAX_PIXELS_ARG) : ANALYSIS_PIXELS;
const NO_REGION = args.includes('--no-region');

const models = nodeModels;

const labels = JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8')).filter(
  (l) => !ONLY || ONLY.split(',').includes(l.file),
);
const details = [];
// Warm-up so model loading is not counted as per-image time.
await analyzePixels(
  { data: new Uint8ClampedArray(64 * 64 * 4), width: 64, height: 64 },
  { width: 64, height: 64 },
  1,
  SENS,
  models,
);
for (const l of labels) {
  try {
    const img = decodeFile(join(DIR, l.file));
    const s = budgetScale(img.width, img.height, MAX_PIXELS);
    const t0 = performance.now();
    const small = analysisImage(l.file, img, s);
    const tDecoded = performance.now();
    const r = await analyzePixels(
      small,
      {
        width: img.width,
        height: img.height,
        region: NO_REGION ? undefined : (x, y, w, h, W, H) => resize(img, x, y, w, h, W, H),
      },
      img.width / small.width,
      SENS,
      models,
    );
    const ms = performance.now() - tDecoded;
    details.push({
      file: l.file,
      label: l.label,
      class: l.class,
      notes: l.notes,
      gt: (l.faces ?? []).map((f) => f.box[2]),
      risk: r.risk,
      reasons: r.reasons.map((x) => x.key),
      document: r.document?.kind ?? null,
      documentScore: r.document?.score,
      ms: Math.round(ms),
      resize_ms: Math.round(tDecoded - t0),
      timings: r.timings,
      faces: r.faces.map((f) => ({
        box: f.box,
        w: Math.round(f.faceWidth),
        eye: Math.round(f.eyeDistance),
        pose: f.pose,
        score: f.score,
        eyesOpen: f.eyesOpen,
        sharp: f.sharpness,
        occ: f.occlusion,
        real: f.realness,
        cues: f.cues,
        landmarks: f.landmarks,
      })),
    });
  } catch (e) {
    details.push({
      file: l.file,
      label: l.label,
      class: l.class,
      risk: 'error',
      reasons: [],
      error: String(e?.stack ?? e),
    });
  }
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(details, null, 1));

for (const [name, test] of [
  ['clear-frontal', (d) => d.label === 'clear-frontal'],
  ['face-not-clear', (d) => d.label === 'face-not-clear'],
  ['no-face', (d) => d.label === 'no-face'],
  ['art', isArt],
]) {
  const counts = {};
  for (const d of details.filter((d) => !d.error && test(d))) counts[d.risk] = (counts[d.risk] ?? 0) + 1;
  console.log(name.padEnd(15), JSON.stringify(counts));
}
for (const d of misses(details)) {
  console.log(
    '  miss',
    d.file,
    d.label ?? d.class,
    '->',
    d.risk ?? d.error,
    d.document ?? '-',
    '|',
    d.notes?.slice(0, 70),
  );
}
console.log(JSON.stringify(summarize(details)));
