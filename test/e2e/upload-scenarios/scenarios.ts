// S1-S32 of upload-patterns §8: how each page is driven and what is asserted beyond the shared flows
// in steps.ts. A scenario returns 'pass', or 'fallback' when the browser cannot take the path and
// the asserted fallback was taken instead; anything else throws and is recorded as 'fail'.
import { expect } from 'vitest';
import { clipboardRead, folderDrop, openFilePicker, refusingPage } from './driver-only';
import {
  askFlow,
  type Ctx,
  dialogOpen,
  dropOn,
  log,
  pageFile,
  pasteInto,
  pause,
  releaseFlow,
  type ScenarioResult,
  type Select,
  serverHashes,
  waitForEntries,
} from './steps';

export type { Ctx, ScenarioResult } from './steps';

interface Scenario {
  id: string;
  title: string;
  /** Why this scenario is not driven in a browser (reported as 'fail', never hidden), or null. */
  gap?: (browser: Ctx['browser']) => string | null;
  /** Needs a browser window on a (virtual) display in this browser rather than headless. */
  display?: (browser: Ctx['browser']) => boolean;
  run(ctx: Ctx): Promise<ScenarioResult>;
}

const input =
  (ctx: Ctx, selector: string): Select =>
  (paths) =>
    ctx.page.setInputFiles(selector, paths);
const chooser =
  (ctx: Ctx, open: string | (() => void)): Select =>
  (paths) =>
    ctx.page.chooseFiles(open, paths);
const drop =
  (ctx: Ctx, selector: string, strings?: Record<string, string>): Select =>
  (paths) =>
    dropOn(ctx, selector, paths, strings);
const paste =
  (ctx: Ctx, selector: string | null): Select =>
  (paths) =>
    pasteInto(ctx, selector, paths);

/** The usual shape: silent release twice, then the dialog's cancel and upload anyway. */
async function standard(ctx: Ctx, select: Select, copy = false): Promise<ScenarioResult> {
  await releaseFlow(ctx, select);
  return { result: 'pass', note: await askFlow(ctx, select, { copy }) };
}

/** The frame (300x120) is too small for the dialog: askFlow found it open on the top document. */
async function framed(ctx: Ctx, flow: Promise<ScenarioResult>): Promise<ScenarioResult> {
  const r = await flow;
  if (!ctx.files.face) return r;
  return { ...r, note: `the small frame's dialog is shown in the top frame (frame-ask relay); ${r.note}` };
}

/** Paste into an editor; with `copy`, the dialog's blurred copy is delivered too. */
const editorPaste =
  (copy = false) =>
  async (ctx: Ctx): Promise<ScenarioResult> => {
    await releaseFlow(ctx, paste(ctx, '#editor'));
    const state = await ctx.page.evaluate(() => ({
      caret: (window as unknown as { __caret: number }).__caret,
      focused: (window as unknown as { __focused: boolean }).__focused,
    }));
    // Caret at the end of "hello world" (11), as the person left it, and the editor focused again.
    expect(state).toEqual({ caret: 1, focused: true });
    const note = await askFlow(ctx, paste(ctx, '#editor'), { copy });
    return { result: 'pass', note: `replayed paste carries the files, caret and focus restored; ${note}` };
  };

export const SCENARIOS: Scenario[] = [
  { id: 'S1', title: 'visible input', run: (ctx) => standard(ctx, input(ctx, '#file'), true) },
  {
    id: 'S2',
    title: 'hidden input opened by a button or label',
    run: async (ctx) => {
      await releaseFlow(ctx, chooser(ctx, '#open'));
      await releaseFlow(ctx, chooser(ctx, '#label'));
      return { result: 'pass', note: await askFlow(ctx, chooser(ctx, '#open')) };
    },
  },
  {
    id: 'S3',
    title: 'React root delegation and Vue direct handler',
    run: async (ctx) => {
      const react = await releaseFlow(ctx, input(ctx, '#file'));
      expect(react.map((e) => e.via)).toEqual(['react', 'react']);
      const vue = await releaseFlow(ctx, input(ctx, '#vue'));
      expect(vue.slice(2).map((e) => e.via)).toEqual(['vue', 'vue']);
      return { result: 'pass', note: await askFlow(ctx, input(ctx, '#file')) };
    },
  },
  {
    id: 'S4',
    title: 'onchange attribute and a capture listener on the input',
    run: async (ctx) => {
      await releaseFlow(ctx, input(ctx, '#file'));
      // The page's own capture listener on the input ran once per delivery, never for the held events.
      expect(await ctx.page.evaluate(() => (window as unknown as { __captured: number }).__captured)).toBe(2);
      return { result: 'pass', note: await askFlow(ctx, input(ctx, '#file')) };
    },
  },
  {
    id: 'S5',
    title: 'detached input (click, showPicker, dispatched click)',
    run: async (ctx) => {
      for (const how of ['#click', '#picker', '#dispatch']) await releaseFlow(ctx, chooser(ctx, how));
      return { result: 'pass', note: await askFlow(ctx, chooser(ctx, '#click')) };
    },
  },
  {
    id: 'S6',
    title: 'detached input polled on focus',
    run: async (ctx) => {
      const entries = await releaseFlow(ctx, chooser(ctx, '#open'));
      // Polling while held reads an empty input; the delivery arrives through the change event.
      expect(entries.every((e) => e.via === 'change')).toBe(true);
      return {
        result: 'fallback',
        note: `a page that only polls input.files sees nothing while held; delivered through change. ${await askFlow(ctx, chooser(ctx, '#open'))}`,
      };
    },
  },
  {
    id: 'S7',
    title: 'open shadow root',
    run: (ctx) =>
      standard(
        ctx,
        input(ctx, ctx.browser === 'firefox' ? 'photo-picker >>> #inner' : 'photo-picker #inner'),
      ),
  },
  {
    id: 'S8',
    title: 'closed shadow root (imperative and declarative)',
    run: async (ctx) => {
      // A real click on the host lands on the button inside the closed root.
      await releaseFlow(ctx, chooser(ctx, 'closed-picker'));
      // Declarative: the parser made the closed root; the click lands on the input inside it.
      const declarative = await releaseFlow(ctx, chooser(ctx, '#declarative'));
      expect(declarative.slice(2).map((e) => e.via)).toEqual(['shadow-declarative', 'shadow-declarative']);
      const imperative = await askFlow(ctx, chooser(ctx, 'closed-picker'));
      // askFlow checks the server never got the photo before "upload anyway": start afresh.
      ctx.server.received.length = 0;
      const note = await askFlow(ctx, chooser(ctx, '#declarative'));
      return {
        result: 'pass',
        note: `imperative closed root (page-world attachShadow hook) and declarative closed root (reached from the isolated world through openOrClosedShadowRoot): ${imperative === note ? note : `${imperative}; ${note}`}`,
      };
    },
  },
  {
    id: 'S9',
    title: 'same-origin iframe',
    run: (ctx) =>
      framed(
        ctx,
        standard(ctx, (paths) => ctx.page.setFrameInputFiles('s09-frame', '#file', paths)),
      ),
  },
  {
    id: 'S10',
    title: 'script-made srcdoc iframe',
    run: (ctx) => standard(ctx, (paths) => ctx.page.setFrameInputFiles('srcdoc', '#file', paths)),
  },
  {
    id: 'S11',
    title: 'cross-origin iframe',
    run: (ctx) =>
      framed(
        ctx,
        standard(ctx, (paths) => ctx.page.setFrameInputFiles('s11-frame', '#file', paths)),
      ),
  },
  {
    id: 'S12',
    title: 'native multipart form submit',
    run: async (ctx) => {
      const submit = () =>
        ctx.page.evaluate(() => (document.getElementById('submit') as HTMLButtonElement).click());
      const filesInInput = () =>
        ctx.page.evaluate(() => (document.getElementById('file') as HTMLInputElement).files?.length);
      const sent = async (count: number) => {
        await submit();
        await waitUntil(() => ctx.server.received.length >= count);
        return ctx.server.received[count - 1]!.files.map((f) => f.sha256);
      };
      await ctx.page.setInputFiles('#file', [ctx.files.harmless]);
      await ctx.page.waitFor(() => (document.getElementById('file') as HTMLInputElement).files?.length === 1);
      expect(await sent(1)).toEqual([ctx.sha256(ctx.files.harmless)]);
      if (!ctx.files.face) return { result: 'pass', note: 'ask flow skipped: no test photos' };
      await ctx.page.setInputFiles('#file', [ctx.files.face]);
      await dialogOpen(ctx.page);
      expect(await filesInInput()).toBe(0);
      expect(await sent(2)).toEqual([]);
      await ctx.page.press('u');
      await ctx.page.waitFor(() => (document.getElementById('file') as HTMLInputElement).files?.length === 1);
      expect(await sent(3)).toEqual([ctx.sha256(ctx.files.face)]);
      return {
        result: 'pass',
        note: 'a form posted while the dialog is open carries no photo; after upload anyway it does',
      };
    },
  },
  {
    id: 'S13',
    title: 'submit button reads input.files',
    run: async (ctx) => {
      const send = () =>
        ctx.page.evaluate(() => (document.getElementById('send') as HTMLButtonElement).click());
      await ctx.page.setInputFiles('#file', [ctx.files.harmless]);
      await ctx.page.waitFor(() => (document.getElementById('file') as HTMLInputElement).files?.length === 1);
      await send();
      const entries = await waitForEntries(ctx.page, 1);
      expect(entries[0]!.files[0]!.sha256).toBe(ctx.sha256(ctx.files.harmless));
      if (!ctx.files.face) return { result: 'pass', note: 'ask flow skipped: no test photos' };
      await ctx.page.setInputFiles('#file', [ctx.files.face]);
      await dialogOpen(ctx.page);
      await send();
      expect((await waitForEntries(ctx.page, 2))[1]!.count).toBe(0);
      await ctx.page.press('u');
      await ctx.page.waitFor(() => (document.getElementById('file') as HTMLInputElement).files?.length === 1);
      await send();
      expect((await waitForEntries(ctx.page, 3))[2]!.files[0]!.sha256).toBe(ctx.sha256(ctx.files.face));
      return {
        result: 'pass',
        note: 'reading input.files while the dialog is open gives 0 files; after upload anyway, the photo',
      };
    },
  },
  {
    id: 'S14',
    title: 'drop zone with overlay',
    run: async (ctx) => {
      const r = await standard(ctx, drop(ctx, '#zone'), true);
      expect(await ctx.page.evaluate(() => (document.getElementById('overlay') as HTMLElement).hidden)).toBe(
        true,
      );
      return { ...r, note: `overlay gone after cancel and drop; ${r.note}` };
    },
  },
  {
    id: 'S15',
    title: 'react-dropzone (getAsFileSystemHandle)',
    run: (ctx) => standard(ctx, drop(ctx, '#zone')),
  },
  {
    id: 'S16',
    title: 'directory drop',
    // WebDriver BiDi cannot drag from the file system: Firefox gets a real X11 drag in a window.
    display: (browser) => browser === 'firefox',
    run: folderDrop,
  },
  { id: 'S17', title: 'drop onto a file input', run: (ctx) => standard(ctx, drop(ctx, '#file')) },
  {
    id: 'S18',
    title: 'image dragged from a page',
    run: async (ctx) => {
      const uri = 'http://127.0.0.1/pic.png';
      const r = await standard(ctx, drop(ctx, '#zone', { 'text/uri-list': uri }));
      expect(await ctx.page.evaluate(() => (window as unknown as { __uri: string }).__uri)).toBe(uri);
      return { ...r, note: `uri-list replayed with the files; ${r.note}` };
    },
  },
  { id: 'S19', title: 'Lexical-style paste', run: editorPaste(true) },
  { id: 'S20', title: 'Draft.js-style paste', run: editorPaste() },
  { id: 'S21', title: 'Quill-style paste', run: editorPaste() },
  { id: 'S22', title: 'ProseMirror-style paste', run: editorPaste() },
  {
    id: 'S23',
    title: 'plain contenteditable',
    run: async (ctx) => {
      await releaseFlow(ctx, paste(ctx, '#editor'), { upload: false });
      return {
        result: 'fallback',
        note: `the browser's own insertion never follows a synthetic paste: the gate inserts the image itself. ${await askFlow(ctx, paste(ctx, '#editor'))}`,
      };
    },
  },
  {
    id: 'S24',
    title: 'paste of HTML with a data: image',
    run: async (ctx) => {
      const html = (path: string) =>
        `<p>x</p><img src="data:${pageFile(path).type};base64,${pageFile(path).base64}">`;
      const select: Select = (paths) => pasteInto(ctx, '#editor', [], html(paths[0]!));
      return standard(ctx, select);
    },
  },
  { id: 'S25', title: 'document-level paste', run: (ctx) => standard(ctx, paste(ctx, null)) },
  {
    id: 'S26',
    title: 'showOpenFilePicker',
    run: async (ctx) => {
      if (ctx.browser === 'chromium') return openFilePicker(ctx);
      const r = await standard(ctx, chooser(ctx, '#open'));
      expect((await log(ctx.page))[0]!.via).toBe('fallback-input');
      return {
        result: 'fallback',
        note: `no showOpenFilePicker in Firefox: the page's detached-input fallback (S5) is held. ${r.note}`,
      };
    },
  },
  {
    id: 'S27',
    title: 'navigator.clipboard.read()',
    // Headless Firefox keeps only text on its clipboard: there it runs in a window on Xvfb.
    display: (browser) => browser === 'firefox',
    run: clipboardRead,
  },
  { id: 'S28', title: 'page rejecting untrusted events', run: refusingPage },
  {
    id: 'S29',
    title: 'page stops propagation in its own window capture listener',
    run: async (ctx) => {
      const r = await standard(ctx, input(ctx, '#file'));
      return { ...r, note: `the gate's document_start listener still runs first; ${r.note}` };
    },
  },
  {
    id: 'S30',
    title: 'realm escape through an iframe prototype',
    run: (ctx) => standard(ctx, chooser(ctx, '#open')),
  },
  {
    id: 'S31',
    title: 'multiple files, mixed',
    run: async (ctx) => {
      const { harmless, second, text, pdf } = ctx.files;
      await ctx.page.setInputFiles('#file', [harmless, text, second, pdf]);
      const entries = await waitForEntries(ctx.page, 1);
      expect(entries[0]!.files.map((f) => f.sha256)).toEqual([harmless, text, second, pdf].map(ctx.sha256));
      await ctx.page.setInputFiles('#file', [text, pdf]);
      const plain = await waitForEntries(ctx.page, 2);
      expect(plain[1]!.isTrusted).toBe(true);
      await pause(200);
      expect((await log(ctx.page)).length).toBe(2);
      return {
        result: 'pass',
        note: `mixed selection delivered once in order with the same bytes; a selection without images passes untouched (trusted). ${await askFlow(ctx, input(ctx, '#file'))}`,
      };
    },
  },
  {
    id: 'S32',
    title: 'fetch(FormData), chunked Blob.slice, XHR',
    run: async (ctx) => {
      const r = await standard(ctx, input(ctx, '#file'));
      await ctx.page.waitFor(() => (window as unknown as { __sent?: boolean }).__sent === true);
      const second = ctx.sha256(ctx.files.second);
      expect(serverHashes(ctx).filter((h) => h === second).length).toBe(3);
      return {
        ...r,
        note: `fetch, chunked and XHR uploads carry only released bytes; no network tripwire. ${r.note}`,
      };
    },
  },
];

async function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timeout');
    await pause(50);
  }
}
