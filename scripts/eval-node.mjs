// Runs the extension's own analysis code (bundled from src/ with esbuild) over a labelled folder:
//   node scripts/eval-node.mjs [DIR] [--sensitivity balanced] [--out test-results/eval.json] [--only a,b]
// Prints per-category metrics and, as the LAST line, one JSON object with the headline numbers.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

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

function decode(file) {
  const buf = readFileSync(file);
  if (buf[0] === 0x89 && buf[1] === 0x50) {
    const png = PNG.sync.read(buf);
    return {
      data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
      width: png.width,
      height: png.height,
    };
  }
  const j = jpeg.decode(buf, {
    useTArray: true,
    formatAsRGBA: true,
    maxMemoryUsageInMB: 2048,
    maxResolutionInMP: 200,
  });
  return {
    data: new Uint8ClampedArray(j.data.buffer, j.data.byteOffset, j.data.length),
    width: j.width,
    height: j.height,
  };
}

/** Box-filter resize of the rectangle (x, y, w, h) of `img` to W x H (stands in for the browser's
 * 'medium' drawImage, which is mipmapped). */
function resize(img, x, y, w, h, W, H) {
  const out = new Uint8ClampedArray(W * H * 4);
  const sx = w / W;
  const sy = h / H;
  for (let oy = 0; oy < H; oy++) {
    const y0 = y + Math.floor(oy * sy);
    const y1 = Math.min(img.height, Math.max(y0 + 1, y + Math.floor((oy + 1) * sy)));
    for (let ox = 0; ox < W; ox++) {
      const x0 = x + Math.floor(ox * sx);
      const x1 = Math.min(img.width, Math.max(x0 + 1, x + Math.floor((ox + 1) * sx)));
      const acc = [0, 0, 0, 0];
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const i = (yy * img.width + xx) * 4;
          acc[0] += img.data[i];
          acc[1] += img.data[i + 1];
          acc[2] += img.data[i + 2];
          acc[3] += img.data[i + 3];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (oy * W + ox) * 4;
      out[o] = acc[0] / n;
      out[o + 1] = acc[1] / n;
      out[o + 2] = acc[2] / n;
      out[o + 3] = acc[3] / n;
    }
  }
  return { data: out, width: W, height: H };
}

const isJpeg = (file) => /\.jpe?g$/i.test(file);

/** What the extension gets for a big JPEG (decode-for-check: ImageDecoder with a desired size): the
 * largest n/8 DCT scale that fits the budget size; box filtering stands in for the DCT scaling. */
function jpegScaled(img, s) {
  const W = Math.round(img.width / s);
  const H = Math.round(img.height / s);
  for (let n = 8; n >= 1; n--) {
    const w = Math.ceil((img.width * n) / 8);
    const h = Math.ceil((img.height * n) / 8);
    if (w <= W && h <= H)
      return w * 2.2 < W || h * 2.2 < H ? downscale(img, s) : resize(img, 0, 0, img.width, img.height, w, h);
  }
  return downscale(img, s);
}

function downscale(img, s) {
  if (s <= 1) return img;
  const W = Math.max(1, Math.round(img.width / s));
  const H = Math.max(1, Math.round(img.height / s));
  return resize(img, 0, 0, img.width, img.height, W, H);
}

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
    const small = isJpeg(l.file) && s > 1.5 ? jpegScaled(img, s) : downscale(img, s);
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
      gt: l.faces.map((f) => f.box[2]),
      risk: r.risk,
      reasons: r.reasons,
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
  const bad =
    (d.label === 'clear-frontal' && d.risk !== 'high') ||
    (d.label !== 'clear-frontal' && d.risk === 'high') ||
    (d.label === 'no-face' && d.risk === 'medium');
  if (bad || d.error)
    console.log('  miss', d.file, d.label, '->', d.risk ?? d.error, '|', d.notes?.slice(0, 70));
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
    errors,
    median_ms: q(0.5),
    p95_ms: q(0.95),
  }),
);
