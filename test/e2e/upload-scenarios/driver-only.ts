// Scenarios that need the driver itself, beyond what TestPage offers: a real folder dragged from
// the file system (CDP Input.dispatchDragEvent; X11 drag-and-drop in Firefox), showOpenFilePicker (whose native picker no driver
// can answer), navigator.clipboard with an image in it, and a site that refuses untrusted events.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { expect } from 'vitest';
import { tempDir } from '../harness/temp-dir';
import { dragFromDesktop } from '../harness/virtual-desktop';
import {
  askFlow,
  type Ctx,
  dialogClosed,
  dialogOpen,
  log,
  pageFile,
  pause,
  releaseFlow,
  type ScenarioResult,
  type Select,
  serverHashes,
  waitForEntries,
} from './steps';

const playwright = (ctx: Ctx) => ctx.page.native as Page;
const dialogState = (ctx: Ctx) => ctx.page.evaluate(() => document.documentElement.dataset.faceguardDialog);
const toastShown = (ctx: Ctx) =>
  ctx.page.waitFor(() => document.documentElement.dataset.faceguardToast === 'open', undefined, 10_000);
const toastGone = (ctx: Ctx) =>
  ctx.page.waitFor(() => document.documentElement.dataset.faceguardToast === undefined, undefined, 10_000);

/** Chromium: a real drag from the file system over CDP (trusted dragenter/dragover/drop whose
 * DataTransfer lists the paths; a directory path arrives as a directory entry). */
async function cdpDrag(ctx: Ctx): Promise<Select> {
  const page = playwright(ctx);
  const cdp = await page.context().newCDPSession(page);
  return async (paths) => {
    const box = (await page.locator('#zone').boundingBox())!;
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const data = { items: [], files: paths, dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop']) {
      await cdp.send('Input.dispatchDragEvent', { type: type as 'drop', ...at, data });
    }
  };
}

/** Firefox, in a window on a virtual display: a real X11 drag from another program onto the zone. */
function desktopDrag(ctx: Ctx): Select {
  return async (paths) => {
    // The drop lands on whatever tab is showing (the welcome page opens on install).
    await (ctx.page.native as PuppeteerPage).bringToFront();
    const at = await ctx.page.evaluate(() => {
      const r = document.getElementById('zone')!.getBoundingClientRect();
      const w = window as unknown as { mozInnerScreenX: number; mozInnerScreenY: number };
      return { x: w.mozInnerScreenX + r.x + r.width / 2, y: w.mozInnerScreenY + r.y + r.height / 2 };
    });
    await dragFromDesktop(ctx.display!, paths, at);
  };
}

/**
 * S16: a real folder dragged from the file system (Chromium over CDP, Firefox over X11 from another
 * program). A folder is blocked with a message and reaches the page not at all; single photos
 * dragged the same way take the shared flows.
 */
export async function folderDrop(ctx: Ctx): Promise<ScenarioResult> {
  const dragFiles = ctx.browser === 'chromium' ? await cdpDrag(ctx) : desktopDrag(ctx);
  const dir = tempDir('fg-s16-');
  mkdirSync(join(dir, 'trip'));
  copyFileSync(ctx.files.harmless, join(dir, 'a.png'));
  copyFileSync(ctx.files.face ?? ctx.files.second, join(dir, 'trip', 'b.jpg'));
  await dragFiles([dir]);
  await toastShown(ctx);
  await pause(300);
  expect(await log(ctx.page)).toEqual([]);
  expect(await dialogState(ctx)).toBeUndefined();
  await releaseFlow(ctx, dragFiles, { upload: false });
  return {
    result: 'fallback',
    note: `a real folder drag (${ctx.browser === 'chromium' ? 'CDP' : 'X11, from another program'}) is blocked with a message and nothing reaches the page; real drags of single photos: ${await askFlow(ctx, dragFiles)}`,
  };
}

/**
 * S26, Chromium: no driver can answer showOpenFilePicker's native picker (CDP file-chooser
 * interception does not see it: probed, the call rejects with AbortError in headless). The
 * browser's picker itself is replaced, before any script of the page or of the extension runs, by
 * one that returns real FileSystemFileHandles (written to the origin-private file system). The
 * extension's MAIN-world hook then wraps it as it wraps the native one, so the hook, the check, the
 * dialog and the delivery of handles are all real; only the file choosing is scripted.
 */
export async function openFilePicker(ctx: Ctx): Promise<ScenarioResult> {
  const page = playwright(ctx);
  await page.addInitScript(() => {
    const w = window as unknown as { __fgTestPick: Array<{ name: string; base64: string }> | null };
    Object.defineProperty(window, 'showOpenFilePicker', {
      configurable: true,
      writable: true,
      value: async function showOpenFilePicker() {
        const pick = w.__fgTestPick;
        w.__fgTestPick = null;
        if (!pick) throw new DOMException('The user aborted a request.', 'AbortError');
        const root = await navigator.storage.getDirectory();
        return Promise.all(
          pick.map(async (f) => {
            const handle = await root.getFileHandle(f.name, { create: true });
            const writable = await handle.createWritable();
            await writable.write(Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)));
            await writable.close();
            return handle;
          }),
        );
      },
    });
  });
  await page.reload();
  await ctx.page.waitFor(() => document.readyState === 'complete');
  const pick: Select = async (paths) => {
    await ctx.page.evaluate((files) => {
      (window as unknown as { __fgTestPick: unknown }).__fgTestPick = files;
    }, paths.map(pageFile));
    await ctx.page.click('#open');
  };
  const entries = await releaseFlow(ctx, pick);
  expect(entries.map((e) => e.via)).toEqual(['fs-access', 'fs-access']);
  const note = await askFlow(ctx, pick);
  // Cancel answered the page as a dismissed picker does.
  expect(await ctx.page.evaluate(() => (window as unknown as { __pickerError?: string }).__pickerError)).toBe(
    'AbortError',
  );
  return {
    result: 'pass',
    note: `the hook holds showOpenFilePicker's files (the native picker, which no driver can answer, is replaced by one returning real handles); cancel rejects with AbortError. ${note}`,
  };
}

/**
 * S27: the test puts an image on the real clipboard (clipboard.write from the driver's evaluation, which
 * carries the user activation Firefox asks for; a click on a button the test added to do it stalled the
 * driver now and then), then the page's button calls navigator.clipboard.read(). Chromium needs the clipboard permissions granted; Firefox reads
 * same-origin clipboard data without asking, and runs in a window on Xvfb because its headless
 * clipboard holds text only. The browser re-encodes clipboard images, so "same image" is compared on
 * decoded pixels.
 */
export async function clipboardRead(ctx: Ctx): Promise<ScenarioResult> {
  if (ctx.browser === 'chromium') {
    await playwright(ctx)
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.server.origin });
  }
  const pixels = () =>
    ctx.page.evaluate(() => (window as unknown as { __pixels?: string[][] }).__pixels ?? []);
  /** Puts the image on the clipboard (as PNG, the type clipboards hold) and clicks the page's read button. */
  const readImage = async (path: string): Promise<string> => {
    const expected = await ctx.page.evaluate(async (f) => {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      let blob = new Blob([bytes], { type: f.type });
      if (f.type !== 'image/png') {
        const bitmap = await createImageBitmap(blob);
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
        blob = await canvas.convertToBlob({ type: 'image/png' });
      }
      // The driver's evaluation carries a user activation, which clipboard.write needs in Firefox.
      const put = await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]).then(
        () => 'ok',
        (error) => String(error),
      );
      const hash = await (window as unknown as { pixelHash(b: Blob): Promise<string> }).pixelHash(blob);
      return { hash, put };
    }, pageFile(path));
    expect(expected.put).toBe('ok');
    await ctx.page.click('#read');
    return expected.hash;
  };
  const delivered = async (n: number) => {
    await ctx.page.waitFor(
      (k: number) => ((window as unknown as { __pixels?: unknown[] }).__pixels ?? []).length >= k,
      n,
      20_000,
    );
    return (await pixels())[n - 1]!;
  };
  for (const [i, path] of [ctx.files.harmless, ctx.files.second].entries()) {
    const expected = await readImage(path);
    expect(await delivered(i + 1)).toEqual([expected]);
  }
  await pause(300);
  expect((await log(ctx.page)).length).toBe(2);
  expect(serverHashes(ctx).length).toBe(2);
  expect(await dialogState(ctx)).toBeUndefined();
  const face = ctx.files.face;
  if (!face) return { result: 'pass', note: 'ask flow skipped: no test photos' };
  await readImage(face);
  await dialogOpen(ctx.page);
  await pause(300);
  expect((await log(ctx.page)).length).toBe(2);
  await ctx.page.press('Escape');
  await dialogClosed(ctx.page);
  // Cancel: the page's read() resolves without the image.
  expect(await delivered(3)).toEqual([]);
  expect((await log(ctx.page))[2]!.count).toBe(0);
  const expected = await readImage(face);
  await dialogOpen(ctx.page);
  expect((await log(ctx.page)).length).toBe(3);
  await ctx.page.press('u');
  expect(await delivered(4)).toEqual([expected]);
  await pause(300);
  expect((await log(ctx.page)).length).toBe(4);
  expect(serverHashes(ctx).length).toBe(3);
  return {
    result: 'pass',
    note: 'a real clipboard image: read() is held until the decision; harmless images arrive (same pixels; the clipboard re-encodes) with no UI; cancel resolves without the image; upload anyway delivers it once',
  };
}

/**
 * S28: the page ignores untrusted `change`. The gate sees (from the page world) that the page
 * listens but never read the delivered files: it empties the input, says so in a toast, and lets
 * the person's next choice of the same file through untouched, once, so the site gets trusted
 * events. Nothing arrives before the decision; cancel delivers nothing and grants nothing.
 */
export async function refusingPage(ctx: Ctx): Promise<ScenarioResult> {
  const rejected = (n: number) =>
    ctx.page.waitFor((k: number) => ((window as unknown as { __rejected?: number }).__rejected ?? 0) >= k, n);
  const choose = (path: string) => ctx.page.setInputFiles('#file', [path]);
  const inputEmpty = () =>
    ctx.page.evaluate(() => (document.getElementById('file') as HTMLInputElement).value === '');
  /** The gate delivered (refused by the page): toast, empty input; choosing again is taken, trusted. */
  const refusedThenChosenAgain = async (path: string, n: number) => {
    await rejected(n);
    await toastShown(ctx);
    expect((await log(ctx.page)).length).toBe(n - 1);
    expect(await inputEmpty()).toBe(true);
    await choose(path);
    const entries = await waitForEntries(ctx.page, n);
    expect(entries[n - 1]).toMatchObject({ isTrusted: true, count: 1 });
    expect(entries[n - 1]!.files[0]!.sha256).toBe(ctx.sha256(path));
    await toastGone(ctx);
  };
  await choose(ctx.files.harmless);
  await refusedThenChosenAgain(ctx.files.harmless, 1);
  await choose(ctx.files.second);
  await refusedThenChosenAgain(ctx.files.second, 2);
  expect(serverHashes(ctx)).toContain(ctx.sha256(ctx.files.second));
  const face = ctx.files.face;
  if (!face) return { result: 'fallback', note: 'ask flow skipped: no test photos' };
  const faceHash = ctx.sha256(face);
  await choose(face);
  await dialogOpen(ctx.page);
  expect((await log(ctx.page)).length).toBe(2);
  await ctx.page.press('Escape');
  await dialogClosed(ctx.page);
  await pause(1500);
  expect((await log(ctx.page)).length).toBe(2);
  expect(await ctx.page.evaluate(() => (window as unknown as { __rejected: number }).__rejected)).toBe(2);
  expect(await ctx.page.evaluate(() => document.documentElement.dataset.faceguardToast)).toBeUndefined();
  expect(serverHashes(ctx)).not.toContain(faceHash);
  await choose(face);
  await dialogOpen(ctx.page);
  await ctx.page.press('u');
  await refusedThenChosenAgain(face, 3);
  expect(await dialogState(ctx)).toBeUndefined();
  // The allowance was used up: the same photo chosen once more is held and asked about again.
  await ctx.page.evaluate(() => {
    (document.getElementById('file') as HTMLInputElement).value = '';
  });
  await choose(face);
  await dialogOpen(ctx.page);
  await ctx.page.press('Escape');
  await dialogClosed(ctx.page);
  await pause(300);
  expect((await log(ctx.page)).length).toBe(3);
  return {
    result: 'fallback',
    note: "the page ignores the gate's untrusted change: the gate notices (page listens, never read the files), empties the input and says so; choosing the same photo again passes once untouched and the page takes it (trusted). Cancel delivers and grants nothing",
  };
}
