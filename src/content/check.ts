// One local check, bounded by the person's time limit. Anything other than a well-formed verdict in
// time (no analyzer yet, a crash, a restarted worker, an invalidated extension context) is null:
// "could not check", which the gate answers by releasing the original.
import type { CopyKind, RequestMap } from '../core/protocol';
import type { BlurStyle } from '../core/settings';
import type { Box, Sensitivity, Verdict } from '../core/verdict';
import { AnalyzerUnavailable, askAnalyzer } from '../platform/analyzer-port';
import { send } from '../platform/messaging';
import { fileBytes, fileInfo, toFile } from './payload';

function withLimit<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([work.catch(() => null), timeout]).finally(() => clearTimeout(timer));
}

function isVerdict(value: unknown): value is Verdict {
  const v = value as Partial<Verdict> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.risk === 'string' &&
    Array.isArray(v.reasons) &&
    Array.isArray(v.faces) &&
    typeof v.metadata === 'object'
  );
}

let prepared: Promise<null> | null = null;

/** Starts the analyzer once (Chrome: its offscreen document) so the bytes travel straight to it. */
function prepareAnalyzer(): Promise<null> {
  prepared ??= send('prepare-analyzer', {}).catch((error: unknown) => {
    prepared = null;
    throw error;
  });
  return prepared;
}

/**
 * Asks the analyzer, started first; once more, started anew, when it was not there: its host (Chrome's
 * offscreen document, Firefox's event page) may have closed or crashed since this page last used it.
 */
async function analyze<T extends 'check-image' | 'make-copy'>(
  type: T,
  data: RequestMap[T]['request'],
  file: File,
) {
  const [bytes] = await Promise.all([fileBytes(file), prepareAnalyzer()]);
  try {
    return await askAnalyzer(type, data, bytes);
  } catch (error) {
    if (!(error instanceof AnalyzerUnavailable)) throw error;
    prepared = null;
    await prepareAnalyzer();
    return askAnalyzer(type, data, bytes);
  }
}

export async function checkImage(
  file: File,
  sensitivity: Sensitivity,
  limitMs: number,
): Promise<Verdict | null> {
  const verdict = await withLimit(
    analyze('check-image', { image: fileInfo(file), sensitivity }, file).then(({ result }) => result),
    limitMs,
  );
  return isVerdict(verdict) ? verdict : null;
}

/** A processed copy with the original's name (sites show it), or null when it could not be made. */
export async function makeCopy(
  file: File,
  kind: CopyKind,
  boxes: Box[],
  style: BlurStyle,
  areas: Box[] = [],
): Promise<File | null> {
  try {
    const copy = await analyze('make-copy', { image: fileInfo(file), kind, boxes, areas, style }, file);
    if (!('image' in copy.result)) return null;
    return toFile({ ...fileInfo(file), type: copy.result.image.type || file.type }, copy.bytes);
  } catch {
    return null;
  }
}

/**
 * A sign of an upload coming (src/content/intent.ts): has the analyzer start its worker and model now,
 * and stay up its idle period from now. Asked over the analyzer port, which reaches a running analyzer
 * only; with none (Chrome: no offscreen document), the background starts one, which warms itself.
 */
export async function warmAnalyzer(): Promise<void> {
  try {
    await askAnalyzer('prepare-analyzer', {}, new Uint8Array(0));
  } catch (error) {
    if (!(error instanceof AnalyzerUnavailable)) return;
    prepared = null;
    // Its host was not there: started now, then asked to warm (a new host does not warm on its own).
    await prepareAnalyzer()
      .then(() => askAnalyzer('prepare-analyzer', {}, new Uint8Array(0)))
      .catch(() => undefined);
  }
}
