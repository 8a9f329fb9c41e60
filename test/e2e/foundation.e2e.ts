// The foundation in both browsers: the extension loads, its scripts run on the demo site, the popup
// speaks English and Chinese, and no extension context contacts anything outside this machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../server.mjs';
import { gradientPng } from './fixtures/images';
import { BROWSERS, type BrowserSession, launch } from './harness';
import { forbiddenRequests } from './harness/network-recorder';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe.each(BROWSERS)('%s', (browserName) => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launch(browserName, { locale: 'en' });
  });
  afterAll(async () => {
    // The privacy promise: nothing left the machine during the whole session.
    expect(forbiddenRequests(session.network, browserName)).toEqual([]);
    await session.close();
  });

  it('holds a chosen photo on the demo site and releases it once, unchanged, with native-looking hooks', async () => {
    const page = await session.newPage();
    await page.goto(`${server.origin}/`);
    // The MAIN-world hooks are installed and still print as native code.
    expect(await page.evaluate(() => HTMLElement.prototype.click.toString())).toMatch(
      /^function click\(\) \{\s+\[native code\]\s+\}$/,
    );
    await page.setInputFiles('#photo-input', [gradientPng()]);
    await page.waitFor(() => (window as unknown as { __log: unknown[] }).__log.length === 1);
    const [entry] = await page.evaluate(
      () => (window as unknown as { __log: Array<{ isTrusted: boolean; count: number }> }).__log,
    );
    // The page got our replay (untrusted) of the held selection, not the browser's original event.
    expect(entry).toMatchObject({ isTrusted: false, count: 1 });
    await page.screenshot(`${browserName}-demo`);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('shows the popup in English', async () => {
    const popup = await session.openExtensionPage('popup.html');
    // Text is filled in once settings have loaded.
    await popup.waitFor(() => Boolean(document.querySelector('.tagline')?.textContent));
    const texts = await popup.evaluate(() => ({
      title: document.querySelector('h1')?.textContent,
      tagline: document.querySelector('.tagline')?.textContent,
      lang: document.documentElement.lang,
    }));
    expect(texts).toEqual({
      title: 'FaceGuard',
      tagline: 'Checks photos before you upload them',
      lang: 'en',
    });
    await popup.screenshot(`${browserName}-popup-en`);
    await popup.close();
  });
});

describe.each(BROWSERS)('%s in Chinese', (browserName) => {
  it('shows the popup in Chinese', async () => {
    const session = await launch(browserName, { locale: 'zh-CN' });
    try {
      const popup = await session.openExtensionPage('popup.html');
      await popup.waitFor(() => Boolean(document.querySelector('.tagline')?.textContent));
      const texts = await popup.evaluate(() => ({
        title: document.querySelector('h1')?.textContent,
        tagline: document.querySelector('.tagline')?.textContent,
        lang: document.documentElement.lang,
      }));
      expect(texts).toEqual({ title: '护脸 FaceGuard', tagline: '上传前先检查照片', lang: 'zh-CN' });
      await popup.screenshot(`${browserName}-popup-zh`);
      expect(forbiddenRequests(session.network, browserName)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
