// The analysis worker's entry: answers `{id, job}` with `{id, result}` or `{id, error}`. It has no
// extension APIs; models and wasm are found next to this script inside the package.

import { type AnalysisJob, runJob } from './analysis-jobs';
import type { ModelOptions } from './analyze-pixels';
import { rehearseCheck } from './rehearsal';

const MODELS: ModelOptions = {
  modelBase: new URL('models/', self.location.href).href,
  trainedBase: new URL('models/', self.location.href).href,
  wasmBase: new URL('wasm/', self.location.href).href,
};

// A worker is started just before it is needed (a warm-up or a check): load the model and rehearse the
// check at once (rehearsal.ts), so a check that arrives meanwhile waits only for what is left of the
// load, and one that comes later finds everything warm. A failed load is tried again by the check itself.
let jobsSeen = false;
rehearseCheck(MODELS, () => jobsSeen).catch(() => undefined);

self.onmessage = async ({ data }: MessageEvent<{ id: number; job: AnalysisJob }>) => {
  jobsSeen = true;
  const { id, job } = data;
  try {
    const result = await runJob(job, MODELS);
    // A copy's bytes are handed back, not cloned.
    const transfer = 'bytes' in result ? [result.bytes.buffer as ArrayBuffer] : [];
    self.postMessage({ id, result }, { transfer });
  } catch (error) {
    self.postMessage({ id, error: String(error) });
  }
};
