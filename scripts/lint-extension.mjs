// Runs `web-ext lint` on the Firefox build and fails on any error, and on any warning that the README
// does not explain (the list below mirrors README "Store lint").
import { spawnSync } from 'node:child_process';

/** Each explained warning: its code, the file it may appear in, and why it is harmless. */
const EXPLAINED_WARNINGS = [
  // One manifest serves both browsers: Chrome needs service_worker, Firefox uses scripts.
  { code: 'BACKGROUND_SERVICE_WORKER_IGNORED', file: 'manifest.json' },
  // exifr's full build keeps a dynamic import() that loads Node's fs when given a file path; the
  // extension always passes bytes, so it never runs. The analysis worker bundles exifr.
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: 'analysis-worker.js',
    message: 'Unsafe call to import for argument 0',
  },
];

const explained = (w) =>
  EXPLAINED_WARNINGS.some(
    (e) => e.code === w.code && e.file === w.file && (!e.message || w.message === e.message),
  );

const run = spawnSync(
  'npx',
  ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output', 'json', '--no-config-discovery'],
  {
    encoding: 'utf8',
  },
);
const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
const problems = [...report.errors, ...report.warnings.filter((w) => !explained(w))];
for (const p of [...report.errors, ...report.warnings, ...report.notices]) {
  console.log(`${p._type ?? p.type}: ${p.code} ${p.file ?? ''} ${p.message}`);
}
console.log(
  `web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${problems.length} unexplained)`,
);
process.exit(problems.length ? 1 : 0);
