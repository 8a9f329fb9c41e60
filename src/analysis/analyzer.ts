// The analyzer's request handlers, shared by Chrome's offscreen document and Firefox's background
// page: bytes in (as they arrived over the analyzer port), jobs out to the analysis workers with the
// bytes transferred, a Verdict or a safer copy back. Nothing is left running: after ANALYZER_IDLE_MS
// with no job the workers stop (the model's memory goes with them) and the host is told, so Chrome's
// offscreen document can be closed too; the next warm-up or check starts a worker again.
import browser from 'webextension-polyfill';
import type { AnalyzerState, RequestMap } from '../core/protocol';
import { TIME_LIMIT_RANGE } from '../core/settings';
import type { Answer } from '../platform/analyzer-port';
import type { AnalysisJob, JobResults } from './analysis-jobs';
import { createWorkerPool } from './worker-pool';

/** Two workers use both cores of a small machine for a batch; more would only add memory. */
const WORKERS = Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1));

/**
 * How long the analyzer stays loaded after its last job or warm-up: 90 s, long enough for the next
 * photo of the same post (or a warm-up followed by a slow choice in the file chooser) to find it warm,
 * short enough that nothing stays in memory once the person has moved on. A build-time constant
 * (`node build.mjs --analyzer-idle-ms=N`, used only by the e2e tests' own builds): the shipped build
 * cannot be told otherwise.
 */
export const ANALYZER_IDLE_MS = __ANALYZER_IDLE_MS__;

let released: () => void = () => undefined;

const pool = createWorkerPool({
  spawn: () => new Worker(browser.runtime.getURL('analysis-worker.js')),
  size: WORKERS,
  idleMs: Math.min(60_000, ANALYZER_IDLE_MS),
  // Twice the longest time limit a person can set: by then nobody waits for the answer.
  jobMs: 2 * TIME_LIMIT_RANGE.max * 1000,
  releaseMs: ANALYZER_IDLE_MS,
  onRelease: () => released(),
});

/** Starts a worker (which loads the model) ahead of the first check, and keeps the analyzer up a while. */
export function warmAnalyzer(): void {
  pool.warm();
}

/** What runs now (for the analyzer-state request: tests, diagnostics). */
export function analyzerState(): AnalyzerState {
  return pool.state();
}

/** Called after the workers were released for being idle (Chrome: close the offscreen document). */
export function onAnalyzerReleased(listener: () => void): void {
  released = listener;
}

function run<T extends AnalysisJob['type']>(job: Extract<AnalysisJob, { type: T }>): Promise<JobResults[T]> {
  return pool.run(job, [job.bytes.buffer as ArrayBuffer]) as Promise<JobResults[T]>;
}

export async function handleCheck(
  { image, sensitivity }: RequestMap['check-image']['request'],
  bytes: Uint8Array,
): Promise<Answer<'check-image'>> {
  return { result: await run({ type: 'check-image', bytes, mime: image.type, sensitivity }) };
}

export async function handleCopy(
  { image, kind, boxes, areas, style }: RequestMap['make-copy']['request'],
  bytes: Uint8Array,
): Promise<Answer<'make-copy'>> {
  const copy = await run({
    type: 'make-copy',
    bytes,
    mime: image.type,
    name: image.name,
    kind,
    boxes,
    areas: areas ?? [],
    style,
  });
  if ('error' in copy) return { result: { error: copy.error } };
  return {
    result: { image: { name: copy.name, type: copy.type, lastModified: image.lastModified } },
    bytes: copy.bytes,
  };
}
