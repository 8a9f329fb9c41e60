import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { startNetworkRecorder } from './network-recorder';
import { CHROMIUM_PATH, DIST, RESULTS } from './paths';
import type { BrowserSession, LaunchOptions, TestPage } from './session';

function wrap(page: Page): TestPage {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return {
    errors,
    goto: async (url) => {
      await page.goto(url);
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg),
    waitFor: async (fn, arg, timeoutMs = 10_000) => {
      await page.waitForFunction(fn as never, arg, { timeout: timeoutMs });
    },
    click: (selector) => page.click(selector),
    setInputFiles: (selector, paths) => page.setInputFiles(selector, paths),
    screenshot: async (name, options) => {
      const path = join(RESULTS, 'screenshots', `${name}.png`);
      await page.screenshot({ path, fullPage: options?.fullPage ?? false });
      return path;
    },
    close: () => page.close(),
  };
}

export async function launchChromium(
  options: LaunchOptions = {},
): Promise<BrowserSession & { context: BrowserContext }> {
  const network = await startNetworkRecorder();
  const profile = options.profileDir ?? mkdtempSync(join(tmpdir(), 'fg-chromium-'));
  const lang = options.locale ?? 'en';
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: lang,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1100, height: 800 },
    args: [
      `--disable-extensions-except=${DIST.chromium}`,
      `--load-extension=${DIST.chromium}`,
      `--lang=${lang}`,
      `--proxy-server=http://127.0.0.1:${network.port}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
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
    network,
    newPage: async () => wrap(await context.newPage()),
    openExtensionPage: async (path) => {
      const page = await context.newPage();
      await page.goto(`${extensionOrigin}/${path}`);
      return wrap(page);
    },
    close: async () => {
      await context.close();
      await network.close();
      if (!options.profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}
