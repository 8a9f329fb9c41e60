// The warning UI on its preview page (test/e2e/warning-preview/), in Chromium and Firefox: the keyboard
// contract, face toggles, per-image choices, the notice's countdown, re-attachment, an axe-core scan,
// and screenshots in all three languages and both colour schemes (test-results/screenshots/warning-*.png).
// No extension is loaded: the UI is bundled into a plain page, with a handle on its closed shadow root.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser as PwBrowser, type Page as PwPage } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, FIREFOX_PATH, RESULTS } from './harness/paths';
import { type PreviewServer, startPreviewServer } from './warning-preview/server';

type Scheme = 'light' | 'dark';
type BrowserName = 'chromium' | 'firefox';

/** The few page operations the tests need, over Playwright (Chromium) and Puppeteer (Firefox). */
interface Page {
  goto(url: string): Promise<void>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  waitFor<A = undefined>(fn: (arg: A) => unknown, arg?: A, timeoutMs?: number): Promise<void>;
  press(key: string): Promise<void>;
  addScript(content: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
  errors: string[];
}

function watchErrors(page: PwPage | PpPage, errors: string[]): void {
  (page as PwPage).on('pageerror', (e: Error) => errors.push(String(e)));
  (page as PwPage).on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
}

function fromPlaywright(page: PwPage): Page {
  const errors: string[] = [];
  watchErrors(page, errors);
  return {
    errors,
    goto: async (url) => {
      await page.goto(url);
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: async (fn, arg, timeoutMs = 10_000) => {
      await page.waitForFunction(fn as never, arg, { timeout: timeoutMs });
    },
    press: (key) => page.keyboard.press(key),
    addScript: async (content) => {
      await page.addScriptTag({ content });
    },
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    close: () => page.close(),
  };
}

function fromPuppeteer(page: PpPage): Page {
  const errors: string[] = [];
  watchErrors(page, errors);
  return {
    errors,
    goto: async (url) => {
      await page.goto(url);
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: async (fn, arg, timeoutMs = 10_000) => {
      await page.waitForFunction(fn as never, { timeout: timeoutMs, polling: 50 }, arg);
    },
    press: async (combo) => {
      // Puppeteer has no "Shift+Tab" syntax: hold the modifiers around the key.
      const keys = combo.split('+') as never[];
      const last = keys.pop()! as string;
      const key = (last === 'Space' ? ' ' : last) as never;
      for (const m of keys) await page.keyboard.down(m);
      await page.keyboard.press(key);
      for (const m of keys.reverse()) await page.keyboard.up(m);
    },
    addScript: async (content) => {
      await page.addScriptTag({ content });
    },
    screenshot: async (path) => {
      await page.screenshot({ path: path as `${string}.png` });
    },
    close: () => page.close(),
  };
}

/** One browser at a time; Firefox is relaunched to switch colour scheme (a preference). */
class Env {
  private pw: PwBrowser | null = null;
  private pp: PpBrowser | null = null;
  private ppScheme: Scheme | null = null;

  constructor(readonly name: BrowserName) {}

  async page(scheme: Scheme = 'light'): Promise<Page> {
    if (this.name === 'chromium') {
      this.pw ??= await chromium.launch({
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_FLAGS,
      });
      const context = await this.pw.newContext({
        viewport: { width: 1100, height: 800 },
        colorScheme: scheme,
      });
      const page = fromPlaywright(await context.newPage());
      return { ...page, close: () => context.close() };
    }
    if (this.pp && this.ppScheme !== scheme) await this.close();
    if (!this.pp) {
      this.pp = await puppeteer.launch({
        browser: 'firefox',
        executablePath: FIREFOX_PATH,
        headless: true,
        args: ['--remote-allow-system-access', '--width=1100', '--height=800'],
        extraPrefsFirefox: {
          'ui.systemUsesDarkTheme': scheme === 'dark' ? 1 : 0,
          'layout.css.prefers-color-scheme.content-override': scheme === 'dark' ? 0 : 1,
          'intl.accept_languages': 'en-US, en',
        },
      });
      this.ppScheme = scheme;
    }
    const page = await this.pp.newPage();
    await page.setViewport({ width: 1100, height: 800 });
    return fromPuppeteer(page);
  }

  async close(): Promise<void> {
    await this.pw?.close();
    await this.pp?.close();
    this.pw = null;
    this.pp = null;
    this.ppScheme = null;
  }
}

const AXE = readFileSync(join(createRequire(import.meta.url).resolve('axe-core'), '../axe.min.js'), 'utf8');

let server: PreviewServer;
beforeAll(async () => {
  server = await startPreviewServer();
});
afterAll(() => server.close());

async function open(page: Page, scenario: string, query = ''): Promise<void> {
  await page.goto(`${server.origin}/?scenario=${scenario}${query}`);
  const kind = scenario.startsWith('notice')
    ? 'notice'
    : scenario === 'toast' || scenario === 'progress' || scenario === 'idnumber'
      ? scenario
      : 'dialog';
  await page.waitFor(
    (k) =>
      document.documentElement.getAttribute(`data-faceguard-${k}`) === (k === 'idnumber' ? 'shown' : 'open'),
    kind,
  );
  await page.waitFor(() =>
    [...(window.__fgRoot?.querySelectorAll('img') ?? [])].every(
      (img) => img.complete && img.naturalWidth > 0,
    ),
  );
}

/** What has focus inside the UI, as a short name. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = window.__fgRoot?.activeElement as HTMLElement | null | undefined;
    if (!el) return document.activeElement?.id || document.activeElement?.tagName || 'none';
    const d = el.dataset;
    if (d.action) return d.action;
    if (d.face !== undefined) return `face${d.face}`;
    if (d.disableSite !== undefined) return 'site';
    if (d.learn !== undefined) return 'learn';
    if (d.choice) return `choice-${d.choice}`;
    return el.tagName.toLowerCase();
  });
}

async function result(page: Page): Promise<unknown> {
  await page.waitFor(() => window.__fgResult !== undefined);
  return page.evaluate(() => window.__fgResult);
}

describe.each<BrowserName>(['chromium', 'firefox'])('%s', (name) => {
  const env = new Env(name);
  afterAll(() => env.close());

  it('keyboard only: focus starts inside, Tab order, trapped, a face toggled off, b, focus returns', async () => {
    const page = await env.page();
    await open(page, 'single', '&lang=en');
    expect(await focused(page)).toBe('blur');
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.press('Tab');
      order.push(await focused(page));
    }
    // DOM order, wrapping around: the face outline (in the picture) comes first after the end.
    expect(order).toEqual(['strip', 'upload', 'cancel', 'site', 'learn', 'face0', 'blur']);
    await page.press('Shift+Tab');
    expect(await focused(page)).toBe('face0');
    await page.press('Shift+Tab');
    expect(await focused(page)).toBe('learn');
    await page.press('Tab');
    await page.press('Tab');
    // Trapped: document focus stays on the host, never on the page behind.
    for (let i = 0; i < 12; i++) await page.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe(
      'faceguard-warning',
    );
    // Untick the face with the keyboard.
    while ((await focused(page)) !== 'face0') await page.press('Tab');
    await page.press('Space');
    expect(
      await page.evaluate(() =>
        window.__fgRoot!.querySelector('[data-face="0"]')!.getAttribute('aria-pressed'),
      ),
    ).toBe('false');
    expect(await page.evaluate(() => window.__fgRoot!.querySelector('.face-count')!.textContent)).toBe(
      'The face will be left as it is.',
    );
    await page.press('b');
    expect(await result(page)).toEqual({
      decisions: [{ id: 'a', action: 'blur', faces: [] }],
      disableSite: false,
    });
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-faceguard-dialog'))).toBe(
      false,
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('composer');
    expect(await page.evaluate(() => window.__fgRoot!.querySelector('.dialog'))).toBeNull();
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('an identity document: says so, cancel first and focused, the copy covers the outlined areas', async () => {
    const page = await env.page();
    await open(page, 'document', '&lang=en');
    expect(await page.evaluate(() => window.__fgRoot!.querySelector('h2')!.textContent)).toBe(
      'This is a photo of an identity document',
    );
    expect(await focused(page)).toBe('cancel');
    const buttons = await page.evaluate(() =>
      [...window.__fgRoot!.querySelectorAll<HTMLElement>('.actions [data-action]')].map((b) => [
        b.dataset.action,
        b.textContent,
      ]),
    );
    expect(buttons).toEqual([
      ['cancel', 'Cancel this uploadEsc'],
      ['blur', 'Upload with the photo and ID number coveredB'],
      ['upload', 'Upload anywayU'],
    ]);
    // The portrait and the number line are outlined on the thumbnail.
    expect(await page.evaluate(() => window.__fgRoot!.querySelectorAll('.doc-area').length)).toBe(2);
    await page.press('Enter');
    expect(await result(page)).toEqual({ decisions: [{ id: 'a', action: 'cancel' }], disableSite: false });

    await open(page, 'document', '&lang=zh_CN');
    expect(await page.evaluate(() => window.__fgRoot!.querySelector('h2')!.textContent)).toBe(
      '这是一张身份证件的照片',
    );
    await page.press('b');
    expect(await result(page)).toEqual({
      decisions: [{ id: 'a', action: 'blur', faces: [0] }],
      disableSite: false,
    });
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('Escape cancels every image; m and u choose for all; Enter activates the focused button', async () => {
    const page = await env.page();
    await open(page, 'many', '&lang=en');
    await page.press('Escape');
    expect(await result(page)).toEqual({
      decisions: [
        { id: 'a', action: 'cancel' },
        { id: 'b', action: 'cancel' },
        { id: 'c', action: 'cancel' },
      ],
      disableSite: false,
    });

    await open(page, 'many', '&lang=en');
    await page.press('m');
    // Photo a has no location or camera data: "without metadata" uploads it as it is.
    expect(await result(page)).toEqual({
      decisions: [
        { id: 'a', action: 'upload' },
        { id: 'b', action: 'strip' },
        { id: 'c', action: 'strip' },
      ],
      disableSite: false,
    });

    await open(page, 'single', '&lang=zh_CN');
    await page.press('u');
    expect(await result(page)).toEqual({ decisions: [{ id: 'a', action: 'upload' }], disableSite: false });

    await open(page, 'single', '&lang=en');
    await page.press('Tab');
    expect(await focused(page)).toBe('strip');
    await page.press('Enter');
    expect(await result(page)).toEqual({ decisions: [{ id: 'a', action: 'strip' }], disableSite: false });

    await open(page, 'single', '&lang=en');
    while ((await focused(page)) !== 'cancel') await page.press('Tab');
    await page.press('Space');
    expect(await result(page)).toEqual({ decisions: [{ id: 'a', action: 'cancel' }], disableSite: false });
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('several images: a choice per image by keyboard, "don\'t warn on this site", the learn link', async () => {
    const page = await env.page();
    await open(page, 'many', '&lang=en');
    // Reach photo a's choice (blur is its default) and move it to "upload as is" with an arrow key.
    while ((await focused(page)) !== 'choice-blur') await page.press('Tab');
    await page.press('ArrowRight');
    expect(await focused(page)).toBe('choice-upload');
    while ((await focused(page)) !== 'site') await page.press('Tab');
    await page.press('Space');
    await page.press('Tab');
    expect(await focused(page)).toBe('learn');
    await page.press('Enter');
    expect(await page.evaluate(() => window.__fgOpened)).toBe(1);
    while ((await focused(page)) !== 'confirm') await page.press('Tab');
    await page.press('Enter');
    expect(await result(page)).toEqual({
      decisions: [
        { id: 'a', action: 'upload' },
        { id: 'b', action: 'blur', faces: [0] },
        { id: 'c', action: 'blur', faces: [0] },
      ],
      disableSite: true,
    });
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('twelve images: the cards past the first few follow at once, in order, and every one is answered', async () => {
    const page = await env.page();
    await open(page, 'twelve', '&lang=en');
    const ids = Array.from({ length: 12 }, (_, i) => `p${i + 1}`);
    await page.waitFor(() => window.__fgRoot?.querySelectorAll('[data-image]').length === 12);
    expect(
      await page.evaluate(() =>
        [...window.__fgRoot!.querySelectorAll('[data-image]')].map((card) => card.getAttribute('data-image')),
      ),
    ).toEqual(ids);
    await page.press('u');
    expect(await result(page)).toEqual({
      decisions: ids.map((id) => ({ id, action: 'upload' })),
      disableSite: false,
    });
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('puts itself back when the site removes it, and keeps the page scrollable', async () => {
    const page = await env.page();
    await open(page, 'single', '&lang=en');
    await page.evaluate(() => document.querySelector('faceguard-warning')?.remove());
    await page.waitFor(
      () => document.documentElement.lastElementChild?.tagName.toLowerCase() === 'faceguard-warning',
    );
    expect(await page.evaluate(() => getComputedStyle(document.body).overflow)).toBe('visible');
    await page.evaluate(() => window.scrollTo(0, 400));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await page.press('Escape');
    await result(page);
    // Closed: the host is gone and not put back.
    await page.waitFor(() => !document.querySelector('faceguard-warning'));
    await page.close();
  });

  it('notice: uploads as is when its countdown ends; any interaction stops the countdown', async () => {
    const page = await env.page();
    await open(page, 'notice', '&lang=en&seconds=1');
    // The notice does not take focus from the page.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('composer');
    expect(await result(page)).toEqual({ decisions: [{ id: 'a', action: 'upload' }], disableSite: false });
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-faceguard-notice'))).toBe(
      false,
    );

    await open(page, 'notice', '&lang=en&seconds=2');
    await page.evaluate(() => window.__fgRoot!.querySelector<HTMLElement>('[data-action="strip"]')!.focus());
    await new Promise((r) => setTimeout(r, 2600));
    expect(await page.evaluate(() => window.__fgResult)).toBeUndefined();
    expect(await page.evaluate(() => window.__fgRoot!.querySelector('.countdown')!.textContent)).toBe(
      'Waiting for your choice.',
    );
    await page.press('b');
    expect(await result(page)).toEqual({
      decisions: [{ id: 'a', action: 'blur', faces: [0] }],
      disableSite: false,
    });

    await open(page, 'notice-meta', '&lang=en&seconds=30');
    await page.evaluate(() => window.__fgRoot!.querySelector<HTMLElement>('[data-action="upload"]')!.focus());
    await page.press('Escape');
    expect(await result(page)).toEqual({ decisions: [{ id: 'a', action: 'upload' }], disableSite: false });
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('toast: shows the message in the chosen language and hides by itself', async () => {
    const page = await env.page();
    await open(page, 'toast', '&lang=zh_CN');
    await page.waitFor(() => window.__fgRoot?.querySelector('.toast')?.textContent !== '');
    expect(await page.evaluate(() => window.__fgRoot!.querySelector('.toast')!.textContent)).toBe(
      '护脸没能及时检查这张照片，已按原样上传。',
    );
    await page.waitFor(() => !document.documentElement.hasAttribute('data-faceguard-toast'), undefined, 8000);
    await page.close();
  });

  it('progress: shown only for slow checks, counts in the chosen language, then leaves nothing behind', async () => {
    const page = await env.page();
    await open(page, 'progress', '&lang=zh_CN');
    const text = () => page.evaluate(() => window.__fgRoot?.querySelector('.toast')?.textContent ?? null);
    await page.waitFor(() => window.__fgRoot?.querySelector('.toast')?.textContent !== '');
    // Only the still-open 12-photo line was ever shown: the 3-photo one closed before its second was up.
    expect(await page.evaluate(() => window.__fgProgressLines)).toBe(1);
    expect(await text()).toBe('护脸正在上传前检查你的照片：已完成 5 / 12 张…');
    await page.screenshot(join(RESULTS, 'screenshots', `warning-${name}-progress-zh_CN.png`));
    await page.evaluate(() => window.__fgProgress!.update(6));
    expect(await text()).toBe('护脸正在上传前检查你的照片：已完成 6 / 12 张…');
    await page.evaluate(() => window.__fgProgress!.close());
    expect(await text()).toBeNull();
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-faceguard-progress'))).toBe(
      false,
    );
    expect(await page.evaluate(() => document.querySelector('faceguard-warning'))).toBeNull();
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`axe finds no serious or critical problem; screenshots (${scheme})`, async () => {
      const page = await env.page(scheme);
      const problems: string[] = [];
      for (const lang of ['en', 'zh_CN', 'zh_TW']) {
        for (const scenario of ['single', 'many', 'notice', 'document', 'idnumber']) {
          await open(page, scenario, `&lang=${lang}&open=1&seconds=600`);
          await page.addScript(AXE);
          const violations = await page.evaluate(async () => {
            const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
            const run = await axe.run({ include: [['faceguard-warning']] } as never, {
              resultTypes: ['violations'],
            });
            return run.violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3),
            }));
          });
          for (const v of violations) {
            if (v.impact === 'serious' || v.impact === 'critical') {
              problems.push(`${scenario}/${lang}/${scheme}: ${v.id} (${v.impact}) ${v.nodes.join(', ')}`);
            }
          }
          await page.screenshot(
            join(RESULTS, 'screenshots', `warning-${name}-${scenario}-${lang}-${scheme}.png`),
          );
        }
      }
      expect(problems).toEqual([]);
      expect(page.errors).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
