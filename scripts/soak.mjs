#!/usr/bin/env node
// The seeded random soak (test/e2e/soak/run.ts), in each browser in turn:
//   npm run soak -- --steps 500 --seed 17 [--browser chromium|firefox] [--fault-rate 0.3] [--from 175]
// (--from N replays a long run from its step N: the plans before it are drawn, not run)
// It runs test/e2e/soak.e2e.ts under vitest (which serialises the page functions as the e2e tests
// do), printing one line per step and one per problem found. The last line is one JSON object per
// browser (a list when both ran): {browser, steps, faults, lost, duplicated, wrong, stuck,
// page_errors, seed, memory_mb, extension_mb, network, problems}. The exit code is vitest's: non-zero
// when any count that must be 0 is not.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

const steps = option('steps') ?? '100';
const seed = option('seed') ?? String(Math.floor(Math.random() * 2 ** 31));
const browser = option('browser');
const from = option('from') ?? '1';
if (
  !/^\d+$/.test(steps) ||
  !/^\d+$/.test(seed) ||
  !/^\d+$/.test(from) ||
  (browser && !['chromium', 'firefox'].includes(browser))
) {
  console.error(
    'usage: npm run soak -- --steps N --seed S [--browser chromium|firefox] [--fault-rate R] [--from N]',
  );
  process.exit(2);
}

// One report file a run, so that soaks in both browsers may run side by side.
const REPORT = `${ROOT}test-results/soak-${browser ?? 'both'}-${seed}-${process.pid}.json`;
rmSync(REPORT, { force: true });
const run = spawnSync('npx', ['vitest', 'run', '-c', 'vitest.e2e.config.ts', 'test/e2e/soak.e2e.ts'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: {
    ...process.env,
    SOAK_STEPS: steps,
    SOAK_SEED: seed,
    SOAK_FAULT_RATE: option('fault-rate') ?? '',
    SOAK_FROM: from,
    SOAK_REPORT: REPORT,
    ...(browser ? { E2E_BROWSER: browser } : {}),
  },
});
if (!existsSync(REPORT)) {
  console.error('the soak wrote no report');
  process.exit(run.status || 1);
}
const results = JSON.parse(readFileSync(REPORT, 'utf8'));
rmSync(REPORT, { force: true });
console.log(JSON.stringify(results.length === 1 ? results[0] : results));
process.exit(run.status ?? 1);
