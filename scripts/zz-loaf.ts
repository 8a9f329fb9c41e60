import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../test/e2e/harness/chromium';
import { startServer } from '../test/server.mjs';
const server = await startServer();
const s = await launchChromium({});
const maker = await s.openExtensionPage('popup.html');
await maker.evaluateScript('globalThis.__name = (f) => f');
const src = readFileSync('/work/shared/testdata/faces/dev_041.jpg').toString('base64');
const b64 = await maker.evaluate(async (source: string) => {
  const bytes = Uint8Array.from(atob(source), (c) => c.charCodeAt(0));
  const img = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
  const canvas = new OffscreenCanvas(4000, 3000);
  canvas.getContext('2d')!.drawImage(img, 0, 0, 4000, 3000);
  const out = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
  let text = ''; for (let i = 0; i < out.length; i += 0x8000) text += String.fromCharCode(...out.subarray(i, i + 0x8000));
  return btoa(text);
}, src);
const dir = mkdtempSync(join(tmpdir(), 'zz-'));
const photo = join(dir, 'p12.jpg'); writeFileSync(photo, Buffer.from(b64, 'base64'));
const page = await s.newPage();
await page.goto(`${server.origin}/`);
await page.evaluateScript('globalThis.__name = (f) => f');
await page.evaluate(() => {
  const w = globalThis as any; w.loaf = []; w.lt = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.loaf.push(JSON.parse(JSON.stringify(e))); }).observe({ type: 'long-animation-frame' });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.lt.push(JSON.parse(JSON.stringify(e))); }).observe({ type: 'longtask' });
});
for (let i = 0; i < 8; i++) {
  await page.evaluate(() => { (globalThis as any).mark = performance.now(); });
  await page.chooseFiles('#photo-button', [photo], async () => { await new Promise((r) => setTimeout(r, 1500)); });
  await page.waitFor(() => document.documentElement.dataset.faceguardDialog === 'open' || document.documentElement.dataset.faceguardNotice === 'open', undefined, 60000);
  await new Promise((r) => setTimeout(r, 700));
  await page.press('Escape');
  await page.waitFor(() => !document.documentElement.dataset.faceguardDialog && !document.documentElement.dataset.faceguardNotice, undefined, 20000);
  await new Promise((r) => setTimeout(r, 500));
}
const res = await page.evaluate(() => ({ loaf: (globalThis as any).loaf, lt: (globalThis as any).lt }));
console.log('longtasks', res.lt.map((e: any) => Math.round(e.duration)).join(','));
for (const e of res.loaf) console.log(JSON.stringify({ d: Math.round(e.duration), block: Math.round(e.blockingDuration), render: Math.round(e.renderStart ? e.startTime + e.duration - e.renderStart : 0), style: Math.round(e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0), scripts: e.scripts.map((x: any) => ({ d: Math.round(x.duration), inv: x.invoker, type: x.invokerType, src: (x.sourceURL || '').slice(-40), fn: x.sourceFunctionName, fsl: Math.round(x.forcedStyleAndLayoutDuration) })) }));
await s.close(); await server.close();
