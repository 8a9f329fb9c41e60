// Runs `web-ext lint` on the Firefox build and fails on any error, and on any warning that the README
// does not explain (the list below mirrors README "Store lint").
import { spawnSync } from 'node:child_process';

const EXPLAINED_WARNINGS = new Set([
  // One manifest serves both browsers: Chrome needs service_worker, Firefox uses scripts.
  'BACKGROUND_SERVICE_WORKER_IGNORED',
]);

const run = spawnSync(
  'npx',
  ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output', 'json', '--no-config-discovery'],
  {
    encoding: 'utf8',
  },
);
const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
const problems = [...report.errors, ...report.warnings.filter((w) => !EXPLAINED_WARNINGS.has(w.code))];
for (const p of [...report.errors, ...report.warnings, ...report.notices]) {
  console.log(`${p._type ?? p.type}: ${p.code} ${p.file ?? ''} ${p.message}`);
}
console.log(
  `web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${problems.length} unexplained)`,
);
process.exit(problems.length ? 1 : 0);
