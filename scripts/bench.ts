// `npm run bench`: speed of the local check as built into the extension, in headless Chromium.
// Every figure that compares is a ratio measured in the same run (these machines are shared and
// noisy). Benchmark photos are generated from a dev photo (or synthetic noise when the test photos
// are missing), never committed. Prints one JSON object as its last line.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { launch, type TestPage } from '../test/e2e/harness';
import { installPageCheck } from '../test/e2e/harness/analyzer-client';
import { REPO } from '../test/e2e/harness/paths';

const SOURCE = join(REPO, '../shared/testdata/faces/dev_041.jpg');
const RUNS = 7;

/** Runs in the extension page: builds width x height JPEGs from the source photo (tiled and scaled). */
async function makePhotos(page: TestPage, sourceBase64: string | null) {
  await page.evaluate(async (source: string | null) => {
    const w = globalThis as unknown as Record<string, unknown>;
    let img: ImageBitmap | null = null;
    if (source) {
      const bytes = Uint8Array.from(atob(source), (c) => c.charCodeAt(0));
      img = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
    }
    const make = async (width: number, height: number) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      if (img) {
        ctx.drawImage(img, 0, 0, width, height);
      } else {
        const data = ctx.createImageData(width, height);
        for (let i = 0; i < data.data.length; i++) data.data[i] = (i * 2654435761) >>> 24;
        ctx.putImageData(data, 0, 0);
      }
      return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    };
    w.photo12 = await make(4000, 3000);
    w.photo1 = await make(1155, 866);
  }, sourceBase64);
}

interface Timing {
  decode12: number[];
  verdict12: number[];
  /** The analyzer's own step timings (ms) of each 12 MP verdict. */
  steps12: Array<Record<string, number>>;
  warm1: number[];
  /** Three batches of 20 in a row: the first also starts the second analysis worker. */
  batch20: number[];
}

/** Runs in the extension page, through the same steps a content script takes (installPageCheck). */
async function measure(page: TestPage, runs: number): Promise<{ first: number; timing: Timing }> {
  return page.evaluate(async (runs: number) => {
    type Check = (
      blob: Blob,
      sensitivity: string,
    ) => Promise<{ verdict: { risk: string; timings: Record<string, number> }; ms: number }>;
    const w = globalThis as unknown as { photo12: Blob; photo1: Blob; faceguardCheck: Check };
    let lastTimings: Record<string, number> = {};
    const verdict = async (blob: Blob) => {
      const { verdict, ms } = await w.faceguardCheck(blob, 'balanced');
      lastTimings = verdict.timings;
      return ms;
    };
    const decode = async (blob: Blob) => {
      const start = performance.now();
      const bitmap = await createImageBitmap(blob);
      bitmap.close();
      return performance.now() - start;
    };
    const first = await verdict(w.photo1);
    const timing: Timing = { decode12: [], verdict12: [], steps12: [], warm1: [], batch20: [] };
    for (let i = 0; i < runs; i++) {
      // Interleaved, so both see the same machine load.
      timing.decode12.push(await decode(w.photo12));
      timing.verdict12.push(await verdict(w.photo12));
      timing.steps12.push(lastTimings);
      timing.warm1.push(await verdict(w.photo1));
    }
    for (let i = 0; i < 3; i++) {
      const batchStart = performance.now();
      await Promise.all(Array.from({ length: 20 }, () => verdict(w.photo1)));
      timing.batch20.push(performance.now() - batchStart);
    }
    return { first, timing };
  }, runs);
}

/** The ID-number watch on a 20,000-character post (scripts/id-scan-page.ts), in the extension page. */
async function idScan(page: TestPage): Promise<unknown> {
  const bundle = await build({
    entryPoints: [join(REPO, 'scripts/id-scan-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    define: { __BROWSER__: '"chrome"' },
  });
  await page.evaluateScript(bundle.outputFiles[0]!.text);
  return page.evaluate(() => (globalThis as unknown as { faceguardIdScan: () => unknown }).faceguardIdScan());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 2) => Number(x.toFixed(digits));

const zip = join(
  REPO,
  `dist/faceguard-chrome-${JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version}.zip`,
);
const source = existsSync(SOURCE) ? readFileSync(SOURCE).toString('base64') : null;
if (!source) console.warn('test photos not found: benchmarking with generated noise images');

const launchedAt = performance.now();
const session = await launch('chromium');
try {
  const page = await session.openExtensionPage('popup.html');
  await installPageCheck(page, session.name);
  await makePhotos(page, source);
  const { first, timing } = await measure(page, RUNS);
  const idNumbers = await idScan(page);
  // Cold start: from launching the browser to the first verdict, minus the time spent making photos.
  const cold = performance.now() - launchedAt;
  const single = median(timing.warm1);
  const result = {
    verdict_over_decode_12mp: round(median(timing.verdict12) / median(timing.decode12)),
    cold_start_ms: Math.round(first),
    warm_ms_1mp: Math.round(single),
    // Steady state, as warm_ms_1mp is warm: the median of three batches (the first's figure is below).
    batch_20_over_single: round(median(timing.batch20) / single),
    package_bytes: statSync(zip).size,
    details: {
      decode_12mp_ms: Math.round(median(timing.decode12)),
      verdict_12mp_ms: Math.round(median(timing.verdict12)),
      batch_20_ms: Math.round(median(timing.batch20)),
      first_batch_20_ms: Math.round(timing.batch20[0]!),
      // Where a 12 MP verdict's time goes inside the analyzer (medians); the rest is transfer.
      analyzer_steps_12mp_ms: Object.fromEntries(
        Object.keys(timing.steps12[0] ?? {}).map((k) => [
          k,
          Math.round(median(timing.steps12.map((s) => s[k] ?? 0))),
        ]),
      ),
      runs: RUNS,
      // Reading and scanning a 20,000-character post for ID numbers (done when typing pauses, on idle).
      id_scan_20k: idNumbers,
      browser_launch_to_end_ms: Math.round(cold),
      photos: source ? 'dev_041.jpg scaled to 4000x3000 and 1155x866' : 'generated noise',
    },
  };
  console.log(JSON.stringify(result));
} finally {
  await session.close();
}
