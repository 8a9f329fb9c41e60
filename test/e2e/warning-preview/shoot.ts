// Quick look without the test runner: screenshots of the preview in headless Chromium.
//   npx tsx test/e2e/warning-preview/shoot.ts single:en:light,many:zh_CN:dark   -> test-results/warning-preview/
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../harness/paths';
import { startPreviewServer } from './server';

const OUT = new URL('../../../test-results/warning-preview', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });
const server = await startPreviewServer();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
const list = (process.argv[2] ?? 'single:en:light').split(',');
for (const item of list) {
  const [scenario, lang, scheme] = item.split(':');
  const ctx = await browser.newContext({
    viewport: { width: 1100, height: 800 },
    colorScheme: scheme as 'light',
  });
  const page = await ctx.newPage();
  page.on('console', (m) => console.log('console', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('pageerror', e));
  await page.goto(`${server.origin}/?scenario=${scenario}&lang=${lang}&seconds=60`);
  await page.waitForFunction(
    () =>
      document.documentElement.dataset.faceguardDialog ||
      document.documentElement.dataset.faceguardNotice ||
      document.documentElement.dataset.faceguardToast,
  );
  await page.waitForFunction(() =>
    [...((window as { __fgRoot?: ShadowRoot }).__fgRoot?.querySelectorAll('img') ?? [])].every(
      (i) => i.complete,
    ),
  );
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${OUT}/${scenario}-${lang}-${scheme}.png` });
  await ctx.close();
}
await browser.close();
await server.close();
