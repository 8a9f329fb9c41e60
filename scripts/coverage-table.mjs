#!/usr/bin/env node
// Writes the upload-path coverage table into README.md (between the coverage markers) from
// test-results/upload-scenarios.json, which the upload-scenarios e2e run produces.
//   node scripts/coverage-table.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const ROOT = new URL('../', import.meta.url);
const START = '<!-- upload-coverage:start -->';
const END = '<!-- upload-coverage:end -->';
const MARK = { pass: 'pass', fallback: 'fallback', fail: '**fail**' };

const rows = JSON.parse(readFileSync(new URL('test-results/upload-scenarios.json', ROOT), 'utf8'));
const byScenario = new Map();
for (const row of rows) {
  const entry = byScenario.get(row.scenario) ?? {};
  entry[row.browser] = row;
  byScenario.set(row.scenario, entry);
}
const cell = (row) => (row ? MARK[row.result] : 'not run');
const cellText = (text) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const lines = [
  '| scenario | Chromium | Firefox | notes |',
  '|---|---|---|---|',
  ...[...byScenario.entries()]
    .sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)))
    .map(([scenario, { chromium, firefox }]) => {
      const notes = [...new Set([chromium?.note, firefox?.note].filter(Boolean))].map(cellText).join(' / ');
      return `| ${scenario} | ${cell(chromium)} | ${cell(firefox)} | ${notes} |`;
    }),
];

const readmeUrl = new URL('README.md', ROOT);
const readme = readFileSync(readmeUrl, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start === -1 || end === -1) throw new Error(`README.md lacks the ${START} … ${END} markers`);
writeFileSync(
  readmeUrl,
  `${readme.slice(0, start + START.length)}\n${lines.join('\n')}\n${readme.slice(end)}`,
);
console.log(`coverage table: ${byScenario.size} scenarios`);
