// Every upload path of upload-patterns §8 (S1-S32) in both browsers, on one small test page each,
// with the shared assertions: nothing reaches the page before the decision, a harmless image is
// released exactly once with the same bytes, "cancel" delivers nothing, a processed copy keeps the
// name and an accepted type, no console errors, and a second upload works. The run writes
// test-results/upload-scenarios.json, from which scripts/coverage-table.mjs builds the README table.
//   SCENARIOS=S1,S14 npx vitest run -c vitest.e2e.config.ts test/e2e/upload-scenarios.e2e.ts
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../server.mjs';
import { facePhoto } from './fixtures/face-photo';
import { gradientPng, namedFile } from './fixtures/images';
import { BROWSERS, type BrowserName, type BrowserSession, launch, type TestPage } from './harness';
import { forbiddenRequests } from './harness/network-recorder';
import { RESULTS } from './harness/paths';
import { desktopMissing, startVirtualDisplay } from './harness/virtual-desktop';
import { StalledError, watchSession, within } from './harness/watchdog';
import { type Ctx, SCENARIOS, type ScenarioResult } from './upload-scenarios/scenarios';

type Server = Awaited<ReturnType<typeof startServer>>;
interface Row {
  scenario: string;
  browser: BrowserName;
  result: ScenarioResult['result'] | 'fail';
  note: string;
}

const only = process.env.SCENARIOS?.split(',');
const selected = SCENARIOS.filter((s) => !only || only.includes(s.id));
const REPORT = join(RESULTS, 'upload-scenarios.json');
/** A driver call still pending after this is a stall (the steps' own waits are at most 20 s). */
const STALL_MS = 40_000;
const rows: Row[] = [];

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let server: Server;
/** A second origin for the cross-origin frame (S11). */
let other: Server;
beforeAll(async () => {
  server = await startServer();
  other = await startServer();
});
afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
  // Merge with rows from earlier partial runs so a SCENARIOS=… rerun updates only its own rows.
  const previous: Row[] = existsSync(REPORT) ? JSON.parse(readFileSync(REPORT, 'utf8')) : [];
  const key = (r: Row) => `${r.scenario}/${r.browser}`;
  const merged = new Map(previous.map((r) => [key(r), r]));
  for (const row of rows) merged.set(key(row), row);
  const order = (r: Row) => Number(r.scenario.slice(1)) * 2 + (r.browser === 'firefox' ? 1 : 0);
  writeFileSync(
    REPORT,
    `${JSON.stringify(
      [...merged.values()].sort((a, b) => order(a) - order(b)),
      null,
      2,
    )}\n`,
  );
});

// E2E_BROWSER=firefox runs one browser (for a quick rerun).
const browsers = BROWSERS.filter((b) => !process.env.E2E_BROWSER || b === process.env.E2E_BROWSER);

describe.each(browsers)('%s', (browserName) => {
  let session: BrowserSession;
  const face = facePhoto();
  const files = {
    harmless: gradientPng('harmless.png', 64, 48),
    second: gradientPng('second.png', 80, 60),
    text: namedFile('notes.txt', 'not an image\n'),
    pdf: namedFile('paper.pdf', '%PDF-1.4\n%fake\n'),
    face,
  };
  beforeAll(async () => {
    session = await launch(browserName, { locale: 'en' });
  });
  afterAll(async () => {
    expect(forbiddenRequests(session.network, browserName)).toEqual([]);
    await session.close();
  });

  for (const scenario of selected) {
    const gap = scenario.gap?.(browserName) ?? null;
    if (gap) {
      // Reported in upload-scenarios.json and the README table as a failure, with the reason.
      rows.push({ scenario: scenario.id, browser: browserName, result: 'fail', note: gap });
      it.skip(`${scenario.id} ${scenario.title}: ${gap}`, () => undefined);
      continue;
    }
    const windowed = scenario.display?.(browserName) ?? false;
    const missing = windowed ? desktopMissing() : null;
    if (missing) {
      const note = `runs in a window on a virtual display: ${missing}`;
      if (process.env.CI) throw new Error(`${scenario.id} ${browserName}: ${note}`);
      rows.push({ scenario: scenario.id, browser: browserName, result: 'fail', note });
      it.skip(`${scenario.id} ${scenario.title}: ${note}`, () => undefined);
      continue;
    }
    // A windowed scenario drives a headful Firefox on a fresh Xvfb display: it usually takes 10-30 s, once
    // 54 s. S27's attempts used to stall now and then in a click that never returned (the test's own button
    // that wrote the clipboard; named by the watchdog, now gone). Every driver call is held to STALL_MS, so
    // a stall fails fast with its name in the log, and a windowed scenario gets one more attempt.
    const patience = windowed ? { retry: 1, timeout: 120_000 } : {};
    it(`${scenario.id} ${scenario.title}`, patience, async () => {
      // A windowed scenario gets its own browser on a virtual display, with its own network check.
      const screen = windowed ? await startVirtualDisplay() : null;
      const own = screen
        ? await within('launch()', STALL_MS, launch(browserName, { locale: 'en', display: screen.display }))
        : null;
      const current = watchSession(own ?? session, STALL_MS);
      const page: TestPage = await current.newPage();
      server.received.length = 0;
      other.received.length = 0;
      const ctx: Ctx = {
        page,
        browser: browserName,
        server,
        other,
        files,
        sha256,
        session: current,
        display: screen?.display ?? null,
      };
      let stalled = false;
      try {
        const name = scenario.id.toLowerCase().replace(/^s(\d)$/, 's0$1');
        await page.goto(`${server.origin}/pages/${name}.html?frame=${encodeURIComponent(other.origin)}`);
        await page.waitFor(() => document.readyState === 'complete');
        const outcome = await scenario.run(ctx);
        expect(page.errors).toEqual([]);
        rows.push({ scenario: scenario.id, browser: browserName, ...outcome });
      } catch (error) {
        // A browser that stopped answering gets no more calls: it is closed (or killed) below.
        stalled = error instanceof StalledError;
        if (!stalled) {
          await page.screenshot(`upload-${scenario.id}-${browserName}-fail`).catch(() => undefined);
        }
        rows.push({
          scenario: scenario.id,
          browser: browserName,
          result: 'fail',
          note: String(error).slice(0, 300),
        });
        throw error;
      } finally {
        if (!stalled) await page.close();
        if (own) {
          expect(forbiddenRequests(own.network, browserName)).toEqual([]);
          await own.close();
        }
        screen?.close();
      }
    });
  }
});
