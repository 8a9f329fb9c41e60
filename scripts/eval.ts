// `npm run eval -- DIR`: runs the real check, as built into the extension, in headless Chromium over
// DIR/labels.json, writes per-image results next to the build (dist/eval-results.json) and prints the
// summary as its last line (one JSON object). Every row carries the kind of identity document found, or
// null; rows labelled id-document / not-id-document give doc_recall and doc_false_alarm
// (scripts/eval-summary.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { launch } from '../test/e2e/harness';
import { analyzerClient } from '../test/e2e/harness/analyzer-client';
import { REPO } from '../test/e2e/harness/paths';
import { misses, summarize } from './eval-summary.mjs';

/** A labelled picture: the dev set's labels, or others (art / photo, documents), which the figures
 * that do not concern them skip. */
interface Label {
  file: string;
  label?: string;
  class?: string;
}

const dir = resolve(process.argv[2] ?? join(REPO, '../shared/testdata/faces'));
const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Label[];
const MIME: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
  '.avif': 'image/avif',
};

const session = await launch('chromium');
const rows: Array<
  Label & { risk: string; reasons: string[]; document: string | null; ms: number; error?: string }
> = [];
try {
  const client = await analyzerClient(session);
  for (const item of labels) {
    try {
      const { verdict, ms } = await client.check(
        join(dir, item.file),
        MIME[extname(item.file).toLowerCase()] ?? '',
      );
      rows.push({
        ...item,
        risk: verdict.risk,
        reasons: verdict.reasons.map((r) => r.key),
        document: verdict.document?.kind ?? null,
        ms,
      });
    } catch (error) {
      rows.push({ ...item, risk: 'error', reasons: [], document: null, ms: 0, error: String(error) });
    }
  }
} finally {
  await session.close();
}

const summary = summarize(rows);
const out = join(REPO, 'dist/eval-results.json');
writeFileSync(out, `${JSON.stringify({ dir, summary, rows }, null, 1)}\n`);
for (const r of misses(rows)) {
  console.log(
    `miss: ${r.file} ${r.label ?? r.class} -> ${r.risk} ${r.document ?? '-'} ${r.reasons.join(',')}${r.error ? ` ${r.error}` : ''}`,
  );
}
console.log(`per-image results: ${out}`);
console.log(JSON.stringify(summary));
