import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type NetworkRecorder, startNetworkRecorder } from './network-recorder';
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

function chromiumArgs(extension: string, lang: string, proxyPort: number): string[] {
  return [
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    `--lang=${lang}`,
    `--proxy-server=http://127.0.0.1:${proxyPort}`,
    ...CHROMIUM_FLAGS,
    '--disable-default-apps',
  ];
}

/** The session over a context whose extension is loaded (its service worker found). */
async function sessionOver(
  context: BrowserContext,
  profile: string,
  network: NetworkRecorder,
  closeBrowser: () => Promise<void>,
  keepProfile: boolean,
): Promise<BrowserSession & { context: BrowserContext }> {
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
      await closeBrowser();
      await network.close();
      if (!keepProfile) rmSync(profile, { recursive: true, force: true });
    },
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
    args: chromiumArgs(extension, lang, network.port),
  });
  return sessionOver(context, profile, network, () => context.close(), !!options.profileDir);
}

/**
 * Chromium started as a person's browser is, then driven over CDP. `detach()` lets go of it: while a
 * driver is attached, Chromium never stops the extension's service worker for being idle, so the
 * bench's idle memory is measured detached. Nothing can be driven after detach(); close() ends it.
 */
export async function launchDetachableChromium(): Promise<
  BrowserSession & { context: BrowserContext; detach(): Promise<void> }
> {
  const network = await startNetworkRecorder();
  const profile = mkdtempSync(join(tmpdir(), 'fg-chromium-'));
  const child = spawn(
    CHROMIUM_PATH,
    [
      '--headless',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      '--window-size=1100,800',
      ...chromiumArgs(DIST.chromium, 'en', network.port),
      'about:blank',
    ],
    // Its own process group, so that ending it ends every process it started.
    { stdio: 'ignore', detached: true },
  );
  // A browser that could not even start ends with 'error' and no 'exit'.
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const kill = async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await exited;
  };
  try {
    // Chromium writes its DevTools port into the profile once it listens.
    const portFile = join(profile, 'DevToolsActivePort');
    const deadline = Date.now() + 30_000;
    while (!existsSync(portFile) || !readFileSync(portFile, 'utf8').includes('\n')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('Chromium did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const port = readFileSync(portFile, 'utf8').split('\n')[0];
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const context = browser.contexts()[0]!;
    const end = async () => {
      await browser.close().catch(() => undefined);
      await kill();
    };
    const session = await sessionOver(context, profile, network, end, false);
    return { ...session, detach: () => browser.close() };
  } catch (error) {
    await kill();
    await network.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
