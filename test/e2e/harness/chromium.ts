import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { startNetworkRecorder } from './network-recorder';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, DIST, RESULTS } from './paths';
import type { BrowserSession, LaunchOptions, TestPage } from './session';

/** A Playwright page behind the harness's TestPage (also for a browser without the extension: bench). */
export function wrapPage(page: Page): TestPage {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return {
    errors,
    native: page,
    goto: async (url) => {
      await page.goto(url);
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg),
    evaluateScript: (code) => page.evaluate(code),
    waitFor: async (fn, arg, timeoutMs = 10_000) => {
      await page.waitForFunction(fn as never, arg, { timeout: timeoutMs });
    },
    click: (selector) => page.click(selector),
    setInputFiles: (selector, paths) => page.setInputFiles(selector, paths),
    setFrameInputFiles: async (urlPart, selector, paths) => {
      const frame = page.frames().find((f) => f.url().includes(urlPart));
      if (!frame) throw new Error(`no frame ${urlPart}`);
      await frame.setInputFiles(selector, paths);
    },
    chooseFiles: async (open, paths, whileOpen) => {
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser', { timeout: 10_000 }),
        typeof open === 'string' ? page.click(open) : page.evaluate(open),
      ]);
      await whileOpen?.();
      await chooser.setFiles(paths);
    },
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    screenshot: async (name, options) => {
      const path = join(RESULTS, 'screenshots', `${name}.png`);
      await page.screenshot({ path, fullPage: options?.fullPage ?? false });
      return path;
    },
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    close: () => page.close(),
  };
}

export async function launchChromium(
  options: LaunchOptions = {},
): Promise<BrowserSession & { context: BrowserContext }> {
  const network = await startNetworkRecorder();
  const profile = options.profileDir ?? mkdtempSync(join(tmpdir(), 'fg-chromium-'));
  const lang = options.locale ?? 'en';
  const extension = options.dist ? `${options.dist}/chrome` : DIST.chromium;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: lang,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
    viewport: { width: 1100, height: 800 },
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      `--lang=${lang}`,
      `--proxy-server=http://127.0.0.1:${network.port}`,
      ...CHROMIUM_FLAGS,
      '--disable-default-apps',
    ],
  });
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  // Node's URL gives chrome-extension: URLs a null origin.
  const extensionOrigin = worker.url().split('/').slice(0, 3).join('/');
  // The welcome page may open on install; tests open their own tabs.
  return {
    name: 'chromium',
    context,
    extensionOrigin,
    profileDir: profile,
    network,
    newPage: async () => wrapPage(await context.newPage()),
    openExtensionPage: async (path) => {
      const page = await context.newPage();
      await page.goto(`${extensionOrigin}/${path}`);
      return wrapPage(page);
    },
    close: async () => {
      await context.close();
      await network.close();
      if (!options.profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}
