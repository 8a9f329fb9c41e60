// `npm run bench`: speed and footprint of the local check as built into the extension, in headless
// Chromium. Every figure that compares is a ratio measured in the same run (these machines are shared
// and noisy). Benchmark photos are generated from a dev photo (or synthetic noise when the test photos
// are missing), never committed. Prints one JSON object as its last line. In order: in a first browser,
// the first photo after browser start and warm ones chosen on the demo composer (a protected site), and
// long tasks on that page over a 12 MP check and a 20-photo batch; in a second, the check's steps from
// an extension page, page load with 30 iframes with and without the extension (a third browser,
// interleaved), then, 150 s after the last check with the driver detached, the memory of the
// extension's processes.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { TestPage } from '../test/e2e/harness';
import { installPageCheck } from '../test/e2e/harness/analyzer-client';
import { launchChromium, launchDetachableChromium, wrapPage } from '../test/e2e/harness/chromium';
import { browserPid, extensionMemory } from '../test/e2e/harness/memory';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, REPO } from '../test/e2e/harness/paths';
import { startServer } from '../test/server.mjs';

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

/** The photos made by makePhotos, as files the file chooser can pick: the 12 MP one and 20 of 1 MP. */
async function photoFiles(page: TestPage, dir: string): Promise<{ photo12: string; batch: string[] }> {
  const read = (name: string) =>
    page.evaluate(async (name: string) => {
      const blob = (globalThis as unknown as Record<string, Blob>)[name]!;
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) {
        text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      }
      return btoa(text);
    }, name);
  const photo12 = join(dir, 'photo12.jpg');
  writeFileSync(photo12, Buffer.from(await read('photo12'), 'base64'));
  const one = Buffer.from(await read('photo1'), 'base64');
  const batch = Array.from({ length: 20 }, (_, i) => join(dir, `photo1-${i + 1}.jpg`));
  for (const path of batch) writeFileSync(path, one);
  return { photo12, batch };
}

/** How long a person looks at the file chooser before choosing: time the warm-up has (see README). */
const CHOOSER_PAUSE_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * On the demo composer: chooses `paths` through its file chooser and returns the page-level time from
 * the files being chosen to the verdict on screen (the warning dialog or notice opening), then closes
 * the warning (Escape: nothing is uploaded).
 */
async function chooseToVerdict(page: TestPage, paths: string[]): Promise<number> {
  await page.evaluate(() => {
    const w = globalThis as unknown as { verdictAt: number | null };
    w.verdictAt = null;
    const root = document.documentElement;
    const observer = new MutationObserver(() => {
      if (root.dataset.faceguardDialog === 'open' || root.dataset.faceguardNotice === 'open') {
        w.verdictAt = Date.now();
        observer.disconnect();
      }
    });
    observer.observe(root, { attributes: true });
  });
  let chosenAt = 0;
  await page.chooseFiles('#photo-button', paths, async () => {
    await sleep(CHOOSER_PAUSE_MS);
    chosenAt = Date.now();
  });
  await page.waitFor(
    () => (globalThis as unknown as { verdictAt: number | null }).verdictAt,
    undefined,
    60_000,
  );
  const verdictAt = await page.evaluate(() => (globalThis as unknown as { verdictAt: number }).verdictAt);
  await page.press('Escape');
  await page.waitFor(
    () =>
      !document.documentElement.dataset.faceguardDialog && !document.documentElement.dataset.faceguardNotice,
    undefined,
    20_000,
  );
  return verdictAt - chosenAt;
}

interface BlockingFrame {
  ms: number;
  blocking_ms: number;
  style_layout_ms: number;
  /** Each script that ran in the frame: its kind, what invoked it, its source file, its time. */
  scripts: string[];
}

/** What longTasks keeps in the page between starting its observers and reading them. */
interface LongTaskWatch {
  longTasks: number[];
  frames: BlockingFrame[];
  observers: PerformanceObserver[];
}

/**
 * Counts long tasks on the page (PerformanceObserver 'longtask') while `work` runs, and names what ran in
 * each blocking animation frame (Long Animation Frames: scripts with their source, style and layout), so a
 * long task that comes and goes between runs can be told apart afterwards.
 */
async function longTasks(
  page: TestPage,
  work: () => Promise<unknown>,
): Promise<{ count: number; max: number; blocking_frames: BlockingFrame[] }> {
  await page.evaluate(() => {
    const w = globalThis as unknown as LongTaskWatch;
    w.longTasks = [];
    w.frames = [];
    const tasks = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    });
    tasks.observe({ type: 'longtask' });
    const frames = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const frame = entry as PerformanceEntry & {
          blockingDuration: number;
          styleAndLayoutStart: number;
          scripts: Array<{ invokerType: string; invoker: string; sourceURL: string; duration: number }>;
        };
        if (frame.blockingDuration <= 0) continue;
        w.frames.push({
          ms: Math.round(frame.duration),
          blocking_ms: Math.round(frame.blockingDuration),
          style_layout_ms: frame.styleAndLayoutStart
            ? Math.round(frame.startTime + frame.duration - frame.styleAndLayoutStart)
            : 0,
          scripts: frame.scripts.map(
            (s) =>
              `${s.invokerType} ${s.invoker} (${s.sourceURL.split('/').pop()}) ${Math.round(s.duration)} ms`,
          ),
        });
      }
    });
    frames.observe({ type: 'long-animation-frame' });
    w.observers = [tasks, frames];
  });
  await work();
  await sleep(500);
  const { tasks, frames } = await page.evaluate(() => {
    const w = globalThis as unknown as LongTaskWatch;
    // Left observing, they would count the next measurement's tasks as well.
    for (const observer of w.observers) observer.disconnect();
    return { tasks: w.longTasks, frames: w.frames };
  });
  return { count: tasks.length, max: Math.round(Math.max(0, ...tasks)), blocking_frames: frames };
}

/** Load-event time (ms from navigation start) of url, each browser in turn, `runs` times. */
async function pageLoads(
  withExtension: TestPage,
  without: TestPage,
  url: string,
  runs: number,
): Promise<{ with: number[]; without: number[] }> {
  const loadTime = async (page: TestPage) => {
    await page.goto(url);
    await page.waitFor(() => performance.getEntriesByType('navigation')[0]?.toJSON().loadEventEnd > 0);
    return page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return nav.loadEventStart - nav.startTime;
    });
  };
  const times = { with: [] as number[], without: [] as number[] };
  for (let i = 0; i < runs; i++) {
    // Interleaved (and each first in turn), so both see the same machine load.
    if (i % 2 === 0) {
      times.with.push(await loadTime(withExtension));
      times.without.push(await loadTime(without));
    } else {
      times.without.push(await loadTime(without));
      times.with.push(await loadTime(withExtension));
    }
  }
  return times;
}

const extensionMb = (root: number) => {
  const { bytes, processes } = extensionMemory(root);
  return { mb: round(bytes / 2 ** 20, 1), processes };
};

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

/** After the last check, as the issue asks: past the analyzer's 90 s idle period and its closing. */
const IDLE_WAIT_MS = 150_000;
const LOAD_RUNS = 9;

const launchedAt = performance.now();
const server = await startServer();
const files = mkdtempSync(join(tmpdir(), 'fg-bench-photos-'));

/**
 * The page-level figures, in a browser started as the tests start theirs: in one driven over a CDP
 * connection (launchDetachableChromium, which the idle memory below needs), Playwright copies chosen
 * files into the page instead of handing over their paths (1.0-1.7 s for the 12 MP photo, measured,
 * against 17 ms), which added to every page-level time and gave the warm-up that much longer.
 */
async function onThePage() {
  const pageSession = await launchChromium();
  try {
    const maker = await pageSession.openExtensionPage('popup.html');
    // tsx keeps function names with an `__name` helper that pages do not have.
    await maker.evaluateScript('globalThis.__name = (f) => f');
    await makePhotos(maker, source);
    const { photo12, batch } = await photoFiles(maker, files);
    await maker.close();
    // The first photo after browser start (nothing has run the analyzer yet), then warm ones.
    const composer = await pageSession.newPage();
    await composer.goto(`${server.origin}/`);
    await composer.evaluateScript('globalThis.__name = (f) => f');
    await sleep(1000);
    const first = await chooseToVerdict(composer, [photo12]);
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) warm.push(await chooseToVerdict(composer, [photo12]));
    const longTasks12 = await longTasks(composer, () => chooseToVerdict(composer, [photo12]));
    const longTasksBatch = await longTasks(composer, () => chooseToVerdict(composer, batch));
    return { first, warm, longTasks12, longTasksBatch };
  } finally {
    await pageSession.close();
  }
}

/** What every way out of the bench leaves behind it. */
async function cleanUp() {
  await server.close();
  rmSync(files, { recursive: true, force: true });
}

const {
  first: firstOnPage,
  warm: warmOnPage,
  longTasks12,
  longTasksBatch,
} = await onThePage().catch(async (error: unknown) => {
  await cleanUp();
  throw error;
});
const session = await launchDetachableChromium();
const plain = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'fg-bench-plain-')), {
  executablePath: CHROMIUM_PATH,
  headless: true,
  viewport: { width: 1100, height: 800 },
  args: CHROMIUM_FLAGS,
});
try {
  const page = await session.openExtensionPage('popup.html');
  await installPageCheck(page, session.name);
  await makePhotos(page, source);

  const { first, timing } = await measure(page, RUNS);
  const idNumbers = await idScan(page);
  const lastCheckAt = performance.now();
  const cold = performance.now() - launchedAt;
  await page.close();

  // Page load of a protected page with 30 small iframes, with the extension and without it.
  const withPage = await session.newPage();
  const withoutPage = wrapPage(await plain.newPage());
  const loads = await pageLoads(withPage, withoutPage, `${server.origin}/pages/frames-30.html`, LOAD_RUNS);
  const loadsBare = await pageLoads(
    withPage,
    withoutPage,
    `${server.origin}/pages/frame-small.html`,
    LOAD_RUNS,
  );
  await withPage.close();
  await plain.close();

  const pid = browserPid(session.profileDir);
  const busyMemory = extensionMb(pid);
  // As a person's browser after posting: the welcome tab (opened on install) closed, and no driver
  // attached (an attached driver keeps the service worker from ever stopping).
  for (const tab of session.context.pages()) {
    if (tab.url().startsWith(session.extensionOrigin)) await tab.close();
  }
  await session.detach();
  await sleep(Math.max(0, IDLE_WAIT_MS - (performance.now() - lastCheckAt)));
  // Nothing running could also mean no browser: it must still be there.
  if (!existsSync(`/proc/${pid}`)) throw new Error('the browser ended while idle');
  const idleMemory = extensionMb(pid);

  const single = median(timing.warm1);
  const result = {
    verdict_over_decode_12mp: round(median(timing.verdict12) / median(timing.decode12)),
    first_over_warm: round(firstOnPage / median(warmOnPage)),
    idle_extension_mb: idleMemory.mb,
    page_longtasks: longTasks12.count + longTasksBatch.count,
    page_load_overhead: round(median(loads.with) / median(loads.without)),
    warm_ms_1mp: Math.round(single),
    // Steady state, as warm_ms_1mp is warm: the median of three batches (the first's figure is below).
    batch_20_over_single: round(median(timing.batch20) / single),
    package_bytes: statSync(zip).size,
    details: {
      // Files chosen through the demo composer's file chooser -> warning on screen, 12 MP, after a
      // CHOOSER_PAUSE_MS look at the chooser (the warm-up's time); warm: median of 3.
      first_photo_on_page_ms: Math.round(firstOnPage),
      warm_photo_on_page_ms: Math.round(median(warmOnPage)),
      chooser_pause_ms: CHOOSER_PAUSE_MS,
      longtasks_12mp: longTasks12,
      longtasks_batch_20: longTasksBatch,
      page_load_30_iframes_ms: {
        with: Math.round(median(loads.with)),
        without: Math.round(median(loads.without)),
      },
      page_load_no_iframes_ms: {
        with: Math.round(median(loadsBare.with)),
        without: Math.round(median(loadsBare.without)),
      },
      extension_mb_after_last_check: busyMemory,
      extension_mb_150s_after_last_check: idleMemory,
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
      first_check_in_extension_page_ms: Math.round(first),
      // Reading and scanning a 20,000-character post for ID numbers (done when typing pauses, on idle).
      id_scan_20k: idNumbers,
      browser_launch_to_end_ms: Math.round(cold),
      photos: source ? 'dev_041.jpg scaled to 4000x3000 and 1155x866' : 'generated noise',
    },
  };
  console.log(JSON.stringify(result));
} finally {
  await plain.close().catch(() => undefined);
  await session.close();
  await cleanUp();
}
