// The store screenshots, 1280x800 as both stores take them: the warning, the notice, the popup over the
// page, and the explanation page, in English, Simplified and Traditional Chinese, made in Chromium from
// the built extension on the demo site into test-results/store-screenshots/<language>/ (git-ignored: they
// are made again from the UI as it is for each release; README "Store"). The photo is the NASA astronaut
// portrait of the dev set (public domain), upscaled 2x at test time where a high-risk photo is needed
// (fixtures/astronaut.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { testdataDir } from '../unit/testdata';
import { dialogThenNotice } from './fixtures/astronaut';
import type { TestPage } from './harness';
import { useDemoSession } from './harness/demo-session';
import { storedSettings, tabIdOf } from './harness/extension-state';
import { RESULTS } from './harness/paths';

const SIZE = { width: 1280, height: 800 };
const OUT = join(RESULTS, 'store-screenshots');
const faces = testdataDir('faces');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Puts top onto base at (x, y) with a thin border and a soft shadow, like a popup under the toolbar. */
function overlay(base: PNG, top: PNG, x: number, y: number): void {
  const blend = (px: number, py: number, rgb: readonly number[], alpha: number) => {
    if (px < 0 || py < 0 || px >= base.width || py >= base.height) return;
    const i = (py * base.width + px) * 4;
    for (let c = 0; c < 3; c++)
      base.data[i + c] = Math.round(base.data[i + c]! * (1 - alpha) + rgb[c]! * alpha);
  };
  const reach = 14;
  for (let py = y - reach; py < y + top.height + reach; py++) {
    for (let px = x - reach; px < x + top.width + reach; px++) {
      const dx = Math.max(x - px, 0, px - (x + top.width - 1));
      const dy = Math.max(y - py, 0, py - (y + top.height - 1));
      const d = Math.hypot(dx, dy);
      if (d === 0 || d > reach) continue;
      blend(px, py + 3, [15, 23, 30], 0.22 * (1 - d / reach) ** 2);
    }
  }
  for (let py = 0; py < top.height; py++) {
    for (let px = 0; px < top.width; px++) {
      const i = (py * top.width + px) * 4;
      blend(x + px, y + py, [top.data[i]!, top.data[i + 1]!, top.data[i + 2]!], 1);
    }
  }
  for (let px = -1; px <= top.width; px++) {
    blend(x + px, y - 1, [190, 200, 204], 1);
    blend(x + px, y + top.height, [190, 200, 204], 1);
  }
  for (let py = -1; py <= top.height; py++) {
    blend(x - 1, y + py, [190, 200, 204], 1);
    blend(x + top.width, y + py, [190, 200, 204], 1);
  }
}

const native = (page: TestPage) => page.native as Page;

describe.skipIf(!faces.dir)('store screenshots (Chromium, 1280x800)', () => {
  const demoSession = useDemoSession('chromium', { locale: 'en' });

  for (const lang of ['en', 'zh_CN', 'zh_TW'] as const) {
    it(`${lang}: warning, notice, popup and explanation page`, async () => {
      const { session, server } = demoSession;
      const dir = join(OUT, lang);
      mkdirSync(dir, { recursive: true });
      const shots: string[] = [];
      const shoot = async (page: TestPage, name: string) => {
        const path = join(dir, `${name}.png`);
        await native(page).screenshot({ path });
        shots.push(path);
      };
      const settingsPage = await session.openExtensionPage('learn.html');
      await storedSettings(settingsPage, { language: lang });
      await settingsPage.close();

      const demo = await session.newPage();
      await demo.setViewport(SIZE.width, SIZE.height);
      await demo.goto(`${server.origin}/`);
      await dialogThenNotice(
        demo,
        faces.dir!,
        () => shoot(demo, '1-warning'),
        () => shoot(demo, '2-notice'),
      );
      await sleep(400);

      const tabId = await tabIdOf(session, server.origin);
      const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`);
      await popup.setViewport(360, 700);
      await popup.waitFor(() => document.querySelectorAll('#recent-list li').length >= 2, undefined, 15_000);
      const popupPng = PNG.sync.read(await native(popup).locator('main').screenshot());
      await popup.close();
      const page = PNG.sync.read(await native(demo).screenshot());
      overlay(page, popupPng, SIZE.width - popupPng.width - 24, 8);
      const popupPath = join(dir, '3-popup.png');
      writeFileSync(popupPath, PNG.sync.write(page));
      shots.push(popupPath);
      await demo.close();

      const learn = await session.openExtensionPage('learn.html');
      await learn.setViewport(SIZE.width, SIZE.height);
      await learn.waitFor(() => document.documentElement.dataset.ready === '1');
      await shoot(learn, '4-learn');
      await learn.close();

      for (const path of shots) {
        const png = PNG.sync.read(readFileSync(path));
        expect({ width: png.width, height: png.height }, path).toEqual(SIZE);
      }
    }, 120_000);
  }
});
