// File-list bookkeeping for the upload gate. PURE (no DOM, no extension APIs): which files of a
// selection need holding, what each held file became, and the list the site finally receives.
import { isImageCandidate } from './file-kind';

/** What happened to one file of a held selection. */
export type Outcome<F> = 'keep' | 'drop' | { replace: F };

interface FileLike {
  name: string;
  type: string;
}

/**
 * Synchronous first look, made inside the event before any byte can be read: true when the file
 * may be an image (by name or type, or because its type says nothing). Files that fail this pass
 * untouched; the rest are held and decided by their magic bytes.
 */
export function mayBeImage(file: FileLike): boolean {
  const type = file.type.trim().toLowerCase();
  return type === '' || type === 'application/octet-stream' || isImageCandidate(file.name, file.type);
}

/** The files the site receives, in the original order: kept files, replacements, no dropped ones. */
export function filesToRelease<F>(files: readonly F[], outcomes: readonly Outcome<F>[]): F[] {
  if (outcomes.length !== files.length) throw new Error('one outcome per file');
  const out: F[] = [];
  files.forEach((file, i) => {
    const outcome = outcomes[i]!;
    if (outcome === 'keep') out.push(file);
    else if (outcome !== 'drop') out.push(outcome.replace);
  });
  return out;
}

/** Runs fn over items with at most `limit` running at once; results keep the items' order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Whether an input's `accept` attribute allows a file (HTML rules: comma-separated MIME types,
 * `type/*` wildcards and `.ext` suffixes; empty accepts everything). Used before delivering a
 * processed copy whose type may differ from the original's.
 */
export function acceptsFile(accept: string, file: FileLike): boolean {
  const tokens = accept
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  if (tokens.length === 0) return true;
  const type = file.type.toLowerCase();
  const name = file.name.toLowerCase();
  return tokens.some((token) => {
    if (token.startsWith('.')) return name.endsWith(token);
    if (token.endsWith('/*')) return type.startsWith(token.slice(0, -1));
    return token === type;
  });
}
