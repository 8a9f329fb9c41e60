// Renders the extension icons (icons/icon-<size>.png) from the SVG sources. Run by hand after editing
// an SVG: `node scripts/render-icons.mjs`; the PNGs are committed, so this need not run in CI.
// Chromium rasterises the SVG (same engine that shows the icon), with a transparent background.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const ICONS = new URL('../icons/', import.meta.url).pathname;
// 16 and 32 px use a simplified drawing: the full one's mosaic turns to mush at toolbar size.
const SOURCES = { 16: 'icon-small.svg', 32: 'icon-small.svg', 48: 'icon.svg', 128: 'icon.svg' };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/lib/chromium/chromium',
  // Offline, quiet profile: no updates, sync or network probes while rendering.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
  ],
});
try {
  for (const [size, file] of Object.entries(SOURCES)) {
    const svg = readFileSync(ICONS + file, 'base64');
    // deviceScaleFactor 1: one CSS pixel is one PNG pixel, so the size is exact.
    const page = await browser.newPage({ viewport: { width: +size, height: +size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{display:block}</style>` +
        `<img src="data:image/svg+xml;base64,${svg}" width="${size}" height="${size}">`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: `${ICONS}icon-${size}.png`, omitBackground: true });
    await page.close();
    console.log(`icons/icon-${size}.png <- icons/${file}`);
  }
} finally {
  await browser.close();
}
