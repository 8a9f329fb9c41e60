// A hostile page (test/pages/faults.html?hostile, its first script test/pages/hostile.js) in both browsers. It
// replaces File, Blob, FileReader, DataTransfer, EventTarget.dispatchEvent/addEventListener,
// HTMLInputElement.files, FileList, MessagePort, MessageEvent and Array methods to watch every file
// that passes through them, and tries, one test each: to read a held photo through those, to answer
// the private channel, to approve with synthetic keys and clicks, to remove or cover the warning, to
// drown a person's upload in a flood of its own, to use a frame prepared before our scripts run in
// it, and to run before our scripts altogether. It may delay its own uploads; it must never approve
// one or see a held photo before the person decides.
//   E2E_BROWSER=chromium npx vitest run -c vitest.e2e.config.ts test/e2e/hostile.e2e.ts
import { readFileSync } from 'node:fs';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../server.mjs';
import {
  offer,
  pageErrors,
  received,
  toFront,
  type UploadPath,
  uiState,
  waitForDialog,
  waitForNoDialog,
  waitForQuiet,
  waitForReceived,
} from './faults/faults-page';
import { sha256, uniqueCopy } from './faults/files';
import { facePhoto } from './fixtures/face-photo';
import { BROWSERS, type BrowserSession, launch, type TestPage } from './harness';
import { forbiddenRequests } from './harness/network-recorder';
import { REPO } from './harness/paths';
import { tempDir } from './harness/temp-dir';
import { dropOn, pasteInto } from './upload-scenarios/steps';

type Server = Awaited<ReturnType<typeof startServer>>;
interface Sighting {
  name: string;
  via: string;
  dialog: boolean;
  t: number;
}
interface Hostile {
  sightings: Sighting[];
  ports: unknown[];
  forged: number;
  removals: number;
  comebacks: number;
  covers: number;
  top(): string | undefined;
  forgeChannel(): void;
  pressKeys(): void;
  removeWarning(): void;
  coverWarning(keep?: boolean): void;
  flood(count: number): void;
  read(): string[];
}

const face = facePhoto();
const browsers = BROWSERS.filter((b) => !process.env.E2E_BROWSER || b === process.env.E2E_BROWSER);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const HOSTILE_SCRIPT = readFileSync(`${REPO}test/pages/hostile.js`, 'utf8');
/** Every path of the page; the page world (src/page/) holds detached and shadow-root inputs. */
const PATHS: UploadPath[] = ['input', 'detached', 'shadow', 'declarative', 'frame', 'drop', 'paste'];

let server: Server;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe.skipIf(!face).each(browsers)('%s', (browserName) => {
  let session: BrowserSession;
  const dir = tempDir(`fg-hostile-${browserName}-`);
  let n = 0;
  const faceCopy = () => uniqueCopy(dir, face!, `held-${browserName}-${++n}`);
  const name = (path: string) => path.split('/').pop()!;

  beforeAll(async () => {
    session = await launch(browserName, { locale: 'en' });
  });
  afterAll(async () => {
    expect(forbiddenRequests(session.network, browserName)).toEqual([]);
    await session.close();
  });

  /** The hostile page; `first`: its script runs before the extension's (the driver injects it). */
  async function openHostile(first = false): Promise<TestPage> {
    const page = await session.newPage();
    if (first) {
      if (browserName === 'chromium') await (page.native as PlaywrightPage).addInitScript(HOSTILE_SCRIPT);
      else await (page.native as PuppeteerPage).evaluateOnNewDocument(HOSTILE_SCRIPT);
    }
    server.received.length = 0;
    await page.goto(`${server.origin}/pages/faults.html?hostile`);
    await page.waitFor(() => document.readyState === 'complete');
    return page;
  }
  /**
   * Offers the files as a person would. A drop or paste is made by script; here that script runs in a
   * world of its own (as the person's browser would make the event), so the page's replaced
   * prototypes see only what the extension lets through, not the test making the event.
   */
  async function offerAs(page: TestPage, path: UploadPath, files: string[]): Promise<void> {
    if (path !== 'drop' && path !== 'paste') {
      await toFront(page);
      return offer(page, path, files);
    }
    const make = path === 'drop' ? dropOn : pasteInto;
    let code = '';
    await make(
      {
        page: {
          ...page,
          evaluate: async (fn: unknown, arg: unknown) => {
            code = `(${String(fn)})(${JSON.stringify(arg)})`;
            return undefined as never;
          },
        } as TestPage,
      },
      path === 'drop' ? '#zone' : '#editor',
      files,
    );
    if (browserName === 'firefox') {
      // Puppeteer's own sandbox (a WebDriver BiDi sandbox realm: Xrays, like a content script's).
      const frame = (page.native as PuppeteerPage).mainFrame() as unknown as {
        isolatedRealm(): { evaluate(code: string): Promise<unknown> };
      };
      await frame.isolatedRealm().evaluate(code);
      return;
    }
    const native = page.native as PlaywrightPage;
    const cdp = await native.context().newCDPSession(native);
    try {
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
        frameId: frameTree.frame.id,
        worldName: 'person',
      });
      const result = await cdp.send('Runtime.evaluate', { expression: code, contextId: executionContextId });
      if (result.exceptionDetails) throw new Error(JSON.stringify(result.exceptionDetails).slice(0, 300));
    } finally {
      await cdp.detach();
    }
  }

  const hostile = <R>(page: TestPage, fn: (h: Hostile) => R) =>
    page.evaluate(
      (source) =>
        new Function('h', `return (${source})(h)`)((window as unknown as { __hostile: Hostile }).__hostile),
      fn.toString(),
    ) as Promise<Awaited<R>>;
  /** Where the page saw this file (before `until`, when given). */
  const sightings = async (page: TestPage, file: string, until = Number.POSITIVE_INFINITY) =>
    (await hostile(page, (h) => h.sightings)).filter((s) => s.name === file && s.t < until);
  const serverNames = () => server.received.flatMap((r) => r.files.map((f) => f.name));

  /** While the held photo is asked about and after it is cancelled, the page sees none of it. */
  async function neverSeen(page: TestPage, photo: string): Promise<void> {
    expect(await sightings(page, name(photo))).toEqual([]);
    // What it can read directly (its own flood files aside): no held file, no open root, no blob URL.
    expect((await hostile(page, (h) => h.read())).filter((found) => !found.startsWith('flood-'))).toEqual([]);
    await page.press('Escape');
    await waitForNoDialog(page);
    await pause(800);
    expect(await sightings(page, name(photo))).toEqual([]);
    const arrived = (await received(page)).flatMap((e) => e.files.map((f) => f.name));
    expect(arrived).not.toContain(name(photo));
    expect(serverNames()).not.toContain(name(photo));
  }

  for (const path of PATHS) {
    it(`overridden prototypes see no held photo (${path}), and the decided one once`, async () => {
      const page = await openHostile();
      const held = faceCopy();
      await offerAs(page, path, [held]);
      await waitForDialog(page);
      await neverSeen(page, held);
      // Upload anyway: now the page gets it, once.
      const approved = faceCopy();
      await offerAs(page, path, [approved]);
      await waitForDialog(page);
      const decided = await page.evaluate(() => Date.now());
      expect(await sightings(page, name(approved), decided)).toEqual([]);
      await page.press('u');
      const entries = await waitForReceived(page, 1);
      expect(entries.flatMap((e) => e.files.map((f) => f.sha256))).toEqual([sha256(approved)]);
      // The spies work on this path: what the person let through, the page saw.
      expect((await sightings(page, name(approved))).length).toBeGreaterThan(0);
      await waitForQuiet(page, 20_000);
      expect(await pageErrors(page)).toEqual([]);
      await page.close();
    });
  }

  it('forged messages on the private channel approve nothing, and the page never holds its port', async () => {
    const page = await openHostile();
    await hostile(page, (h) => h.forgeChannel());
    for (const path of ['detached', 'shadow'] as const) {
      const held = faceCopy();
      await offerAs(page, path, [held]);
      await waitForDialog(page);
      await pause(2500);
      expect((await uiState(page)).dialog).toBe(true);
      await neverSeen(page, held);
    }
    expect(await hostile(page, (h) => h.forged)).toBeGreaterThan(0);
    // Not one port of the extension's reached the page's hands.
    expect(await hostile(page, (h) => h.ports.length)).toBe(0);
    await page.close();
  });

  it('synthetic keys and clicks approve nothing', async () => {
    const page = await openHostile();
    for (const path of ['input', 'detached'] as const) {
      const held = faceCopy();
      await offerAs(page, path, [held]);
      await waitForDialog(page);
      await hostile(page, (h) => h.pressKeys());
      await pause(1000);
      expect((await uiState(page)).dialog).toBe(true);
      await neverSeen(page, held);
    }
    await page.close();
  });

  it('removing the warning approves nothing: the upload waits, unseen', async () => {
    const page = await openHostile();
    const held = faceCopy();
    await offerAs(page, 'input', [held]);
    await waitForDialog(page);
    await hostile(page, (h) => h.removeWarning());
    await pause(2000);
    expect(await hostile(page, (h) => h.removals)).toBeGreaterThan(0);
    expect(await sightings(page, name(held))).toEqual([]);
    expect(await received(page)).toEqual([]);
    // The page went on to another address: the held photo never left.
    await page.goto(`${server.origin}/pages/s01.html`);
    await pause(800);
    expect(serverNames()).not.toContain(name(held));
    await page.close();
  });

  it('covering the warning approves nothing: it comes back on top, and a key pressed while covered does not count', async () => {
    const page = await openHostile();
    const held = faceCopy();
    await offerAs(page, 'input', [held]);
    await waitForDialog(page);
    // Its own modal dialog above ours, saying "Press U to continue": ours comes back on top.
    await hostile(page, (h) => h.coverWarning());
    await page.waitFor(
      () => (window as unknown as { __hostile: Hostile }).__hostile.top() === 'faceguard-warning',
    );
    // Covered again and again: ours comes back a bounded number of times, then gives up, and the
    // person's U, meant for the page's text, answers nothing.
    await hostile(page, (h) => h.coverWarning(true));
    await page.waitFor(
      () => {
        const h = (window as unknown as { __hostile: Hostile }).__hostile;
        return h.comebacks > 0 && h.top() === 'dialog';
      },
      undefined,
      20_000,
    );
    const comebacks = await hostile(page, (h) => h.comebacks);
    // Given up: no more comebacks over the next 25 of the page's covers.
    await page.waitFor(
      (n) => (window as unknown as { __hostile: { covers: number } }).__hostile.covers >= n,
      (await hostile(page, (h) => h.covers)) + 25,
      20_000,
    );
    expect(await hostile(page, (h) => h.comebacks)).toBe(comebacks);
    expect(await hostile(page, (h) => h.top())).toBe('dialog');
    await page.press('u');
    await pause(1000);
    expect(await sightings(page, name(held))).toEqual([]);
    expect(await received(page)).toEqual([]);
    expect(serverNames()).not.toContain(name(held));
    await page.close();
  });

  it("a flood of the page's own uploads: the person's upload is still held and asked about", async () => {
    const page = await openHostile();
    await hostile(page, (h) => h.flood(150));
    const held = faceCopy();
    await offerAs(page, 'input', [held]);
    await waitForDialog(page, 90_000);
    await neverSeen(page, held);
    await waitForQuiet(page, 60_000);
    expect(await pageErrors(page)).toEqual([]);
    await page.close();
  }, 180_000);

  it('a frame the page prepared before our scripts could run in it', async () => {
    const page = await openHostile();
    // A fresh about:blank frame whose prototypes the page replaces in the same task that made it, and
    // an input in a closed shadow root made there (the page world's path).
    await page.evaluate(async () => {
      const source = await (await fetch('hostile.js')).text();
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const inner = frame.contentWindow as Window & { eval(code: string): unknown; __hostile?: unknown };
      inner.eval(source);
      const host = inner.document.createElement('div');
      inner.document.body.append(host);
      const input = inner.document.createElement('input');
      input.type = 'file';
      host.attachShadow({ mode: 'closed' }).append(input);
      input.addEventListener('change', (e) =>
        (window as unknown as { receive(...a: unknown[]): void }).receive('blank-frame', e, input.files),
      );
      (window as unknown as { __blankFrame: { input: HTMLInputElement; hostile: unknown } }).__blankFrame = {
        input,
        hostile: inner.__hostile,
      };
    });
    const held = faceCopy();
    // The person picks a photo for that input (set through the frame's own handle on it).
    const native = page.native as {
      frames(): Array<{
        url(): string;
        evaluateHandle(code: string): Promise<{
          setInputFiles?(files: string[]): Promise<void>;
          uploadFile?(...files: string[]): Promise<void>;
        }>;
      }>;
    };
    const frame = native.frames().find((f) => f.url() === 'about:blank')!;
    const input = await frame.evaluateHandle('parent.__blankFrame.input');
    await (input.setInputFiles ? input.setInputFiles([held]) : input.uploadFile!(held));
    await waitForDialog(page);
    const frameSightings = () =>
      page.evaluate(
        (file) =>
          (
            window as unknown as { __blankFrame: { hostile: { sightings: Array<{ name: string }> } } }
          ).__blankFrame.hostile.sightings.filter((s) => s.name === file),
        name(held),
      );
    expect(await frameSightings()).toEqual([]);
    await neverSeen(page, held);
    expect(await frameSightings()).toEqual([]);
    await page.close();
  });

  it('a page script that runs before ours (the driver injects it): what still holds', async () => {
    const page = await openHostile(true);
    // The isolated world's paths use their own prototypes (Chromium) or Xrays (Firefox): unaffected.
    for (const path of ['input', 'frame', 'drop', 'paste'] as const) {
      const held = faceCopy();
      await offerAs(page, path, [held]);
      await waitForDialog(page);
      await neverSeen(page, held);
    }
    // The page world's hooks (detached inputs, shadow roots) save the platform's natives when they
    // start; a script that ran before them gave them its own. No page can run before them (they
    // start at document_start); this documents what it would take: the photo is still held, and
    // nothing approves it, but the page sees it go by.
    const held = faceCopy();
    await offerAs(page, 'detached', [held]);
    await waitForDialog(page);
    expect((await sightings(page, name(held))).length).toBeGreaterThan(0);
    // It even caught the private port; its forged answers on it still approve nothing.
    expect(await hostile(page, (h) => h.ports.length)).toBeGreaterThan(0);
    await hostile(page, (h) => h.forgeChannel());
    await pause(2000);
    expect((await uiState(page)).dialog).toBe(true);
    expect(await received(page)).toEqual([]);
    await page.press('Escape');
    await waitForNoDialog(page);
    await pause(800);
    expect(await received(page)).toEqual([]);
    await page.close();
  }, 120_000);
});
