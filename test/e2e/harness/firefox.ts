import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { startNetworkRecorder } from './network-recorder';
import { DIST, FIREFOX_PATH, FIREFOX_UUID, GECKO_ID, RESULTS } from './paths';
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
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: async (fn, arg, timeoutMs = 10_000) => {
      await page.waitForFunction(fn as never, { timeout: timeoutMs, polling: 50 }, arg);
    },
    click: (selector) => page.click(selector),
    setInputFiles: async (selector, paths) => {
      const input = (await page.waitForSelector(selector)) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(...paths);
    },
    screenshot: async (name, options) => {
      const path = join(RESULTS, 'screenshots', `${name}.png`) as `${string}.png`;
      await page.screenshot({ path, fullPage: options?.fullPage ?? false });
      return path;
    },
    close: () => page.close(),
  };
}

export async function launchFirefox(
  options: LaunchOptions = {},
): Promise<BrowserSession & { browser: Browser }> {
  const network = await startNetworkRecorder();
  const profile = options.profileDir ?? mkdtempSync(join(tmpdir(), 'fg-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access', '--width=1100', '--height=800'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // Firefox MV3 treats host permissions as user-granted; grant them at install as a person would.
      'extensions.originControls.grantByDefault': true,
      'intl.locale.requested': options.locale ?? 'en-US',
      'intl.accept_languages': options.locale === 'zh-CN' ? 'zh-CN, zh, en' : 'en-US, en',
      'ui.systemUsesDarkTheme': options.colorScheme === 'dark' ? 1 : 0,
      'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1,
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': network.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': network.port,
      'network.proxy.share_proxy_settings': true,
    },
  });
  await browser.installExtension(DIST.firefox);
  const extensionOrigin = `moz-extension://${FIREFOX_UUID}`;
  const openPage = async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 800 });
    return page;
  };
  return {
    name: 'firefox',
    browser,
    extensionOrigin,
    network,
    newPage: async () => wrap(await openPage()),
    openExtensionPage: async (path) => {
      const page = await openPage();
      // goto() to a moz-extension:// URL never settles over BiDi: start it and wait for the document.
      void page.goto(`${extensionOrigin}/${path}`).catch(() => undefined);
      await page.waitForFunction(
        (origin: string) => location.origin === origin && document.readyState === 'complete',
        { timeout: 15_000, polling: 50 },
        extensionOrigin,
      );
      return wrap(page);
    },
    close: async () => {
      await browser.close();
      await network.close();
      if (!options.profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}
