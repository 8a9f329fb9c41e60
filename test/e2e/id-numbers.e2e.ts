// Identity numbers in what people are about to post, end to end in both browsers: a number typed or
// pasted into a textarea, a plain contenteditable, Lexical, ProseMirror and Draft.js (all three from
// npm, bundled by the test server) brings the calm notice beside the field with the focus and caret
// untouched; "mask it" goes through the editor's own input path, so the editor's model and the page's
// draft hold the masked number, and keep holding it after more typing and undo. Also: fields in open
// and closed shadow roots, Hong Kong and Taiwan numbers, "leave it", "don't warn on this site" and its
// way back in the settings page, the count in the popup, a 20,000-character post without a long task
// (Chromium's longtask timing), and screenshots in English and Chinese.
// Every number is made up (its check character computed here).
import type { Page as PwPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnCheckCharacter } from '../../src/core/id-numbers';
import { startServer } from '../server.mjs';
import { BROWSERS, type BrowserName, type BrowserSession, launch, type TestPage } from './harness';
import { forbiddenRequests } from './harness/network-recorder';

const cn = (body: string) => body + cnCheckCharacter(body);
const ID = cn('11010519900101002');
const ID_MASKED = `110105********${ID.slice(14)}`;
const OTHER_ID = cn('44030519851231123');
const HK = 'A123456(3)';
const TW = 'A123456789';

const PAGES = [
  { name: 'textarea', input: 'typed' },
  { name: 'contenteditable', input: 'typed' },
  { name: 'lexical', input: 'pasted' },
  { name: 'prosemirror', input: 'pasted' },
  { name: 'draft', input: 'typed' },
] as const;

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

interface EditorPage {
  __editorText(): string;
  __draft: string;
  __caret?: { anchor: Node | null; anchorOffset: number; focus: Node | null; focusOffset: number };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const shown = () => document.documentElement.dataset.faceguardIdnumber === 'shown';

async function open(page: TestPage, name: string): Promise<void> {
  await page.goto(`${server.origin}/pages/id-${name}.html`);
  await page.waitFor(() => typeof (window as unknown as EditorPage).__editorText === 'function');
  // Draft.js renders its editable element inside the mount (#editor); the others are #editor.
  await page.click(name === 'draft' ? '#editor [contenteditable="true"]' : '#editor');
}

/** 'editor' when the focus is in the editor (#editor or inside it), else the focused element's id. */
const focusedIn = () =>
  document.activeElement?.closest('#editor') ? 'editor' : (document.activeElement?.id ?? null);

const editorText = (page: TestPage) => page.evaluate(() => (window as unknown as EditorPage).__editorText());
const draft = (page: TestPage) => page.evaluate(() => (window as unknown as EditorPage).__draft);

/** Puts text on the real clipboard and pastes it with the keyboard, as a person would. */
async function paste(page: TestPage, browser: BrowserName, text: string): Promise<void> {
  if (browser === 'chromium') {
    await (page.native as PwPage)
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  }
  // The driver's evaluation carries the user activation Firefox asks for before writing.
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.press('Control+v');
}

/**
 * Keeps, in the page, where the focus and the caret were after the person's last action and at the
 * moment the notice appeared (the attribute's observer runs in the task that showed it). A field
 * gives its offsets; a rich editor its selection's nodes (numbered, so identity can be compared) and
 * offsets. carets() reads the two.
 */
async function watchCaret(page: TestPage): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const ids = new WeakMap<Node, number>();
    let next = 0;
    const id = (node: Node | null) => {
      if (!node) return null;
      if (!ids.has(node)) ids.set(node, ++next);
      return ids.get(node)!;
    };
    const snapshot = () => {
      const field = document.getElementById('editor');
      const active = document.activeElement?.closest('#editor')
        ? 'editor'
        : (document.activeElement?.id ?? null);
      if (field instanceof HTMLTextAreaElement) {
        return {
          active,
          start: field.selectionStart,
          end: field.selectionEnd,
          direction: field.selectionDirection,
        };
      }
      const s = document.getSelection()!;
      return {
        active,
        anchor: id(s.anchorNode),
        anchorOffset: s.anchorOffset,
        focus: id(s.focusNode),
        focusOffset: s.focusOffset,
      };
    };
    const isShown = () => document.documentElement.dataset.faceguardIdnumber === 'shown';
    for (const type of ['selectionchange', 'input', 'keyup']) {
      document.addEventListener(
        type,
        () => {
          if (!isShown()) w.__beforeShow = snapshot();
        },
        true,
      );
    }
    new MutationObserver(() => {
      if (isShown() && !w.__atShow) w.__atShow = snapshot();
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-faceguard-idnumber'] });
  });
}

const carets = (page: TestPage) =>
  page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return { before: w.__beforeShow, atShow: w.__atShow };
  });

/** Tabs from the field into the notice (its first button is "mask"), then n more times. */
async function tabIntoNotice(page: TestPage, more = 0): Promise<void> {
  for (let i = 0; i < 8; i++) {
    if (await page.evaluate(() => document.activeElement?.tagName === 'FACEGUARD-WARNING')) break;
    await page.press('Tab');
  }
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('FACEGUARD-WARNING');
  for (let i = 0; i < more; i++) await page.press('Tab');
}

/** The popup's count of ID numbers found (and a screenshot of the popup when named). */
async function idCount(session: BrowserSession, screenshot?: string): Promise<number> {
  const popup = await session.openExtensionPage('popup.html');
  await popup.waitFor(() => document.documentElement.dataset.ready === '1');
  if (screenshot) {
    await popup.setViewport(360, 600);
    await popup.screenshot(screenshot);
  }
  const count = Number(await popup.evaluate(() => document.getElementById('stat-id-numbers')?.textContent));
  await popup.close();
  return count;
}

/**
 * Chromium only: the centre of a button in the notice's closed shadow root, found over CDP (which sees
 * closed roots), so a real mouse can press it.
 */
async function noticeButtonCentre(page: TestPage, action: string): Promise<{ x: number; y: number }> {
  const pw = page.native as PwPage;
  const cdp = await pw.context().newCDPSession(pw);
  type DomNode = {
    backendNodeId: number;
    attributes?: string[];
    children?: DomNode[];
    shadowRoots?: DomNode[];
  };
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const find = (node: DomNode): DomNode | null => {
    const attrs = node.attributes ?? [];
    for (let i = 0; i < attrs.length; i += 2) {
      if (attrs[i] === 'data-action' && attrs[i + 1] === action) return node;
    }
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
      const found = find(child);
      if (found) return found;
    }
    return null;
  };
  const button = find(root);
  if (!button) throw new Error(`no ${action} button in the notice`);
  const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: button.backendNodeId })) as {
    model: { content: number[] };
  };
  await cdp.detach();
  const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
  return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
}

describe.each(BROWSERS)('%s', (browser) => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launch(browser, { locale: 'en' });
  });
  afterAll(async () => {
    // No text, number or anything else left the machine.
    expect(forbiddenRequests(session.network, browser)).toEqual([]);
    await session.close();
  });

  it.each(PAGES)(
    '$name: a $input number brings the notice with focus and caret untouched; mask holds after typing and undo',
    async ({ name, input }) => {
      const page = await session.newPage();
      await open(page, name);
      await watchCaret(page);
      await page.type('Hello, my ID: ');
      if (input === 'typed') await page.type(ID);
      else await paste(page, browser, ID);
      await page.type(' ok');
      await page.waitFor(shown, undefined, 5000);
      const { before, atShow } = await carets(page);
      expect(before).toMatchObject({ active: 'editor' });
      expect(atShow).toEqual(before);
      await pause(400); // the notice's fade-in, for the screenshot
      await page.screenshot(`idnumber-${browser}-${name}-en`);

      // A keyboard user reaches the notice with Tab; Enter on its first button masks.
      await tabIntoNotice(page);
      await page.press('Enter');
      await page.waitFor(
        (masked) => (window as unknown as EditorPage).__editorText().includes(masked),
        ID_MASKED,
      );
      expect(await editorText(page)).toBe(`Hello, my ID: ${ID_MASKED} ok`);
      expect(await draft(page)).toBe(await editorText(page));
      // The notice closes once the mask has settled (caret restored), a task or two after the text
      // changes; it must close, and a time-out fails the test.
      await page.waitFor(() => document.documentElement.dataset.faceguardIdnumber !== 'shown');
      expect(await page.evaluate(focusedIn)).toBe('editor');

      // A person's pause, then more typing at the end and undo: the masked number stays.
      await pause(1100);
      await page.press('End');
      await page.type(' more');
      await page.waitFor(() => (window as unknown as EditorPage).__editorText().endsWith(' more'));
      await page.press('Control+z');
      await page.waitFor(() => !(window as unknown as EditorPage).__editorText().endsWith(' more'));
      const after = await editorText(page);
      expect(after).toContain(ID_MASKED);
      expect(after).not.toContain(ID);
      expect(await draft(page)).toBe(after);
      await pause(800);
      expect(await page.evaluate(shown)).toBe(false);
      expect(page.errors).toEqual([]);
      await page.close();
    },
  );

  it('a Hong Kong and a Taiwan number in one post: one notice for both, both masked', async () => {
    const page = await session.newPage();
    await open(page, 'contenteditable');
    await page.type(`HKID ${HK}, 身分證 ${TW}.`);
    await page.waitFor(shown, undefined, 5000);
    await tabIntoNotice(page);
    await page.press('Enter');
    await page.waitFor(() => !document.documentElement.dataset.faceguardIdnumber);
    expect(await editorText(page)).toBe('HKID A123***(*), 身分證 A123******.');
    await page.close();
  });

  it('fields in shadow roots: a contenteditable in an open root, a textarea in a closed one', async () => {
    const page = await session.newPage();
    await page.goto(`${server.origin}/pages/id-shadow.html`);
    for (const host of ['open-host', 'closed-host']) {
      await page.click(`#${host}`);
      await page.type(`Hello ${ID} ok`);
      await page.waitFor(shown, undefined, 5000);
      await tabIntoNotice(page);
      await page.press('Enter');
      await page.waitFor(() => !document.documentElement.dataset.faceguardIdnumber);
    }
    const texts = await page.evaluate(() => {
      const { editable, area } = (
        window as unknown as { __shadow: { editable: HTMLElement; area: HTMLTextAreaElement } }
      ).__shadow;
      return [editable.textContent, area.value];
    });
    expect(texts).toEqual([`Hello ${ID_MASKED} ok`, `Hello ${ID_MASKED} ok`]);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('the notice goes away by itself when the number is deleted or the field is removed (post sent)', async () => {
    const page = await session.newPage();
    await open(page, 'contenteditable');
    await page.type(`ID ${ID}`);
    await page.waitFor(shown, undefined, 5000);
    for (let i = 0; i < 4; i++) await page.press('Backspace');
    await page.waitFor(() => !document.documentElement.dataset.faceguardIdnumber, undefined, 5000);
    await page.type(ID.slice(-4));
    await page.waitFor(shown, undefined, 5000);
    await page.evaluate(() => document.getElementById('editor')!.remove());
    await page.waitFor(() => !document.documentElement.dataset.faceguardIdnumber, undefined, 5000);
    await page.close();
  });

  it('"leave it" keeps the number and stays quiet about it; a new number brings the notice back', async () => {
    const page = await session.newPage();
    await open(page, 'textarea');
    const start = await idCount(session);
    await page.type(`Mine is ${ID}`);
    await page.waitFor(shown, undefined, 5000);
    await tabIntoNotice(page, 1);
    await page.press('Enter');
    await page.waitFor(() => !document.documentElement.dataset.faceguardIdnumber);
    expect(await editorText(page)).toBe(`Mine is ${ID}`);
    await page.click('#editor');
    await page.press('End');
    await page.type(' and that is all');
    await pause(1200);
    expect(await page.evaluate(shown)).toBe(false);
    await page.type(` and hers is ${OTHER_ID}`);
    await page.waitFor(shown, undefined, 5000);
    // Two numbers found on this page, each counted once however often the field was read.
    await page.type(' !');
    await pause(800);
    expect(await idCount(session, `idnumber-${browser}-popup-en`)).toBe(start + 2);
    await page.close();
  });

  it('a mouse press on "mask it" leaves the focus and the caret where they were', async ({ skip }) => {
    // Only CDP sees into the notice's closed shadow root to aim the mouse; Firefox uses the keyboard above.
    if (browser !== 'chromium') skip();
    const page = await session.newPage();
    await open(page, 'textarea');
    await page.type(`${ID} is mine, do not share`);
    // The caret goes back into the middle of the text.
    await page.evaluate(() =>
      (document.getElementById('editor') as HTMLTextAreaElement).setSelectionRange(22, 24),
    );
    await page.waitFor(shown, undefined, 5000);
    const { x, y } = await noticeButtonCentre(page, 'mask');
    const mouse = (page.native as PwPage).mouse;
    const where = () =>
      page.evaluate(() => {
        const field = document.getElementById('editor') as HTMLTextAreaElement;
        return [document.activeElement?.id, field.selectionStart, field.selectionEnd];
      });
    // Pressed but not yet released: the field still has the focus and the caret.
    await mouse.move(x, y);
    await mouse.down();
    expect(await where()).toEqual(['editor', 22, 24]);
    await mouse.up();
    await page.waitFor(() => !document.documentElement.dataset.faceguardIdnumber);
    expect(await editorText(page)).toBe(`${ID_MASKED} is mine, do not share`);
    expect(await where()).toEqual(['editor', 22, 24]);
    await page.close();
  });

  it('"don\'t warn on this site" is saved, holds on a new page, and is undone in the settings page', async () => {
    const page = await session.newPage();
    await open(page, 'prosemirror');
    await page.type(`ID ${ID}`);
    await page.waitFor(shown, undefined, 5000);
    await tabIntoNotice(page, 2);
    await page.press('Enter');
    await page.waitFor(() => !document.documentElement.dataset.faceguardIdnumber);
    await page.close();

    const settings = await session.openExtensionPage('settings.html');
    await settings.waitFor(() => document.querySelector('#id-quiet-sites [data-site="demo"]') !== null);
    await settings.screenshot(`idnumber-${browser}-settings-en`, { fullPage: true });

    const again = await session.newPage();
    await open(again, 'textarea');
    await again.type(`ID ${ID}`);
    await pause(1500);
    expect(await again.evaluate(shown)).toBe(false);

    await settings.click('#id-quiet-sites button');
    await settings.waitFor(() => document.getElementById('id-quiet-sites') === null);
    await again.type(' again');
    await again.waitFor(shown, undefined, 5000);
    await again.close();
    await settings.close();
  });

  it('a 20,000-character post: the notice comes without a long task, and masking changes only the number', async () => {
    const page = await session.newPage();
    await open(page, 'textarea');
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      if (PerformanceObserver.supportedEntryTypes.includes('longtask')) {
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__longTasks.push(entry.startTime, entry.duration);
        }).observe({ type: 'longtask' });
      }
    });
    const line = '今天去了趟银行，订单号 202406151234567890，电话 13800138000，金额 ¥1,234.56。\n';
    let post = '';
    while (post.length < 15_000) post += line;
    post += `我的身份证号 ${ID}，\n`;
    while (post.length < 20_000) post += line;
    await paste(page, browser, post);
    // Long tasks from here on are the field being read and scanned, and the notice shown.
    const mark = await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)),
        ),
    );
    await page.waitFor(shown, undefined, 5000);
    await pause(200);
    const longTasks = await page.evaluate((from) => {
      const all = (window as unknown as { __longTasks: number[] }).__longTasks;
      const found: number[] = [];
      for (let i = 0; i < all.length; i += 2) if (all[i]! >= from) found.push(all[i + 1]!);
      return found;
    }, mark);
    expect(longTasks).toEqual([]);
    await tabIntoNotice(page);
    await page.press('Enter');
    await page.waitFor(() => !document.documentElement.dataset.faceguardIdnumber);
    expect(await editorText(page)).toBe(post.replace(ID, ID_MASKED));
    await page.close();
  });
});

describe.each(BROWSERS)('%s in Chinese', (browser) => {
  it('shows the notice in Chinese beside a Lexical editor, and the count in the popup', async () => {
    const session = await launch(browser, { locale: 'zh-CN' });
    try {
      const page = await session.newPage();
      await open(page, 'lexical');
      await page.type('我的身份证号是 ');
      await paste(page, browser, ID);
      await page.waitFor(shown, undefined, 5000);
      await pause(400);
      await page.screenshot(`idnumber-${browser}-lexical-zh`);
      await page.type('，谢谢');
      await pause(800);
      const popup = await session.openExtensionPage('popup.html');
      await popup.waitFor(() => document.getElementById('stat-id-numbers')?.textContent === '1');
      await popup.setViewport(360, 600);
      await popup.screenshot(`idnumber-${browser}-popup-zh`);
      await popup.close();
      expect(page.errors).toEqual([]);
      expect(forbiddenRequests(session.network, browser)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
