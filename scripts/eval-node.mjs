// Runs the extension's own analysis code (bundled from src/ with esbuild) over a labelled folder:
//   node scripts/eval-node.mjs [DIR] [--sensitivity balanced] [--out test-results/eval.json] [--only a,b]
// Prints per-category metrics and, as the LAST line, one JSON object with the headline numbers.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { analysisImage, decode, resize } from './node-image.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
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

const bundle = '/tmp/faceguard-eval-bundle.mjs';
await build({
  entryPoints: [join(ROOT, 'src/analysis/analyze-pixels.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundle,
  logLevel: 'error',
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; import { dirname as __dn } from 'node:path'; import { fileURLToPath as __fu } from 'node:url'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);",
  },
});
const { analyzePixels, budgetScale, ANALYSIS_PIXELS } = await import(
  `${pathToFileURL(bundle).href}?t=${Date.now()}`
);

const MAX_PIXELS = MAX_PIXELS_ARG ? Number(MAX_PIXELS_ARG) : ANALYSIS_PIXELS;
const NO_REGION = args.includes('--no-region');

const models = {
  modelBase: join(ROOT, 'node_modules/@vladmandic/human/models'),
  wasmBase: join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist'),
  readFile: async (p) => {
    const b = readFileSync(p);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  },
};

const labels = JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8')).filter(
  (l) => !ONLY || ONLY.split(',').includes(l.file),
);
const details = [];
const times = [];
let errors = 0;
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
    const img = decode(join(DIR, l.file));
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
    times.push(ms);
    details.push({
      file: l.file,
      label: l.label,
      notes: l.notes,
      gt: (l.faces ?? []).map((f) => f.box[2]),
      risk: r.risk,
      reasons: r.reasons,
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
    errors++;
    details.push({ file: l.file, label: l.label, error: String(e?.stack ?? e) });
  }
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(details, null, 1));

const by = (lab) => details.filter((d) => d.label === lab && !d.error);
const share = (arr, f) => (arr.length ? arr.filter(f).length / arr.length : 0);
const cf = by('clear-frontal');
const nc = by('face-not-clear');
const nf = by('no-face');
const high = details.filter((d) => d.risk === 'high');
const r3 = (x) => Math.round(x * 1000) / 1000;
/** Share of rows with a document found; null when there are none. */
const docShare = (arr) => (arr.length ? r3(share(arr, (d) => d.document !== null)) : null);
for (const [name, arr] of [
  ['clear-frontal', cf],
  ['face-not-clear', nc],
  ['no-face', nf],
]) {
  const counts = {};
  for (const d of arr) counts[d.risk] = (counts[d.risk] ?? 0) + 1;
  console.log(name.padEnd(15), arr.length, JSON.stringify(counts));
}
for (const d of details) {
  const doc = d.label === 'id-document' || d.label === 'not-id-document';
  const bad = doc
    ? (d.label === 'id-document') !== (d.document !== null)
    : (d.label === 'clear-frontal' && d.risk !== 'high') ||
      (d.label !== 'clear-frontal' && d.risk === 'high') ||
      (d.label === 'no-face' && d.risk === 'medium');
  if (bad || d.error)
    console.log(
      '  miss',
      d.file,
      d.label,
      '->',
      d.risk ?? d.error,
      d.document ?? '-',
      '|',
      d.notes?.slice(0, 70),
    );
}
times.sort((a, b) => a - b);
const q = (p) =>
  times.length ? Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]) : 0;
console.log(
  JSON.stringify({
    n: details.length,
    recall_high: r3(share(cf, (d) => d.risk === 'high')),
    precision_high: r3(
      high.length ? high.filter((d) => d.label === 'clear-frontal').length / high.length : 0,
    ),
    high_on_face_not_clear: r3(share(nc, (d) => d.risk === 'high')),
    warn_on_no_face: r3(share(nf, (d) => d.risk === 'high' || d.risk === 'medium')),
    doc_recall: docShare(by('id-document')),
    doc_false_alarm: docShare(by('not-id-document')),
    doc_on_no_face: docShare(nf),
    errors,
    median_ms: q(0.5),
    p95_ms: q(0.95),
  }),
);
