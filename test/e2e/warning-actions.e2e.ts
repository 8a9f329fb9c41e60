// The warning's actions end to end on the demo composer, in both browsers: a frontal portrait that
// also carries a GPS location is held, the dialog opens, and each choice delivers what it says:
// "without location and camera data" the lossless copy (pixels untouched, no GPS), "faces blurred"
// a new image under the same name, "cancel" nothing. Photos come from ../shared/testdata.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'exifr/dist/full.esm.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripJpegMetadata } from '../../src/core/jpeg-metadata';
import { startServer } from '../server.mjs';
import { testdataDir } from '../unit/testdata';
import { BROWSERS, type BrowserSession, launch, type TestPage } from './harness';
import { forbiddenRequests } from './harness/network-recorder';
import { tempDir } from './harness/temp-dir';

const faces = testdataDir('faces');
const exif = testdataDir('exif');

/** A portrait with a phone's EXIF (GPS, camera) put in front of its pixels, made at test time. */
function portraitWithLocation(): { path: string; bytes: Buffer } {
  const portrait = stripJpegMetadata(new Uint8Array(readFileSync(join(faces.dir!, 'dev_041.jpg'))));
  const camera = readFileSync(join(exif.dir!, 'exif_03.jpg'));
  const app1 = camera.subarray(2, 4 + camera.readUInt16BE(4)); // FFE1, length, Exif block
  const bytes = Buffer.concat([portrait.subarray(0, 2), app1, portrait.subarray(2)]);
  const path = join(tempDir('fg-actions-'), 'selfie.jpg');
  writeFileSync(path, bytes);
  return { path, bytes };
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

interface Received {
  name: string;
  type: string;
  size: number;
  sha256: string;
}

async function choose(page: TestPage, path: string): Promise<void> {
  await page.setInputFiles('#photo-input', [path]);
  await page.waitFor(() => document.documentElement.dataset.faceguardDialog === 'open', undefined, 20_000);
}

/** A site composer opened with showModal() around the demo's file input: the browser puts it in the
 * top layer and makes everything outside it inert. */
async function openSiteModal(page: TestPage): Promise<void> {
  await page.evaluate(() => {
    const modal = document.createElement('dialog');
    modal.id = 'site-modal';
    modal.append('Site composer', document.getElementById('photo-input')!);
    document.body.append(modal);
    modal.showModal();
  });
}

const siteModalOpen = (page: TestPage) =>
  page.evaluate(() => (document.getElementById('site-modal') as HTMLDialogElement).open);

/** The element on top at a point given as fractions of the viewport (ours shows as its shadow host). */
const topmostAt = (page: TestPage, fx: number, fy: number) =>
  page.evaluate(
    ([x, y]) => document.elementFromPoint(innerWidth * x!, innerHeight * y!)?.tagName.toLowerCase() ?? null,
    [fx, fy],
  );

async function received(page: TestPage, count: number): Promise<Received[]> {
  // The demo logs an upload at once and fills in each file once its hash is computed.
  await page.waitFor(
    (n) =>
      (window as unknown as { __log: Array<{ files: unknown[] }> }).__log.flatMap((e) => e.files).length ===
      n,
    count,
    20_000,
  );
  return page.evaluate(() =>
    (window as unknown as { __log: Array<{ files: Received[] }> }).__log.flatMap((entry) => entry.files),
  );
}

describe.skipIf(!faces.dir || !exif.dir).each(BROWSERS)('%s', (browserName) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let session: BrowserSession;
  let photo: { path: string; bytes: Buffer };
  beforeAll(async () => {
    photo = portraitWithLocation();
    server = await startServer();
    session = await launch(browserName, { locale: 'en' });
  });
  afterAll(async () => {
    expect(forbiddenRequests(session.network, browserName)).toEqual([]);
    await session.close();
    await server.close();
  });

  it('the fixture really carries a location', async () => {
    expect((await parse(photo.bytes, { gps: true }))?.latitude).toBeCloseTo(43.4674483, 4);
  });

  it('delivers the lossless copy without location or camera data', async () => {
    const page = await session.newPage();
    await page.goto(`${server.origin}/`);
    await choose(page, photo.path);
    await page.press('m');
    const [file] = await received(page, 1);
    // Exactly what the pure stripper makes: entropy-coded pixels untouched, metadata gone.
    const expected = stripJpegMetadata(new Uint8Array(photo.bytes));
    expect(file).toMatchObject({ name: 'selfie.jpg', type: 'image/jpeg', sha256: sha256(expected) });
    const left = await parse(Buffer.from(expected), { gps: true, tiff: true });
    expect(left?.latitude).toBeUndefined();
    expect(left?.Make).toBeUndefined();
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('delivers a copy with the faces covered, under the same name', async () => {
    const page = await session.newPage();
    await page.goto(`${server.origin}/`);
    await choose(page, photo.path);
    await page.press('b');
    const [file] = await received(page, 1);
    expect(file!.name).toBe('selfie.jpg');
    expect(file!.type).toBe('image/jpeg');
    expect(file!.sha256).not.toBe(sha256(photo.bytes));
    expect(file!.size).toBeGreaterThan(10_000);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('delivers nothing on cancel, then the original once on "upload anyway"', async () => {
    const page = await session.newPage();
    await page.goto(`${server.origin}/`);
    await choose(page, photo.path);
    await page.press('Escape');
    await page.waitFor(() => !document.documentElement.dataset.faceguardDialog);
    expect(await page.evaluate(() => (window as unknown as { __log: unknown[] }).__log.length)).toBe(0);
    await choose(page, photo.path);
    await page.press('u');
    const [file] = await received(page, 1);
    expect(file).toMatchObject({ name: 'selfie.jpg', sha256: sha256(photo.bytes) });
    await page.screenshot(`${browserName}-demo-after-upload-anyway`);
    await page.close();
  });

  it("shows above the site's own modal <dialog> and takes the person's keys there", async () => {
    const page = await session.newPage();
    await page.goto(`${server.origin}/`);
    await openSiteModal(page);
    await choose(page, photo.path);
    expect(await siteModalOpen(page)).toBe(true);
    expect(await topmostAt(page, 0.5, 0.5)).toBe('faceguard-warning');
    // After the dialog's 140 ms entrance.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await page.screenshot(`${browserName}-warning-over-site-modal`);
    await page.press('Escape');
    await page.waitFor(() => !document.documentElement.dataset.faceguardDialog);
    // Escape cancelled our upload only: the site's composer stays open, and got nothing.
    expect(await siteModalOpen(page)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __log: unknown[] }).__log.length)).toBe(0);
    await choose(page, photo.path);
    await page.press('u');
    const [file] = await received(page, 1);
    expect(file).toMatchObject({ name: 'selfie.jpg', sha256: sha256(photo.bytes) });
    expect(await siteModalOpen(page)).toBe(true);
    await page.close();
  });

  it('says how far a long check has got, and takes the line away when the dialog opens', async () => {
    const dir = tempDir('fg-batch-');
    const paths = Array.from({ length: 30 }, (_, i) => {
      const path = join(dir, `photo-${i + 1}.jpg`);
      writeFileSync(path, photo.bytes);
      return path;
    });
    const page = await session.newPage();
    await page.goto(`${server.origin}/`);
    await page.setInputFiles('#photo-input', paths);
    await page.waitFor(
      () => document.documentElement.dataset.faceguardProgress === 'open',
      undefined,
      20_000,
    );
    // Its text is filled in just after it appears (so the live region announces it).
    await new Promise((resolve) => setTimeout(resolve, 300));
    await page.screenshot(`${browserName}-demo-checking-progress`);
    await page.waitFor(() => document.documentElement.dataset.faceguardDialog === 'open', undefined, 60_000);
    expect(await page.evaluate(() => document.documentElement.dataset.faceguardProgress)).toBeUndefined();
    await page.press('Escape');
    await page.waitFor(() => !document.documentElement.dataset.faceguardDialog);
    expect(await page.evaluate(() => (window as unknown as { __log: unknown[] }).__log.length)).toBe(0);
    await page.close();
  });

  it('shows a non-blocking notice for a photo whose only risk is its location, then lets it through', async () => {
    const page = await session.newPage();
    await page.goto(`${server.origin}/`);
    const landscape = join(exif.dir!, 'exif_03.jpg');
    await page.setInputFiles('#photo-input', [landscape]);
    await page.waitFor(() => document.documentElement.dataset.faceguardNotice === 'open', undefined, 20_000);
    expect(await page.evaluate(() => document.documentElement.dataset.faceguardDialog)).toBeUndefined();
    // Held while the notice counts down (about 8 s), then delivered unchanged.
    expect(await page.evaluate(() => (window as unknown as { __log: unknown[] }).__log.length)).toBe(0);
    await page.screenshot(`${browserName}-demo-location-notice`);
    const [file] = await received(page, 1);
    expect(file).toMatchObject({ name: 'exif_03.jpg', sha256: sha256(readFileSync(landscape)) });
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it("shows the location notice above the site's own modal <dialog>, where it answers the keyboard", async () => {
    const page = await session.newPage();
    await page.goto(`${server.origin}/`);
    await openSiteModal(page);
    const landscape = join(exif.dir!, 'exif_03.jpg');
    await page.setInputFiles('#photo-input', [landscape]);
    await page.waitFor(() => document.documentElement.dataset.faceguardNotice === 'open', undefined, 20_000);
    // The notice sits bottom right.
    expect(await topmostAt(page, 0.95, 0.95)).toBe('faceguard-warning');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await page.screenshot(`${browserName}-notice-over-site-modal`);
    // Escape dismisses the notice (the upload goes on as it is) and leaves the site's composer open.
    await page.press('Escape');
    const [file] = await received(page, 1);
    expect(file).toMatchObject({ name: 'exif_03.jpg', sha256: sha256(readFileSync(landscape)) });
    expect(await siteModalOpen(page)).toBe(true);
    await page.close();
  });

  it('stops warning on this site when the person ticks "Don\'t warn on this site"', async () => {
    const page = await session.newPage();
    await page.goto(`${server.origin}/`);
    await choose(page, photo.path);
    // Keyboard only, as a person would: from the first action (blur) past "without location",
    // "upload anyway" and "cancel" to the checkbox, tick it, then upload anyway.
    for (let i = 0; i < 4; i++) await page.press('Tab');
    await page.press('Space');
    await page.press('u');
    await received(page, 1);
    // The site is now off: the same photo goes straight through, with no dialog.
    await page.setInputFiles('#photo-input', [photo.path]);
    const files = await received(page, 2);
    expect(files[1]).toMatchObject({ name: 'selfie.jpg', sha256: sha256(photo.bytes) });
    expect(await page.evaluate(() => document.documentElement.dataset.faceguardDialog)).toBeUndefined();
    await page.close();
  });
});
