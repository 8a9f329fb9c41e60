import { describe, expect, it } from 'vitest';
import { darkGlyphs, findMrz, glyphLines, readLines, textBlocks } from '../../src/core/document-lines';

interface Canvas {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

function canvas(width: number, height: number, shade = 235): Canvas {
  return { data: new Uint8ClampedArray(width * height * 4).fill(shade), width, height };
}

function rect(c: Canvas, x: number, y: number, w: number, h: number, v = 30): void {
  for (let yy = Math.round(y); yy < Math.round(y + h); yy++) {
    for (let xx = Math.round(x); xx < Math.round(x + w); xx++) {
      if (xx < 0 || yy < 0 || xx >= c.width || yy >= c.height) continue;
      const p = (yy * c.width + xx) * 4;
      c.data[p] = v;
      c.data[p + 1] = v;
      c.data[p + 2] = v;
      c.data[p + 3] = 255;
    }
  }
}

/**
 * A row of `n` glyphs at a fixed pitch: letters and digits as dark blocks 0.6 of the pitch wide (a ring,
 * so they read as strokes, not blots), '<' fillers as shorter blocks, and, where `spaces` says, a blank
 * position (word spaces of ordinary text).
 */
function row(
  c: Canvas,
  x: number,
  y: number,
  n: number,
  pitch: number,
  h: number,
  opts: { fillers?: number; spaces?: number[]; widths?: number[] } = {},
) {
  for (let i = 0; i < n; i++) {
    if (opts.spaces?.includes(i)) continue;
    const w = (opts.widths?.[i % opts.widths.length] ?? 0.6) * pitch;
    const filler = opts.fillers !== undefined && i >= n - opts.fillers;
    const gh = filler ? h * 0.6 : h;
    const gy = y + (h - gh) / 2;
    rect(c, x + i * pitch, gy, w, gh);
    // Hollow the block so it is a ring of strokes, like a printed glyph.
    if (w > 4 && gh > 4) rect(c, x + i * pitch + 1.5, gy + 1.5, w - 3, gh - 3, 235);
  }
}

describe('machine-readable zone', () => {
  it('finds a passport zone (2 x 44) and a card zone (3 x 30)', () => {
    const td3 = canvas(700, 200);
    row(td3, 20, 60, 44, 14, 16, { fillers: 10 });
    row(td3, 20, 92, 44, 14, 16);
    const mrz3 = findMrz(glyphLines(darkGlyphs(td3)));
    expect(mrz3?.format).toBe('TD3');
    expect(mrz3?.lines.map((l) => l.slots)).toEqual([44, 44]);
    expect(mrz3!.box.x).toBeLessThanOrEqual(21);
    expect(mrz3!.box.x + mrz3!.box.width).toBeGreaterThanOrEqual(20 + 43 * 14 + 8);

    const td1 = canvas(560, 220);
    for (let k = 0; k < 3; k++) row(td1, 30, 40 + k * 34, 30, 16, 18, { fillers: 6 });
    expect(findMrz(glyphLines(darkGlyphs(td1)))?.format).toBe('TD1');
  });

  it('finds a zone running down the picture (a card turned by 90 degrees)', () => {
    const c = canvas(200, 700);
    // Glyph rows transposed: each line is a column.
    for (const x0 of [60, 92]) {
      for (let i = 0; i < 44; i++) {
        rect(c, x0, 20 + i * 14, 16, 8.4);
        rect(c, x0 + 1.5, 21.5 + i * 14, 13, 5.4, 235);
      }
    }
    const { mrz } = readLines(c);
    expect(mrz?.format).toBe('TD3');
    expect(mrz!.box.height).toBeGreaterThan(600);
  });

  it('does not take ordinary text for a zone: proportional spacing, or a whole page of lines', () => {
    // Proportional glyphs: advances from 0.6 to 1.4 of the mean, words joined closely enough to chain.
    const prose = canvas(900, 200);
    const advances = [0.6, 1.4, 0.8, 1.2, 0.7, 1.3, 1.0, 0.65, 1.35];
    for (const y of [60, 92]) {
      let x = 20;
      for (let i = 0; i < 46; i++) {
        const a = advances[(i + y) % advances.length]! * 14;
        rect(prose, x, y, a * 0.6, 16);
        rect(prose, x + 1.5, y + 1.5, a * 0.6 - 3, 13, 235);
        x += a;
      }
    }
    expect(glyphLines(darkGlyphs(prose)).some((l) => l.slots >= 26)).toBe(true);
    expect(findMrz(glyphLines(darkGlyphs(prose)))).toBeNull();

    // Monospaced and unbroken, but five lines: a page of text, not a three-line zone.
    const page = canvas(560, 320);
    for (let k = 0; k < 5; k++) row(page, 20, 30 + k * 40, 30, 14, 16);
    expect(findMrz(glyphLines(darkGlyphs(page)))).toBeNull();

    // Two lines of 30: neither a two-line zone (36 or 44) nor a three-line one.
    const short = canvas(560, 200);
    row(short, 20, 60, 30, 14, 16);
    row(short, 20, 92, 30, 14, 16);
    expect(findMrz(glyphLines(darkGlyphs(short)))).toBeNull();
  });

  it('reads an 18-character number line, and not a card number in groups of four', () => {
    const c = canvas(700, 200);
    row(c, 40, 40, 18, 20, 22);
    row(c, 40, 120, 19, 20, 22, { spaces: [4, 9, 14] });
    const lines = glyphLines(darkGlyphs(c), 10);
    expect(lines.map((l) => l.slots)).toEqual([18]);
    expect(lines[0]!.evenness).toBe(1);
  });
});

describe('dark glyphs', () => {
  it('finds the same glyphs in a picture whatever was read before it (working memory is reused)', () => {
    const card = () => {
      const c = canvas(300, 120);
      row(c, 10, 20, 18, 14, 16);
      row(c, 10, 70, 12, 14, 16, { fillers: 3 });
      return c;
    };
    // The first read against the layout drawn; then the same picture read after a larger, busier one and
    // after a smaller, darker one must give the very same glyphs.
    const first = darkGlyphs(card());
    expect(first).toHaveLength(30);
    const busy = canvas(700, 400);
    for (let k = 0; k < 8; k++) row(busy, 5, 10 + k * 45, 48, 14, 30);
    expect(darkGlyphs(busy).length).toBeGreaterThan(300);
    expect(darkGlyphs(card())).toEqual(first);
    const dark = canvas(90, 60, 20);
    rect(dark, 10, 10, 30, 30, 240);
    darkGlyphs(dark);
    expect(darkGlyphs(card())).toEqual(first);
  });
});

describe('text blocks', () => {
  it('groups stacked lines into a block and leaves a lone line out', () => {
    const c = canvas(900, 500);
    for (let k = 0; k < 4; k++) row(c, 40, 40 + k * 30, 10 + k, 14, 16);
    row(c, 500, 420, 12, 14, 16);
    const lines = glyphLines(darkGlyphs(c), 5);
    expect(lines).toHaveLength(5);
    const blocks = textBlocks(lines);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.x).toBeLessThanOrEqual(41);
    expect(blocks[0]!.y).toBeLessThanOrEqual(41);
    expect(blocks[0]!.y + blocks[0]!.height).toBeGreaterThanOrEqual(40 + 3 * 30 + 15);
    expect(blocks[0]!.x + blocks[0]!.width).toBeLessThan(500);
  });
});
