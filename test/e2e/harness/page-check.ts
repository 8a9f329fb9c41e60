// Bundled by analyzer-client.ts and run in an extension page: the content script's own check
// (src/content/check.ts: prepare the analyzer, read the file, send it over the analyzer port), so eval,
// bench and e2e measure exactly what ships.
import { checkImage } from '../../../src/content/check';
import type { Sensitivity, Verdict } from '../../../src/core/verdict';

/** Long enough for any single check on a loaded machine: the harness wants the verdict, not a fail-open. */
const LIMIT_MS = 120_000;

async function faceguardCheck(
  blob: Blob,
  sensitivity: Sensitivity,
): Promise<{ verdict: Verdict; ms: number }> {
  const start = performance.now();
  const verdict = await checkImage(new File([blob], 'image', { type: blob.type }), sensitivity, LIMIT_MS);
  if (!verdict) throw new Error('no verdict');
  return { verdict, ms: performance.now() - start };
}

(globalThis as unknown as { faceguardCheck: typeof faceguardCheck }).faceguardCheck = faceguardCheck;
