import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { startNetworkRecorder } from './network-recorder';
import { DIST, FIREFOX_PATH, FIREFOX_UUID, GECKO_ID, RESULTS } from './paths';
import type { BrowserSession, LaunchOptions, TestPage } from './session';
import { within } from './watchdog';

function wrap(page: Page): TestPage {
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
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    evaluateScript: (code) => page.evaluate(code),
    waitFor: async (fn, arg, timeoutMs = 10_000) => {
      await page.waitForFunction(fn as never, { timeout: timeoutMs, polling: 50 }, arg);
    },
    click: (selector) => page.click(selector),
    setInputFiles: async (selector, paths) => {
      const input = (await page.waitForSelector(selector)) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(...paths);
    },
    setFrameInputFiles: async (urlPart, selector, paths) => {
      const frame = page.frames().find((f) => f.url().includes(urlPart));
      if (!frame) throw new Error(`no frame ${urlPart}`);
      const input = (await frame.waitForSelector(selector)) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(...paths);
    },
    chooseFiles: async (open, paths, whileOpen) => {
      const [chooser] = await Promise.all([
        page.waitForFileChooser({ timeout: 10_000 }),
        typeof open === 'string' ? page.click(open) : page.evaluate(open),
      ]);
      await whileOpen?.();
      await chooser.accept(paths);
    },
    // Puppeteer names the space bar ' '; Playwright (and the tests) call it 'Space'. Puppeteer has no
    // 'Control+z' syntax: the modifiers are held around the key.
    press: async (combo) => {
      const keys = combo.split('+');
      const last = keys.pop()!;
      for (const modifier of keys) await page.keyboard.down(modifier as never);
      await page.keyboard.press((last === 'Space' ? ' ' : last) as never);
      for (const modifier of keys.reverse()) await page.keyboard.up(modifier as never);
    },
    type: (text) => page.keyboard.type(text),
    screenshot: async (name, options) => {
      const path = join(RESULTS, 'screenshots', `${name}.png`) as `${string}.png`;
      await page.screenshot({ path, fullPage: options?.fullPage ?? false });
      return path;
    },
    setViewport: (width, height) => page.setViewport({ width, height }),
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
    headless: !options.display,
    ...(options.display ? { env: { ...process.env, DISPLAY: options.display } } : {}),
    userDataDir: profile,
    args: ['--remote-allow-system-access', '--width=1100', '--height=800'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // Firefox MV3 treats host permissions as user-granted; grant them at install as a person would.
      'extensions.originControls.grantByDefault': true,
      // The add-on is installed as a temporary add-on on every launch; with a reused profile its
      // storage must survive that, as a permanently installed add-on's does across restarts.
      'extensions.webextensions.keepStorageOnUninstall': Boolean(options.profileDir),
      'extensions.webextensions.keepUuidOnUninstall': Boolean(options.profileDir),
      'intl.locale.requested': options.locale ?? 'en-US',
      'intl.accept_languages': options.locale?.startsWith('zh') ? `${options.locale}, zh, en` : 'en-US, en',
      'ui.systemUsesDarkTheme': options.colorScheme === 'dark' ? 1 : 0,
      'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1,
      ...(options.reducedMotion ? { 'ui.prefersReducedMotion': 1 } : {}),
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': network.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': network.port,
      'network.proxy.share_proxy_settings': true,
    },
  });
  await browser.installExtension(options.dist ? `${options.dist}/firefox` : DIST.firefox);
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
    profileDir: profile,
    network,
    newPage: async () => wrap(await openPage()),
    openExtensionPage: async (path) => {
      const page = await openPage();
      const url = `${extensionOrigin}/${path}`;
      const ready = (origin: string) => location.origin === origin && document.readyState === 'complete';
      // goto() to a moz-extension:// URL never settles over BiDi, and a poll that lands while the realm
      // is being replaced fails with a protocol error ("right-hand side of 'in' should be an object"):
      // start the navigation, poll with plain evaluations, and navigate again if it stalls.
      const deadline = Date.now() + 30_000;
      for (let navigatedAt = 0; ; ) {
        if (Date.now() - navigatedAt > 8_000) {
          void page.goto(url).catch(() => undefined);
          navigatedAt = Date.now();
        }
        if (await page.evaluate(ready, extensionOrigin).catch(() => false)) break;
        if (Date.now() > deadline) throw new Error(`extension page did not load: ${url}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return wrap(page);
    },
    close: async () => {
      // A browser that stopped answering does not answer close() either: its process is killed.
      const closed = await within('Firefox close()', 15_000, browser.close()).then(
        () => true,
        () => false,
      );
      if (!closed) browser.process()?.kill('SIGKILL');
      await network.close();
      if (!options.profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}
