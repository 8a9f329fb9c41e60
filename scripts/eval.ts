// `npm run eval -- DIR`: runs the real check, as built into the extension, in headless Chromium over
// DIR/labels.json, writes per-image results next to the build (dist/eval-results.json) and prints the
// summary as its last line (one JSON object). Rows labelled id-document / not-id-document (identity
// documents and pictures that are not) give doc_recall and doc_false_alarm; every row carries the kind of
// document found, or null.
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { launch } from '../test/e2e/harness';
import { analyzerClient } from '../test/e2e/harness/analyzer-client';
import { REPO } from '../test/e2e/harness/paths';

interface Label {
  file: string;
  label: 'clear-frontal' | 'face-not-clear' | 'no-face' | 'id-document' | 'not-id-document';
}

const dir = resolve(process.argv[2] ?? join(REPO, '../shared/testdata/faces'));
const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Label[];
const MIME: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
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

const share = (part: number, whole: number) => (whole ? Number((part / whole).toFixed(3)) : 0);
/** Share of rows with a document found; null when the folder has no such rows. */
const docShare = (of: Array<{ document: string | null }>) =>
  of.length ? share(of.filter((r) => r.document !== null).length, of.length) : null;
const of = (label: Label['label']) => rows.filter((r) => r.label === label);
const high = rows.filter((r) => r.risk === 'high');
const times = rows
  .filter((r) => !r.error)
  .map((r) => r.ms)
  .sort((a, b) => a - b);
const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0);
const summary = {
  n: rows.length,
  recall_high: share(of('clear-frontal').filter((r) => r.risk === 'high').length, of('clear-frontal').length),
  precision_high: share(high.filter((r) => r.label === 'clear-frontal').length, high.length),
  high_on_face_not_clear: share(
    of('face-not-clear').filter((r) => r.risk === 'high').length,
    of('face-not-clear').length,
  ),
  warn_on_no_face: share(
    of('no-face').filter((r) => r.risk === 'high' || r.risk === 'medium').length,
    of('no-face').length,
  ),
  doc_recall: docShare(of('id-document')),
  doc_false_alarm: docShare(of('not-id-document')),
  doc_on_no_face: docShare(of('no-face')),
  errors: rows.filter((r) => r.error || r.risk === 'unknown').length,
  median_ms: pct(0.5),
  p95_ms: pct(0.95),
};
const out = join(REPO, 'dist/eval-results.json');
writeFileSync(out, `${JSON.stringify({ dir, summary, rows }, null, 1)}\n`);
const isDocLabel = (label: string) => label === 'id-document' || label === 'not-id-document';
const missed = (r: (typeof rows)[number]) =>
  isDocLabel(r.label)
    ? (r.label === 'id-document') !== (r.document !== null)
    : (r.label === 'clear-frontal') !== (r.risk === 'high');
for (const r of rows.filter(missed)) {
  console.log(
    `miss: ${r.file} ${r.label} -> ${r.risk} ${r.document ?? '-'} ${r.reasons.join(',')}${r.error ? ` ${r.error}` : ''}`,
  );
}
console.log(`per-image results: ${out}`);
console.log(JSON.stringify(summary));
