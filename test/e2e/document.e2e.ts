// Identity documents end to end, in both browsers: a photo of a made Chinese resident ID card (the
// blank template from ../shared/testdata/idcards, a dev-set face as its portrait, fictitious text) gets
// the document warning, and the covered copy hides the portrait and the number row while leaving the
// rest of the card; its emblem side gets it too, and its copy hides the printed fields; a bank card, and
// a person holding one, get none. The pictures are drawn at test
// time in the browser's own canvas (real text rendering); nothing is committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Box } from '../../src/core/verdict';
import { startServer } from '../server.mjs';
import { testdataDir } from '../unit/testdata';
import { BROWSERS, type BrowserSession, launch, type TestPage } from './harness';
import { type AnalyzerClient, analyzerClient } from './harness/analyzer-client';
import { forbiddenRequests } from './harness/network-recorder';
import { tempDir } from './harness/temp-dir';

const faces = testdataDir('faces');
const idcards = testdataDir('idcards');

/** The dev portrait used as the card's holder, and its face box [x, y, w, h]. */
const FACE = 'dev_041.jpg';

interface Made {
  path: string;
  bytes: Buffer;
  /** Where the portrait and the ID number ended up in the picture. */
  portrait: Box;
  number: Box;
  /** A stretch of the card that no cover should touch (the labels column). */
  labels: Box;
}

type Kind = 'id-card' | 'id-back' | 'bank-card' | 'held-bank-card';

/**
 * Draws one test picture in the page: the template's portrait side with the face and fictitious fields
 * (name, sex, ethnic group, birth date, address, an 18-character number with a wrong check character),
 * photographed on a table (scaled, turned 4 degrees); or its emblem side with a fictitious issuing
 * office and validity dates (`number` is then where those two fields are, `labels` the title); or a bank
 * card on the table; or the face photo with a bank card held up beside the face.
 */
async function draw(page: TestPage, kind: Kind, faceBox: number[]): Promise<Made> {
  const made = await page.evaluate(
    async ({ kind, template, face, faceBox }) => {
      const bitmap = async (b64: string, type: string) =>
        createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type }));
      const photo = await bitmap(face, 'image/jpeg');
      const W = 941;
      const H = 595;
      const card = new OffscreenCanvas(W, H);
      const g = card.getContext('2d')!;
      const [fx, fy, fw, fh] = faceBox as [number, number, number, number];
      const portrait = { x: W * 0.635, y: H * 0.11, width: W * 0.28, height: H * 0.6 };
      const number = { x: W * 0.34, y: H * 0.79, width: W * 0.6, height: H * 0.075 };
      if (kind === 'id-card') {
        g.drawImage(await bitmap(template, 'image/png'), 144, 245, W, H, 0, 0, W, H);
        g.save();
        g.beginPath();
        g.ellipse(
          portrait.x + portrait.width / 2,
          portrait.y + portrait.height * 0.4,
          portrait.width * 0.36,
          portrait.height * 0.4,
          0,
          0,
          Math.PI * 2,
        );
        g.rect(portrait.x, portrait.y + portrait.height * 0.62, portrait.width, portrait.height * 0.38);
        g.clip();
        const sw = fw * 1.75;
        const sh = (sw * portrait.height) / portrait.width;
        g.drawImage(
          photo,
          fx + fw / 2 - sw / 2,
          fy - fh * 0.6,
          sw,
          sh,
          portrait.x,
          portrait.y,
          portrait.width,
          portrait.height,
        );
        g.restore();
        g.fillStyle = '#161616';
        g.textBaseline = 'top';
        g.font = `${H * 0.058}px "Noto Sans CJK SC"`;
        g.fillText('林晓东', W * 0.2, H * 0.155);
        g.font = `${H * 0.052}px "Noto Sans CJK SC"`;
        g.fillText('男', W * 0.2, H * 0.265);
        g.fillText('汉', W * 0.415, H * 0.265);
        g.fillText('1990', W * 0.2, H * 0.385);
        g.fillText('3', W * 0.38, H * 0.385);
        g.fillText('18', W * 0.49, H * 0.385);
        g.fillText('东山市城南区学府路', W * 0.2, H * 0.5);
        g.fillText('88号5栋1202室', W * 0.2, H * 0.585);
        g.font = `bold ${H * 0.062}px "DejaVu Sans Mono"`;
        g.fillText('440106199003180017', W * 0.34, H * 0.795);
      } else if (kind === 'id-back') {
        g.drawImage(await bitmap(template, 'image/png'), 143, 953, W, H, 0, 0, W, H);
        g.fillStyle = '#161616';
        g.textBaseline = 'top';
        g.font = `${H * 0.05}px "Noto Sans CJK SC"`;
        g.fillText('东山市公安局城南分局', W * 0.365, H * 0.728);
        g.fillText('2016.03.18-2036.03.18', W * 0.365, H * 0.853);
      } else {
        const grad = g.createLinearGradient(0, 0, W, H);
        grad.addColorStop(0, '#1f6f8b');
        grad.addColorStop(1, '#99c24d');
        g.fillStyle = grad;
        g.fillRect(0, 0, W, H);
        g.fillStyle = '#d4b45a';
        g.fillRect(W * 0.1, H * 0.33, W * 0.13, H * 0.17);
        g.fillStyle = '#f5f5f5';
        g.textBaseline = 'top';
        g.font = `bold ${H * 0.075}px "Noto Sans CJK SC"`;
        g.fillText('乌托邦银行  DEBIT', W * 0.06, H * 0.07);
        g.font = `bold ${H * 0.085}px "DejaVu Sans Mono"`;
        g.fillText('6217 0033 1234 5678', W * 0.08, H * 0.58);
        g.font = `${H * 0.055}px "DejaVu Sans"`;
        g.fillText('LIN XIAODONG', W * 0.08, H * 0.78);
      }
      // The photograph: on a table, or held up beside the face.
      const held = kind === 'held-bank-card';
      const out = new OffscreenCanvas(held ? photo.width : 1600, held ? photo.height : 1200);
      const o = out.getContext('2d')!;
      let scale = 1.1;
      let cx = 800;
      let cy = 600;
      if (held) {
        o.drawImage(photo, 0, 0);
        scale = Math.min(0.45, (fw * 2) / W);
        cx = Math.min(out.width - (W * scale) / 2, fx + fw * 1.6);
        cy = Math.min(out.height - (H * scale) / 2, fy + fh * 1.6);
      } else {
        const table = o.createLinearGradient(0, 0, 1600, 1200);
        table.addColorStop(0, '#8a6a4a');
        table.addColorStop(1, '#5e4630');
        o.fillStyle = table;
        o.fillRect(0, 0, 1600, 1200);
      }
      const angle = (4 * Math.PI) / 180;
      o.translate(cx, cy);
      o.rotate(angle);
      o.scale(scale, scale);
      o.drawImage(card, -W / 2, -H / 2);
      const place = (b: { x: number; y: number; width: number; height: number }) => {
        const pts = [
          [b.x, b.y],
          [b.x + b.width, b.y],
          [b.x + b.width, b.y + b.height],
          [b.x, b.y + b.height],
        ].map(([x, y]) => {
          const u = (x! - W / 2) * scale;
          const v = (y! - H / 2) * scale;
          return [
            cx + u * Math.cos(angle) - v * Math.sin(angle),
            cy + u * Math.sin(angle) + v * Math.cos(angle),
          ];
        });
        const xs = pts.map((p) => p[0]!);
        const ys = pts.map((p) => p[1]!);
        return {
          x: Math.min(...xs),
          y: Math.min(...ys),
          width: Math.max(...xs) - Math.min(...xs),
          height: Math.max(...ys) - Math.min(...ys),
        };
      };
      const blob = await out.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return {
        base64: btoa(bin),
        portrait: place(portrait),
        number: place(
          kind === 'id-back' ? { x: W * 0.37, y: H * 0.73, width: W * 0.45, height: H * 0.17 } : number,
        ),
        labels: place(
          kind === 'id-back'
            ? { x: W * 0.36, y: H * 0.1, width: W * 0.5, height: H * 0.33 }
            : { x: W * 0.08, y: H * 0.15, width: W * 0.1, height: H * 0.5 },
        ),
      };
    },
    {
      kind,
      template: readFileSync(join(idcards.dir!, 'eg__images_empty.png')).toString('base64'),
      face: readFileSync(join(faces.dir!, FACE)).toString('base64'),
      faceBox,
    },
  );
  const bytes = Buffer.from(made.base64, 'base64');
  const path = join(tempDir('fg-documents-'), `${kind}.jpg`);
  writeFileSync(path, bytes);
  return { path, bytes, portrait: made.portrait, number: made.number, labels: made.labels };
}

/** Mean absolute difference (0-255) of two same-size JPEGs over a box, inset by 10 % of its size. */
function change(a: Buffer, b: Buffer, box: Box): number {
  const ia = jpeg.decode(a, { useTArray: true });
  const ib = jpeg.decode(b, { useTArray: true });
  expect([ib.width, ib.height]).toEqual([ia.width, ia.height]);
  let sum = 0;
  let n = 0;
  for (let y = Math.round(box.y + box.height * 0.1); y < box.y + box.height * 0.9; y++) {
    for (let x = Math.round(box.x + box.width * 0.1); x < box.x + box.width * 0.9; x++) {
      const p = (y * ia.width + x) * 4;
      for (let k = 0; k < 3; k++) sum += Math.abs(ia.data[p + k]! - ib.data[p + k]!);
      n += 3;
    }
  }
  return sum / n;
}

/** The labelled face box [x, y, w, h] of the dev portrait used as the card's holder. */
function faceBoxOf(file: string): number[] {
  const labels = JSON.parse(readFileSync(join(faces.dir!, 'labels.json'), 'utf8')) as Array<{
    file: string;
    faces: Array<{ box: number[] }>;
  }>;
  return labels.find((l) => l.file === file)!.faces[0]!.box;
}

/**
 * On the demo site: chooses the picture, screenshots the warning, asks for the covered copy ('b') and
 * returns the bytes the site received (the demo shows each received file from its own blob URL).
 */
async function coveredCopy(
  session: BrowserSession,
  url: string,
  path: string,
  shot: string,
): Promise<Buffer> {
  const page = await session.newPage();
  await page.goto(url);
  await openDialog(page, path);
  await page.screenshot(shot);
  await page.press('b');
  await page.waitFor(
    () =>
      (window as unknown as { __log: Array<{ files: unknown[] }> }).__log.flatMap((e) => e.files).length ===
      1,
    undefined,
    20_000,
  );
  const base64 = await page.evaluate(async () => {
    const img = document.querySelector<HTMLImageElement>('#attachments img')!;
    const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  });
  expect(page.errors).toEqual([]);
  await page.close();
  return Buffer.from(base64, 'base64');
}

/** Chooses a picture on the demo site and waits for the dialog. The sessions ask for reduced motion,
 * so the dialog has no fade-in and a screenshot shows it as a person sees it. */
async function openDialog(page: TestPage, path: string): Promise<void> {
  await page.setInputFiles('#photo-input', [path]);
  await page.waitFor(() => document.documentElement.dataset.faceguardDialog === 'open', undefined, 20_000);
}

describe.skipIf(!faces.dir || !idcards.dir).each(BROWSERS)('%s', (browserName) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let session: BrowserSession;
  let client: AnalyzerClient;
  let faceBox: number[];
  beforeAll(async () => {
    faceBox = faceBoxOf(FACE);
    server = await startServer();
    session = await launch(browserName, { locale: 'en', reducedMotion: true });
    client = await analyzerClient(session);
  });
  afterAll(async () => {
    expect(forbiddenRequests(session.network, browserName)).toEqual([]);
    await session.close();
    await server.close();
  });

  it('warns about a photographed ID card; its covered copy hides the portrait and the number', async () => {
    const card = await draw(client.page, 'id-card', faceBox);
    const { verdict } = await client.check(card.path, 'image/jpeg');
    expect(verdict.risk).toBe('high');
    expect(verdict.document?.kind).toBe('id-card');
    expect(verdict.reasons[0]?.key).toBe('reason_document_id_card');

    const copy = await coveredCopy(
      session,
      `${server.origin}/`,
      card.path,
      `document-dialog-${browserName}-en`,
    );
    // Covered: the portrait and the number row changed throughout; the labels column did not.
    expect(change(card.bytes, copy, card.portrait)).toBeGreaterThan(25);
    expect(change(card.bytes, copy, card.number)).toBeGreaterThan(25);
    expect(change(card.bytes, copy, card.labels)).toBeLessThan(4);
  });

  it('warns about the emblem side of an ID card; its covered copy hides the printed fields', async () => {
    const back = await draw(client.page, 'id-back', faceBox);
    const { verdict } = await client.check(back.path, 'image/jpeg');
    expect(verdict.risk).toBe('high');
    expect(verdict.document?.kind).toBe('cn-id-back');
    expect(verdict.document?.portrait).toBeNull();
    expect(verdict.reasons[0]?.key).toBe('reason_document_cn_back');
    // The detector's "face" on the printed emblem is not offered as a face.
    expect(verdict.faces).toEqual([]);

    const copy = await coveredCopy(
      session,
      `${server.origin}/`,
      back.path,
      `document-back-dialog-${browserName}-en`,
    );
    // Covered: the issuing office and the dates; the title stays as it was.
    expect(change(back.bytes, copy, back.number)).toBeGreaterThan(25);
    expect(change(back.bytes, copy, back.labels)).toBeLessThan(4);
  });

  it('does not take a bank card, or a person holding one, for an identity document', async () => {
    for (const kind of ['bank-card', 'held-bank-card'] as const) {
      const picture = await draw(client.page, kind, faceBox);
      const { verdict } = await client.check(picture.path, 'image/jpeg');
      expect(verdict.document ?? null, kind).toBeNull();
      expect(verdict.reasons.map((r) => r.key)).not.toContain('reason_document_id_card');
    }
  });
});

describe.skipIf(!faces.dir || !idcards.dir).each(BROWSERS)('%s in Chinese', (browserName) => {
  it('shows the document warning in Chinese (screenshot)', async () => {
    const server = await startServer();
    const session = await launch(browserName, { locale: 'zh-CN', reducedMotion: true });
    try {
      const page = await session.newPage();
      await page.goto(`${server.origin}/`);
      const card = await draw(page, 'id-card', faceBoxOf(FACE));
      await openDialog(page, card.path);
      await page.screenshot(`document-dialog-${browserName}-zh_CN`);
      expect(page.errors).toEqual([]);
      expect(forbiddenRequests(session.network, browserName)).toEqual([]);
    } finally {
      await session.close();
      await server.close();
    }
  });
});
