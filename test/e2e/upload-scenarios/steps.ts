// Building blocks for the upload scenarios: what the page logged, synthetic drops and pastes made by
// page code (the gate holds those like a person's), and the two flows every scenario runs: a
// harmless image released silently (twice: the second upload must work too) and a clear face that
// the dialog asks about (cancel delivers nothing; upload anyway delivers the same bytes once).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect } from 'vitest';
import type { startServer } from '../../server.mjs';
import type { BrowserName, BrowserSession, TestPage } from '../harness';

export interface Ctx {
  page: TestPage;
  browser: BrowserName;
  server: Awaited<ReturnType<typeof startServer>>;
  /** The second origin's server (the cross-origin frame of S11 uploads there). */
  other: Awaited<ReturnType<typeof startServer>>;
  session: BrowserSession;
  /** The X display of a windowed scenario (see Scenario.display), or null when headless. */
  display: string | null;
  files: { harmless: string; second: string; text: string; pdf: string; face: string | null };
  sha256(path: string): string;
}

export interface ScenarioResult {
  result: 'pass' | 'fallback';
  note: string;
}

export type Select = (paths: string[]) => Promise<void>;

export interface Entry {
  via: string;
  event: string | null;
  isTrusted: boolean | null;
  count: number;
  files: Array<{ name: string; type: string; size: number; lastModified: number; sha256: string }>;
  done: boolean;
}

export const log = (page: TestPage) =>
  page.evaluate(() => (window as unknown as { __log: Entry[] }).__log.filter((e) => e.done));

export async function waitForEntries(page: TestPage, count: number, timeoutMs = 15_000): Promise<Entry[]> {
  await page.waitFor(
    (n: number) => (window as unknown as { __log: Entry[] }).__log.filter((e) => e.done).length >= n,
    count,
    timeoutMs,
  );
  return log(page);
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Hashes of every file the stub servers received during this scenario. */
export function serverHashes(ctx: Ctx): string[] {
  return [...ctx.server.received, ...ctx.other.received].flatMap((r) => r.files.map((f) => f.sha256));
}

interface PageFile {
  name: string;
  type: string;
  base64: string;
}

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  txt: 'text/plain',
  pdf: 'application/pdf',
};
export function pageFile(path: string): PageFile {
  const name = basename(path);
  return { name, type: TYPES[name.split('.').pop()!] ?? '', base64: readFileSync(path).toString('base64') };
}

/** A drop made by page code at the centre of the element: dragenter, dragover, drop. */
export async function dropOn(
  ctx: Pick<Ctx, 'page'>,
  selector: string,
  paths: string[],
  strings: Record<string, string> = {},
) {
  await ctx.page.evaluate(
    ({ selector, files, strings }) => {
      const target = document.querySelector(selector)!;
      const transfer = new DataTransfer();
      for (const [type, value] of Object.entries(strings)) transfer.setData(type, value);
      for (const f of files) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], f.name, { type: f.type, lastModified: 1_700_000_000_000 }));
      }
      const box = target.getBoundingClientRect();
      const init = {
        dataTransfer: transfer,
        bubbles: true,
        cancelable: true,
        composed: true,
        clientX: box.x + box.width / 2,
        clientY: box.y + box.height / 2,
      };
      for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, init));
    },
    { selector, files: paths.map(pageFile), strings },
  );
}

/**
 * A paste made by page code into the focused element (caret at the end of its text), or at the
 * body. Firefox ignores clipboardData in the constructor but gives the event a writable one.
 */
export async function pasteInto(
  ctx: Pick<Ctx, 'page'>,
  selector: string | null,
  paths: string[],
  html?: string,
) {
  await ctx.page.evaluate(
    ({ selector, files, html }) => {
      const target = selector ? (document.querySelector(selector) as HTMLElement) : document.body;
      if (selector) {
        target.focus();
        const range = document.createRange();
        range.selectNodeContents(target);
        range.collapse(false);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
      }
      const transfer = new DataTransfer();
      const fill = (t: DataTransfer) => {
        if (html !== undefined) t.setData('text/html', html);
        for (const f of files) {
          const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
          t.items.add(new File([bytes], f.name, { type: f.type }));
        }
      };
      fill(transfer);
      const event = new ClipboardEvent('paste', {
        clipboardData: transfer,
        bubbles: true,
        cancelable: true,
        composed: true,
      });
      if (event.clipboardData !== transfer && event.clipboardData) fill(event.clipboardData);
      target.dispatchEvent(event);
    },
    { selector, files: paths.map(pageFile), html },
  );
}

/** Harmless images: released silently, exactly once, same bytes; then a second upload works. */
export async function releaseFlow(
  ctx: Ctx,
  select: Select,
  options: { upload?: boolean } = {},
): Promise<Entry[]> {
  const before = (await log(ctx.page)).length;
  await select([ctx.files.harmless]);
  let entries = await waitForEntries(ctx.page, before + 1);
  expect(entries[before]!.count).toBe(1);
  expect(entries[before]!.files[0]!.sha256).toBe(ctx.sha256(ctx.files.harmless));
  await select([ctx.files.second]);
  entries = await waitForEntries(ctx.page, before + 2);
  expect(entries[before + 1]!.files.map((f) => f.sha256)).toEqual([ctx.sha256(ctx.files.second)]);
  await pause(300);
  entries = await log(ctx.page);
  expect(entries.length).toBe(before + 2);
  if (options.upload !== false) expect(serverHashes(ctx)).toContain(ctx.sha256(ctx.files.second));
  expect(await ctx.page.evaluate(() => document.documentElement.dataset.faceguardDialog)).toBeUndefined();
  return entries;
}

export const dialogOpen = (page: TestPage) =>
  page.waitFor(() => document.documentElement.dataset.faceguardDialog === 'open', undefined, 30_000);
export const dialogClosed = (page: TestPage) =>
  page.waitFor(() => document.documentElement.dataset.faceguardDialog === undefined, undefined, 10_000);

/**
 * A clear face: the dialog opens and nothing reaches the page or the server meanwhile; Escape
 * cancels (nothing delivered); then upload anyway ('u') delivers the same bytes once, or, with
 * copy, 'b' delivers a copy with faces blurred under the original name and an image type.
 * `whilePending` runs while the dialog is open (e.g. a native form submit).
 */
export async function askFlow(
  ctx: Ctx,
  select: Select,
  options: { copy?: boolean; whilePending?: () => Promise<void> } = {},
): Promise<string> {
  const face = ctx.files.face;
  if (!face) return 'ask flow skipped: no test photos';
  const faceHash = ctx.sha256(face);
  const before = (await log(ctx.page)).length;
  await select([face]);
  await dialogOpen(ctx.page);
  await options.whilePending?.();
  expect((await log(ctx.page)).length).toBe(before);
  expect(serverHashes(ctx)).not.toContain(faceHash);
  await ctx.page.press('Escape');
  await dialogClosed(ctx.page);
  await pause(400);
  expect((await log(ctx.page)).length).toBe(before);
  expect(serverHashes(ctx)).not.toContain(faceHash);

  await select([face]);
  await dialogOpen(ctx.page);
  await ctx.page.press('u');
  const entries = await waitForEntries(ctx.page, before + 1, 20_000);
  expect(entries[before]!.files[0]!.sha256).toBe(faceHash);
  await pause(300);
  expect((await log(ctx.page)).length).toBe(before + 1);
  if (!options.copy) return 'dialog: cancel delivered nothing, upload anyway delivered once';

  // Choosing the very file an input already holds fires no change: start from an empty input.
  await ctx.page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLInputElement>('input[type=file]')) el.value = '';
  });
  await select([face]);
  await dialogOpen(ctx.page);
  await ctx.page.press('b');
  const copied = await waitForEntries(ctx.page, before + 2, 30_000);
  const copy = copied[before + 1]!.files[0]!;
  expect(copy.name).toBe(basename(face));
  expect(copy.type).toMatch(/^image\//);
  expect(copy.sha256).not.toBe(faceHash);
  return 'dialog: cancel, upload anyway and a copy with faces blurred (same name) all delivered as chosen';
}
