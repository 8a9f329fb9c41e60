// Firefox for Android's layout, in Firefox at phone sizes (360x740 and 412x915) with touch input: the
// warning dialog and the notice (on the preview page, whose open shadow root lets the test find each
// button: the shipped one is closed) are tapped through; the popup, opened as Android opens it (a page
// of its own) is tapped on; and the real dialog and notice appear on the demo site at phone width.
// Touch: taps are WebDriver BiDi touch pointer actions (the page sees pointerdown with pointerType
// "touch", touchstart, touchend, click). What Firefox does not emulate over BiDi: Puppeteer's hasTouch
// and isMobile change nothing a page can see (navigator.maxTouchPoints stays 0, (pointer: coarse) does
// not match) and only make it reload, which an extension page never finishes; so they are not set, and
// nothing in FaceGuard depends on them.
// Screenshots: test-results/screenshots/mobile-*.png.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../scripts/locales.mjs';
import { testdataDir } from '../unit/testdata';
import { dialogThenNotice } from './fixtures/astronaut';
import type { TestPage } from './harness';
import { useDemoSession } from './harness/demo-session';
import { FIREFOX_PATH, RESULTS } from './harness/paths';
import { type PreviewServer, startPreviewServer } from './warning-preview/server';

const PHONES = [
  { width: 360, height: 740 },
  { width: 412, height: 915 },
] as const;
const catalogs = loadCatalogs() as Record<string, Record<string, { message: string }>>;
const msg = (lang: string, key: string) => catalogs[lang]![key]!.message;
const AXE = readFileSync(join(createRequire(import.meta.url).resolve('axe-core'), '../axe.min.js'), 'utf8');
const faces = testdataDir('faces');

/** A phone-sized viewport at a phone's pixel density (a page already open reloads). */
async function phone(page: Page, size: (typeof PHONES)[number]): Promise<void> {
  await page.setViewport({ ...size, deviceScaleFactor: 2 });
}

/** Taps the middle of an element (found by a function of the document), scrolled into view first. */
async function tapIn(page: Page, find: string): Promise<void> {
  const point = await page.evaluate((find: string) => {
    const el = (new Function(`return (${find})`)() as () => Element | null)();
    if (!el) return null;
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, find);
  if (!point) throw new Error(`nothing to tap: ${find}`);
  await page.touchscreen.tap(point.x, point.y);
}

const inUi = (selector: string) => `() => window.__fgRoot.querySelector(${JSON.stringify(selector)})`;

interface Layout {
  viewport: number;
  box: { left: number; right: number; top: number; bottom: number };
  overflow: boolean;
  buttons: Array<{ name: string; height: number; left: number; right: number }>;
  kbdShown: number;
}

/** Where the dialog or notice and its buttons lie, and whether anything in it scrolls sideways. */
function layout(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const root = window.__fgRoot!;
    const shell = root.querySelector<HTMLElement>('.dialog, .notice')!;
    const r = shell.getBoundingClientRect();
    const scrollers = [shell, ...shell.querySelectorAll<HTMLElement>('*')];
    return {
      viewport: document.documentElement.clientWidth,
      box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
      // Clipped on purpose (a long file name ends in an ellipsis) is fine; a sideways scroller is not.
      overflow: scrollers.some(
        (el) => el.scrollWidth > el.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(el).overflowX),
      ),
      buttons: [...root.querySelectorAll<HTMLElement>('button.btn')].map((b) => {
        const br = b.getBoundingClientRect();
        return { name: b.dataset.action ?? '', height: br.height, left: br.left, right: br.right };
      }),
      kbdShown: [...root.querySelectorAll('kbd')].filter((k) => k.getClientRects().length > 0).length,
    };
  });
}

function expectPhoneLayout(seen: Layout, what: string): void {
  expect(seen.box.left, what).toBeGreaterThanOrEqual(0);
  expect(seen.box.right, what).toBeLessThanOrEqual(seen.viewport);
  expect(seen.overflow, `${what}: nothing scrolls sideways`).toBe(false);
  expect(seen.kbdShown, `${what}: no keyboard hints on a phone`).toBe(0);
  for (const b of seen.buttons) {
    // 44 px: the touch target of WCAG 2.5.5 (AAA) and Apple's guidelines; Android asks 48 dp.
    expect(b.height, `${what} ${b.name}`).toBeGreaterThanOrEqual(44);
    expect(b.left, `${what} ${b.name}`).toBeGreaterThanOrEqual(seen.box.left);
    expect(b.right, `${what} ${b.name}`).toBeLessThanOrEqual(seen.box.right);
  }
}

describe('Firefox at phone sizes, touch: the warning UI (preview page)', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startPreviewServer();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { 'intl.accept_languages': 'en-US, en' },
    });
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(query: string, kind: 'dialog' | 'notice' = 'dialog'): Promise<void> {
    await page.goto(`${server.origin}/?open=1&seconds=600&${query}`);
    await page.waitForFunction(
      (k) => document.documentElement.getAttribute(`data-faceguard-${k}`) === 'open',
      {},
      kind,
    );
    await page.waitForFunction(() =>
      [...(window.__fgRoot?.querySelectorAll('img') ?? [])].every(
        (img) => img.complete && img.naturalWidth > 0,
      ),
    );
  }
  const result = async () => {
    await page.waitForFunction(() => window.__fgResult !== undefined, { timeout: 5000 });
    return page.evaluate(() => window.__fgResult);
  };

  for (const size of PHONES) {
    it(`${size.width} px: the dialog fits, a face is untapped, the covered copy is tapped`, async () => {
      await phone(page, size);
      await open('scenario=single&lang=en');
      expectPhoneLayout(await layout(page), `single ${size.width}`);
      expect(
        await page.evaluate(() => window.__fgRoot!.querySelector('[data-action="blur"] span')!.textContent),
      ).toBe(msg('en', 'warn_action_fill'));
      await page.screenshot({
        path: join(RESULTS, 'screenshots', `mobile-firefox-dialog-en-${size.width}.png`),
      });
      await tapIn(page, inUi('[data-face="0"]'));
      expect(
        await page.evaluate(() =>
          window.__fgRoot!.querySelector('[data-face="0"]')!.getAttribute('aria-pressed'),
        ),
      ).toBe('false');
      expect(await page.evaluate(() => window.__fgRoot!.querySelector('.face-count')!.textContent)).toBe(
        msg('en', 'warn_face_one_uncovered'),
      );
      await tapIn(page, inUi('[data-action="blur"]'));
      expect(await result()).toEqual({
        decisions: [{ id: 'a', action: 'blur', faces: [] }],
        disableSite: false,
      });
    });

    it(`${size.width} px: blurred words in Traditional Chinese; cancel by touch`, async () => {
      await phone(page, size);
      await open('scenario=single&lang=zh_TW&style=blur');
      expectPhoneLayout(await layout(page), `single zh_TW ${size.width}`);
      expect(
        await page.evaluate(() => window.__fgRoot!.querySelector('[data-action="blur"] span')!.textContent),
      ).toBe(msg('zh_TW', 'warn_action_blur'));
      await page.screenshot({
        path: join(RESULTS, 'screenshots', `mobile-firefox-dialog-zh_TW-blur-${size.width}.png`),
      });
      await tapIn(page, inUi('[data-action="cancel"]'));
      expect(await result()).toEqual({ decisions: [{ id: 'a', action: 'cancel' }], disableSite: false });
    });

    it(`${size.width} px: several photos, a choice per photo by touch, then confirm`, async () => {
      await phone(page, size);
      await open('scenario=many&lang=en');
      expectPhoneLayout(await layout(page), `many ${size.width}`);
      await page.screenshot({
        path: join(RESULTS, 'screenshots', `mobile-firefox-many-en-${size.width}.png`),
      });
      await tapIn(page, inUi('[data-image="a"] [data-choice="upload"]'));
      await tapIn(page, inUi('[data-disable-site]'));
      await tapIn(page, inUi('[data-action="confirm"]'));
      expect(await result()).toEqual({
        decisions: [
          { id: 'a', action: 'upload' },
          { id: 'b', action: 'blur', faces: [0] },
          { id: 'c', action: 'blur', faces: [0] },
        ],
        disableSite: true,
      });
    });

    it(`${size.width} px: the notice fits and leaves the top of the page; a tap stops its countdown and chooses`, async () => {
      await phone(page, size);
      await open('scenario=notice&lang=zh_TW', 'notice');
      const seen = await layout(page);
      expectPhoneLayout(seen, `notice ${size.width}`);
      expect(seen.box.top, 'some of the page stays in sight above the notice').toBeGreaterThan(0);
      await page.screenshot({
        path: join(RESULTS, 'screenshots', `mobile-firefox-notice-zh_TW-${size.width}.png`),
      });
      await tapIn(page, inUi('[data-disable-site]'));
      expect(
        await page.evaluate(
          () => window.__fgRoot!.querySelector<HTMLElement>('.countdown')!.dataset.countdown,
        ),
      ).toBe('stopped');
      await tapIn(page, inUi('[data-action="strip"]'));
      expect(await result()).toEqual({ decisions: [{ id: 'a', action: 'strip' }], disableSite: true });
    });
  }

  it('axe finds no serious or critical problem at 360 px in all three languages', async () => {
    await phone(page, PHONES[0]);
    const problems: string[] = [];
    for (const lang of ['en', 'zh_CN', 'zh_TW']) {
      for (const scenario of ['single', 'many', 'notice'] as const) {
        await open(`scenario=${scenario}&lang=${lang}`, scenario === 'notice' ? 'notice' : 'dialog');
        await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
          const run = await axe.run({ include: [['faceguard-warning']] } as never, {
            resultTypes: ['violations'],
          });
          return run.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        });
        problems.push(...violations.map((v) => `${scenario}/${lang}: ${v}`));
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('Firefox at phone sizes, touch: the extension', () => {
  const demoSession = useDemoSession('firefox', { locale: 'en' });

  const native = (page: TestPage) => page.native as Page;

  for (const size of PHONES) {
    it(`${size.width} px: the popup as Android shows it (a page of its own) fills the width and takes taps`, async () => {
      const { session, server } = demoSession;
      const demo = await session.newPage();
      await phone(native(demo), size);
      await demo.goto(`${server.origin}/`);
      // No ?tab=: the popup finds the page it was opened over, as on Android where it is a tab itself.
      const popup = await session.openExtensionPage('popup.html');
      await phone(native(popup), size);
      await popup.waitFor(() => document.documentElement.dataset.ready === '1', undefined, 15_000);
      const seen = await popup.evaluate(() => ({
        asPage: document.documentElement.classList.contains('as-page'),
        host: document.getElementById('site-host')?.textContent,
        state: document.getElementById('site-status')?.dataset.state,
        bodyWidth: document.body.getBoundingClientRect().width,
        viewport: document.documentElement.clientWidth,
        scrollWidth: document.documentElement.scrollWidth,
      }));
      expect(seen).toMatchObject({ asPage: true, host: '127.0.0.1', state: 'on' });
      expect(seen.bodyWidth).toBe(seen.viewport);
      expect(seen.scrollWidth).toBeLessThanOrEqual(seen.viewport);
      await popup.screenshot(`mobile-firefox-popup-en-${size.width}`, { fullPage: true });
      await tapIn(native(popup), '() => document.querySelector("#site-controls .switch")');
      await popup.waitFor(() => document.getElementById('site-status')?.dataset.state === 'off');
      await tapIn(native(popup), '() => document.querySelector("#site-controls .switch")');
      await popup.waitFor(() => document.getElementById('site-status')?.dataset.state === 'on');
      expect(popup.errors).toEqual([]);
      await popup.close();
      await demo.close();
    });
  }

  it.skipIf(!faces.dir)(
    '360 px: the real dialog and notice appear on the demo site and fit',
    async () => {
      const { session, server } = demoSession;
      const demo = await session.newPage();
      await phone(native(demo), PHONES[0]);
      await demo.goto(`${server.origin}/`);
      await dialogThenNotice(
        demo,
        faces.dir!,
        async () => {
          // The closed shadow root cannot be measured from the page: the host is on top and the page
          // did not widen.
          const page = await demo.evaluate(() => ({
            top: document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.tagName.toLowerCase(),
            scrollWidth: document.documentElement.scrollWidth,
            viewport: document.documentElement.clientWidth,
          }));
          expect(page.top).toBe('faceguard-warning');
          expect(page.scrollWidth).toBeLessThanOrEqual(page.viewport);
          await demo.screenshot('mobile-firefox-demo-dialog-en-360');
        },
        async () => {
          await demo.screenshot('mobile-firefox-demo-notice-en-360');
        },
      );
      expect(demo.errors).toEqual([]);
      await demo.close();
    },
    90_000,
  );
});
