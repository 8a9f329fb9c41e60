import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { emblemSideDocument, facesBesideDocument } from '../../src/core/document-finding';
import { documentDecision } from '../../src/core/document-risk';
import { findEmblemSide } from '../../src/core/emblem-side';
import type { RgbaLike } from '../../src/core/image-stats';
import { testdataDir } from './testdata';

const { dir } = testdataDir('idcards');

interface Img {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** The blank card template (front above back), transparent areas on white, halved (about the size a
 * card takes in an analysed photo). */
function template(): Img {
  const png = PNG.sync.read(readFileSync(`${dir}eg__images_empty.png`));
  const width = png.width >> 1;
  const height = png.height >> 1;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = (y * 2 * png.width + x * 2) * 4;
      const a = png.data[s + 3]! / 255;
      for (let c = 0; c < 3; c++) data[(y * width + x) * 4 + c] = png.data[s + c]! * a + 255 * (1 - a);
      data[(y * width + x) * 4 + 3] = 255;
    }
  }
  return { data, width, height };
}

function crop(img: Img, x: number, y: number, w: number, h: number): Img {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let r = 0; r < h; r++)
    data.set(img.data.subarray(((y + r) * img.width + x) * 4, ((y + r) * img.width + x + w) * 4), r * w * 4);
  return { data, width: w, height: h };
}

/** A quarter turn clockwise. */
function turn(img: Img): Img {
  const { width: w, height: h } = img;
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const to = (x * h + (h - 1 - y)) * 4;
      data.set(img.data.subarray((y * w + x) * 4, (y * w + x) * 4 + 4), to);
    }
  }
  return { data, width: h, height: w };
}

/** Paints a rectangle. */
function fill(img: Img, x: number, y: number, w: number, h: number, rgb: [number, number, number]) {
  for (let r = y; r < y + h; r++) {
    for (let c = x; c < x + w; c++) img.data.set([...rgb, 255], (r * img.width + c) * 4);
  }
}

const centre = (b: { x: number; y: number; width: number; height: number }) => [
  b.x + b.width / 2,
  b.y + b.height / 2,
];

describe.skipIf(!dir)('emblem side of a Chinese resident ID card', () => {
  // In the halved template the back spans about x 70-542, y 477-773; its emblem about x 102-192, y 505-600.
  const back = () => crop(template(), 40, 450, 540, 350);
  const front = () => crop(template(), 40, 30, 540, 400);

  it('finds the upright back, its emblem, its card and its printed fields', () => {
    const found = findEmblemSide(back());
    expect(found).not.toBeNull();
    expect(found!.angle === 0 || found!.angle > 350 || found!.angle < 10).toBe(true);
    const [ex, ey] = centre(found!.emblem);
    expect(Math.abs(ex! - (147 - 40))).toBeLessThan(12);
    expect(Math.abs(ey! - (552 - 450))).toBeLessThan(12);
    // The card around the emblem, the fields in its lower half.
    expect(found!.card.x).toBeLessThan(found!.emblem.x);
    expect(found!.card.width).toBeGreaterThan(4 * found!.emblem.width);
    expect(found!.fields.y).toBeGreaterThan(found!.emblem.y + found!.emblem.height);
    expect(found!.fields.y + found!.fields.height).toBeLessThanOrEqual(
      found!.card.y + found!.card.height + 1,
    );
  });

  it('finds it turned a quarter, and says so', () => {
    const found = findEmblemSide(turn(back()));
    expect(found).not.toBeNull();
    expect(Math.abs(found!.angle - 90)).toBeLessThanOrEqual(10);
  });

  it('does not take the front, the emblem without its title, or red shapes for it', () => {
    expect(findEmblemSide(front())).toBeNull();
    // The title painted over: an emblem alone (a badge, a seal, a government page) is not a card.
    const noTitle = back();
    fill(noTitle, 170, 50, 340, 110, [235, 240, 240]);
    expect(findEmblemSide(noTitle)).toBeNull();
    // A red square beside two black bars: a title's ink, but no emblem's pattern.
    const bars = crop(template(), 40, 450, 540, 350);
    fill(bars, 40, 30, 120, 120, [220, 30, 40]);
    expect(findEmblemSide(bars)).toBeNull();
  });

  it('does not take red dots beside lines of text for it: they have the shape, not the white inside', () => {
    // Dots about an emblem's size on a pale page ruled with dark text-like lines, rims a little ragged
    // (a fixed pseudo-random sequence). The emblem's shape alone matches these well enough.
    const width = 640;
    const height = 480;
    const data = new Uint8ClampedArray(width * height * 4);
    let seed = 1;
    const random = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const dotted = ((x >> 5) * 7 + (y >> 5) * 13) % 5 < 2;
        const red = dotted && ((x & 31) - 16) ** 2 + ((y & 31) - 16) ** 2 < 150 + 60 * random();
        const ink = !red && y % 24 < 6 && random() < 0.5;
        data.set(
          red ? [230, 40, 60, 255] : ink ? [20, 20, 20, 255] : [240, 240, 235, 255],
          (y * width + x) * 4,
        );
      }
    }
    expect(findEmblemSide({ data, width, height })).toBeNull();
  });

  it('is a high-risk document whose copy covers the printed fields', () => {
    const found = findEmblemSide(back())!;
    const document = emblemSideDocument(found, 2);
    expect(document.kind).toBe('cn-id-back');
    expect(document.portrait).toBeNull();
    expect(document.cover).toEqual([
      {
        x: found.fields.x * 2,
        y: found.fields.y * 2,
        width: found.fields.width * 2,
        height: found.fields.height * 2,
      },
    ]);
    expect(documentDecision(document)).toEqual({
      risk: 'high',
      reasons: [{ key: 'reason_document_cn_back' }],
    });
  });

  it("leaves out the detector's faces on the card (its emblem), not those beside it", () => {
    const document = emblemSideDocument(findEmblemSide(back())!);
    const { x, y, width, height } = document.box;
    const onCard = { box: { x: x + width * 0.1, y: y + height * 0.1, width: 40, height: 40 } };
    const beside = { box: { x: x + width + 10, y, width: 40, height: 40 } };
    expect(facesBesideDocument([onCard, beside], document)).toEqual([beside]);
    // Another document keeps every face (a person holding up a card's front).
    expect(facesBesideDocument([onCard, beside], { ...document, kind: 'id-card' })).toEqual([onCard, beside]);
    expect(facesBesideDocument([onCard], null)).toEqual([onCard]);
  });

  it('finds nothing in a picture without red, however small', () => {
    const blank: RgbaLike = { data: new Uint8ClampedArray(64 * 48 * 4).fill(200), width: 64, height: 48 };
    expect(findEmblemSide(blank)).toBeNull();
    expect(findEmblemSide({ data: new Uint8ClampedArray(4), width: 1, height: 1 })).toBeNull();
  });
});
