// The analyzer's request handlers, shared by Chrome's offscreen document and Firefox's background
// page: bytes in (as they arrived over the analyzer port), jobs out to the analysis workers with the
// bytes transferred, a Verdict or a safer copy back.
import browser from 'webextension-polyfill';
import type { RequestMap } from '../core/protocol';
import { TIME_LIMIT_RANGE } from '../core/settings';
import type { Answer } from '../platform/analyzer-port';
import type { AnalysisJob, JobResults } from './analysis-jobs';
import { createWorkerPool } from './worker-pool';

/** Two workers use both cores of a small machine for a batch; more would only add memory. */
const WORKERS = Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1));

const pool = createWorkerPool({
  spawn: () => new Worker(browser.runtime.getURL('analysis-worker.js')),
  size: WORKERS,
  idleMs: 60_000,
  // Twice the longest time limit a person can set: by then nobody waits for the answer.
  jobMs: 2 * TIME_LIMIT_RANGE.max * 1000,
});

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
