// Nothing left running, no cold first photo: the analyzer (workers, the model in them, Chrome's
// offscreen document) is released after its idle period and comes back for the next check with the
// right verdict; on a protected page a sign of an upload coming warms it before any file is chosen,
// and loading the page alone does not. Runs a build whose idle period is 4 s instead of the shipped
// 90 s (`node build.mjs --analyzer-idle-ms`), in both browsers.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../server.mjs';
import { testdataDir } from '../unit/testdata';
import { BROWSERS, type BrowserName, type BrowserSession, launch, type TestPage } from './harness';
import { type AnalyzerClient, analyzerClient } from './harness/analyzer-client';
import { type AnalyzerSnapshot, analyzerSnapshot, buildWithIdle } from './harness/analyzer-state';
import { forbiddenRequests } from './harness/network-recorder';

const IDLE_MS = 4000;
const faces = testdataDir('faces');
/** The plain (not HARD) frontal portrait with the biggest face: judged high by every generation. */
const portrait: string | null = faces.dir
  ? (
      JSON.parse(readFileSync(join(faces.dir, 'labels.json'), 'utf8')) as Array<{
        file: string;
        label: string;
        notes: string;
        faces: Array<{ box: number[] }>;
      }>
    )
      .filter((l) => l.label === 'clear-frontal' && !l.notes.includes('HARD'))
      .sort(
        (a, b) => Math.max(...b.faces.map((f) => f.box[2]!)) - Math.max(...a.faces.map((f) => f.box[2]!)),
      )[0]!.file
  : null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the analyzer until `done` holds or `ms` pass; returns the last snapshot. */
async function waitForAnalyzer(
  page: TestPage,
  browserName: BrowserName,
  done: (s: AnalyzerSnapshot) => boolean,
  ms: number,
): Promise<AnalyzerSnapshot> {
  const deadline = Date.now() + ms;
  for (;;) {
    const snapshot = await analyzerSnapshot(page, browserName);
    if (done(snapshot) || Date.now() > deadline) return snapshot;
    await sleep(200);
  }
}

const released = (browserName: BrowserName) => (s: AnalyzerSnapshot) =>
  s.workers === 0 && (browserName === 'firefox' || !s.host);
const warm = (s: AnalyzerSnapshot) => s.workers > 0;

let dist = '';
beforeAll(() => {
  dist = buildWithIdle(IDLE_MS);
});
afterAll(() => {
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe.each(BROWSERS)('%s', (browserName) => {
  let session: BrowserSession;
  let client: AnalyzerClient;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
    session = await launch(browserName, { dist });
    client = await analyzerClient(session);
  });
  afterAll(async () => {
    if (session) expect(forbiddenRequests(session.network, browserName)).toEqual([]);
    await session?.close();
    await server?.close();
  });

  /** The demo composer (a protected site), loaded and left alone for longer than a warm-up takes. */
  const openComposer = async () => {
    const page = await session.newPage();
    await page.goto(`${server.origin}/`);
    await sleep(1500);
    return page;
  };

  it('does not warm the analyzer on page load; warms it when the composer gets the focus', async () => {
    const page = await openComposer();
    // Nothing has run the analyzer in this browser yet: loading a protected page must not start it.
    expect(await analyzerSnapshot(client.page, browserName)).toEqual({
      workers: 0,
      host: browserName === 'firefox',
    });
    await page.click('#text');
    expect(await waitForAnalyzer(client.page, browserName, warm, 10_000)).toEqual({ workers: 1, host: true });
    await page.close();
    expect(await waitForAnalyzer(client.page, browserName, released(browserName), IDLE_MS + 15_000)).toEqual({
      workers: 0,
      host: browserName === 'firefox',
    });
  }, 60_000);

  it('warms the analyzer while the file chooser is open, before any file is chosen', async () => {
    const page = await openComposer();
    expect(released(browserName)(await analyzerSnapshot(client.page, browserName))).toBe(true);
    let whileOpen: AnalyzerSnapshot | null = null;
    // The person picks nothing: the chooser is answered with no file.
    await page.chooseFiles('#photo-button', [], async () => {
      whileOpen = await waitForAnalyzer(client.page, browserName, warm, 10_000);
    });
    expect(whileOpen).toEqual({ workers: 1, host: true });
    await page.close();
  }, 60_000);

  it.skipIf(!faces.dir)(
    'releases the analyzer after its idle period, and a check after that still warns on a portrait',
    async () => {
      const path = join(faces.dir!, portrait!);
      expect((await client.check(path, 'image/jpeg')).verdict.risk).toBe('high');
      const running = await analyzerSnapshot(client.page, browserName);
      expect(running).toEqual({ workers: 1, host: true });
      // Released within the idle period and the time it takes to close (Chrome: the document too).
      const snapshot = await waitForAnalyzer(
        client.page,
        browserName,
        released(browserName),
        IDLE_MS + 15_000,
      );
      expect(snapshot).toEqual({ workers: 0, host: browserName === 'firefox' });
      // The same page checks again: the analyzer is brought back and judges as before.
      const again = await client.check(path, 'image/jpeg');
      expect(again.verdict.risk).toBe('high');
      expect(again.verdict.faces.length).toBeGreaterThan(0);
      expect(await analyzerSnapshot(client.page, browserName)).toEqual({ workers: 1, host: true });
    },
    90_000,
  );
});
