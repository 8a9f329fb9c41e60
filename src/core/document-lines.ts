// Lines of evenly spaced glyphs (pure): the machine-readable zone (MRZ) of passports, ID cards and visas,
// and the number lines of identity cards. Print in OCR-B at a fixed pitch leaves a row of dark glyphs of
// one height, each a little narrower than it is tall, with no word spaces: the MRZ's fillers are '<'
// glyphs, not blanks, and an ID number is one unbroken run of digits. Ordinary text breaks into words
// and proportional widths; Chinese text packs square glyphs, many components each, into many lines.
import type { RgbaLike } from './image-stats';

export interface Glyph {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A row of glyphs at an even pitch, in image px (of the image the glyphs were found in). */
export interface GlyphLine {
  /** Glyph positions the row spans (merged glyphs count as the positions they cover). */
  slots: number;
  /** Centre-to-centre distance and glyph height (medians). */
  pitch: number;
  /** Share of glyph-to-glyph steps within 20 % of the pitch (1 for a fixed-pitch line). */
  evenness: number;
  height: number;
  /** Centre of the first and of the last glyph. */
  start: [number, number];
  end: [number, number];
  /** Axis-aligned bounds. */
  box: { x: number; y: number; width: number; height: number };
}

export interface Mrz {
  lines: GlyphLine[];
  /** 'TD3' (passports, 2 x 44), 'TD2' (2 x 36), 'TD1' (ID cards, 3 x 30), by line count and length. */
  format: 'TD1' | 'TD2' | 'TD3';
  box: { x: number; y: number; width: number; height: number };
}

/** Glyphs smaller than this (px) are noise at the analysis size; larger than this are not print. */
const MIN_GLYPH_H = 5;
const MAX_GLYPH_H = 90;

/**
 * Working memory of darkGlyphs, kept between calls and grown when a picture is larger: the analysis
 * size is the same picture after picture, and ~9 MB of new arrays per call (at 1.2 MP) is garbage the
 * worker's collector must then reclaim in the middle of a check.
 */
let scratch: {
  gray: Uint8Array;
  integral: Int32Array;
  dark: Uint8Array;
  label: Int32Array;
  parent: Int32Array;
} | null = null;

function workingMemory(w: number, h: number): NonNullable<typeof scratch> {
  const n = w * h;
  if (!scratch || scratch.gray.length < n || scratch.integral.length < (w + 1) * (h + 1)) {
    scratch = {
      gray: new Uint8Array(n),
      integral: new Int32Array((w + 1) * (h + 1)),
      dark: new Uint8Array(n),
      label: new Int32Array(n),
      parent: new Int32Array((n >> 1) + 2),
    };
  }
  return scratch;
}

/**
 * Dark marks on a lighter ground: pixels at least 12 levels and 12 % darker than the mean of the
 * (2r+1)^2 square around them (r = 12 px: wider than any stroke of a glyph under MAX_GLYPH_H), as the
 * bounding boxes of their 8-connected components.
 */
export function darkGlyphs(img: RgbaLike, radius = 12): Glyph[] {
  const { data, width: w, height: h } = img;
  const { gray, integral, dark, label, parent } = workingMemory(w, h);
  for (let i = 0, p = 0; i < w * h; i++, p += 4) {
    gray[i] = (data[p]! * 77 + data[p + 1]! * 150 + data[p + 2]! * 29) >> 8;
  }
  // Integral image (one row and column of padding) for the local means; sums fit 32 bits up to ~8 MP.
  const W1 = w + 1;
  integral.fill(0, 0, W1);
  for (let y = 0; y < h; y++) {
    let row = 0;
    const o = (y + 1) * W1;
    integral[o] = 0;
    for (let x = 0; x < w; x++) {
      row += gray[y * w + x]!;
      integral[o + x + 1] = integral[o - W1 + x + 1]! + row;
    }
  }
  for (let y = 0; y < h; y++) {
    const ya = Math.max(0, y - radius) * W1;
    const yb = Math.min(h, y + radius + 1) * W1;
    const rows = Math.min(h, y + radius + 1) - Math.max(0, y - radius);
    const line = y * w;
    for (let x = 0; x < w; x++) {
      const xa = x > radius ? x - radius : 0;
      const xb = x + radius + 1 < w ? x + radius + 1 : w;
      const sum = integral[yb + xb]! - integral[ya + xb]! - integral[yb + xa]! + integral[ya + xa]!;
      // mean - g >= 12 and g <= 0.88 mean, with the mean's division multiplied out (integers only).
      const area = rows * (xb - xa);
      const g = gray[line + x]!;
      const ga = g * area;
      dark[line + x] = sum - ga >= 12 * area && 100 * ga <= 88 * sum ? 1 : 0;
    }
  }
  return components(dark, w, h, label, parent);
}

/**
 * Bounding boxes of the 8-connected components of a 0/1 mask (two passes, union-find on labels).
 * `label` (w * h) and `parent` (w * h / 2 + 2) are working memory, overwritten.
 */
function components(mask: Uint8Array, w: number, h: number, label: Int32Array, parent: Int32Array): Glyph[] {
  let next = 1;
  const find = (a: number): number => {
    let r = a;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[a] !== r) {
      const n = parent[a]!;
      parent[a] = r;
      a = n;
    }
    return r;
  };
  const union = (a: number, b: number): number => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return ra;
    if (ra < rb) {
      parent[rb] = ra;
      return ra;
    }
    parent[ra] = rb;
    return rb;
  };
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const i = row + x;
      if (!mask[i]) {
        label[i] = 0;
        continue;
      }
      let l = x > 0 ? label[i - 1]! : 0;
      if (y > 0) {
        const up = i - w;
        // The three neighbours above (left, centre, right); the left one is already in l's set when set.
        const a = x > 0 ? label[up - 1]! : 0;
        const b = label[up]!;
        const c = x < w - 1 ? label[up + 1]! : 0;
        if (a !== 0) l = l === 0 ? a : union(l, a);
        if (b !== 0) l = l === 0 ? b : union(l, b);
        if (c !== 0) l = l === 0 ? c : union(l, c);
      }
      if (l === 0) {
        l = next++;
        parent[l] = l;
      }
      label[i] = l;
    }
  }
  const x0 = new Int32Array(next).fill(w);
  const y0 = new Int32Array(next).fill(h);
  const x1 = new Int32Array(next);
  const y1 = new Int32Array(next);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const l = label[y * w + x]!;
      if (l === 0) continue;
      const r = find(l);
      if (x < x0[r]!) x0[r] = x;
      if (x + 1 > x1[r]!) x1[r] = x + 1;
      if (y < y0[r]!) y0[r] = y;
      if (y + 1 > y1[r]!) y1[r] = y + 1;
    }
  }
  const out: Glyph[] = [];
  for (let l = 1; l < next; l++) {
    if (parent[l] === l) out.push({ x0: x0[l]!, y0: y0[l]!, x1: x1[l]!, y1: y1[l]! });
  }
  return out;
}

const gh = (g: Glyph) => g.y1 - g.y0;
const gw = (g: Glyph) => g.x1 - g.x0;
const median = (a: number[]) => {
  const s = [...a].sort((p, q) => p - q);
  return s.length ? s[s.length >> 1]! : 0;
};

/**
 * Rows of glyphs at an even pitch. Glyphs are chained to the nearest glyph to their right of about the
 * same height whose centre lies within a third of a height of the line so far (rows tilted up to ~20 deg
 * stay one row); a chain is cut at a gap wider than a glyph. Only chains of at least `minSlots` glyph
 * positions whose pitches agree are kept. Lines running down the picture (a rotated card) are found by
 * passing glyphs with x and y swapped.
 */
export function glyphLines(glyphs: readonly Glyph[], minSlots = 8): GlyphLine[] {
  const cands = glyphs
    .filter((g) => gh(g) >= MIN_GLYPH_H && gh(g) <= MAX_GLYPH_H && gw(g) <= gh(g) * 6 && gw(g) >= 1)
    .sort((a, b) => a.x0 - b.x0);
  const used = new Uint8Array(cands.length);
  const lines: GlyphLine[] = [];
  for (let i = 0; i < cands.length; i++) {
    if (used[i]) continue;
    const chain = [cands[i]!];
    used[i] = 1;
    let last = cands[i]!;
    let slope = 0;
    // The line's glyph height: the tallest seen so far (a '<' filler is shorter than a letter or digit).
    let lineH = gh(last);
    for (;;) {
      const lx = (last.x0 + last.x1) / 2;
      const ly = (last.y0 + last.y1) / 2;
      let best = -1;
      let bestGap = Infinity;
      for (let j = i + 1; j < cands.length; j++) {
        const c = cands[j]!;
        if (c.x0 > last.x1 + lineH * 1.1) break;
        if (used[j] || c.x0 < last.x1 - lineH * 0.25) continue;
        const ch = gh(c);
        if (ch < lineH * 0.45 || ch > lineH * 1.5) continue;
        const cx = (c.x0 + c.x1) / 2;
        const cy = (c.y0 + c.y1) / 2;
        if (Math.abs(cy - (ly + slope * (cx - lx))) > lineH * 0.35) continue;
        const gap = c.x0 - last.x1;
        if (gap < bestGap) {
          bestGap = gap;
          best = j;
        }
      }
      if (best < 0) break;
      const next = cands[best]!;
      used[best] = 1;
      chain.push(next);
      if (chain.length >= 3) {
        // Slope from the whole chain so far: steadier than from the last two glyphs.
        const first = chain[0]!;
        const dx = (next.x0 + next.x1 - first.x0 - first.x1) / 2;
        if (dx > 0) slope = (next.y0 + next.y1 - first.y0 - first.y1) / 2 / dx;
      }
      if (chain.length <= 6) lineH = Math.max(lineH, Math.min(gh(next), lineH * 1.3));
      last = next;
    }
    const line = evenLine(chain, minSlots);
    if (line) lines.push(line);
  }
  return lines;
}

/** The chain as an even-pitch line, or null when it is too short or its spacing is uneven. */
function evenLine(chain: Glyph[], minSlots: number): GlyphLine | null {
  if (chain.length < 4) return null;
  // The line's height is that of its letters and digits: the upper quartile ('<' fillers are shorter).
  const heights = chain.map(gh).sort((a, b) => a - b);
  const height = heights[Math.floor(heights.length * 0.75)]!;
  // Glyphs of one height (a merged run of fillers is as tall as one glyph but wider).
  const single = chain.filter((g) => gw(g) <= height * 1.2);
  if (single.length < 4) return null;
  const steps: number[] = [];
  for (let k = 1; k < chain.length; k++) {
    const a = chain[k - 1]!;
    const b = chain[k]!;
    if (gw(a) <= height * 1.2 && gw(b) <= height * 1.2) steps.push((b.x0 + b.x1 - a.x0 - a.x1) / 2);
  }
  if (steps.length < 3) return null;
  const pitch = median(steps);
  if (pitch < height * 0.45 || pitch > height * 1.5) return null;
  if (steps.filter((s) => Math.abs(s - pitch) <= pitch * 0.3).length < steps.length * 0.75) return null;
  const evenness = steps.filter((s) => Math.abs(s - pitch) <= pitch * 0.2).length / steps.length;
  const first = chain[0]!;
  const lastG = chain[chain.length - 1]!;
  const start: [number, number] = [(first.x0 + first.x1) / 2, (first.y0 + first.y1) / 2];
  const end: [number, number] = [(lastG.x0 + lastG.x1) / 2, (lastG.y0 + lastG.y1) / 2];
  const slots = Math.round(Math.hypot(end[0] - start[0], end[1] - start[1]) / pitch) + 1;
  if (slots < minSlots) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const g of chain) {
    x0 = Math.min(x0, g.x0);
    y0 = Math.min(y0, g.y0);
    x1 = Math.max(x1, g.x1);
    y1 = Math.max(y1, g.y1);
  }
  return {
    slots,
    pitch,
    evenness,
    height,
    start,
    end,
    box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
  };
}

/**
 * The MRZ among the lines: 2 or 3 long, strictly even lines (ICAO 9303: 3 x 30, 2 x 36 or 2 x 44
 * positions) of one pitch and glyph height, parallel, starting together, about as long as each other and
 * 1.2-3.6 glyph heights apart (the zone's line spacing is ~1.8 character heights; a glyph's dark box is
 * a little shorter than the character cell), with no further line of that pitch continuing the block (a
 * page of monospaced text is not a machine-readable zone). Null when there is none.
 */
export function findMrz(lines: readonly GlyphLine[]): Mrz | null {
  const long = lines
    .filter((l) => l.slots >= 26 && l.evenness >= 0.85)
    .sort((a, b) => a.start[1] - b.start[1]);
  let best: Mrz | null = null;
  for (let i = 0; i < long.length; i++) {
    const block = [long[i]!];
    for (let j = i + 1; j < long.length; j++) {
      const prev = block[block.length - 1]!;
      if (follows(prev, long[j]!)) block.push(long[j]!);
    }
    if (block.length < 2 || block.length > 3) continue;
    // Two lines are TD2 or TD3 (36 or 44 positions); three are TD1 (30). Glyphs lost to glare or merged
    // into their neighbours shorten a line a little.
    const count = median(block.map((l) => l.slots));
    if (block.length === 2 ? count < 33 || count > 48 : count > 34) continue;
    // Only a block that no similar line precedes.
    if (long.slice(0, i).some((l) => follows(l, block[0]!))) continue;
    const format = block.length === 3 ? 'TD1' : count >= 40 ? 'TD3' : 'TD2';
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const l of block) {
      x0 = Math.min(x0, l.box.x);
      y0 = Math.min(y0, l.box.y);
      x1 = Math.max(x1, l.box.x + l.box.width);
      y1 = Math.max(y1, l.box.y + l.box.height);
    }
    const mrz: Mrz = { lines: block, format, box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } };
    if (!best || block.length * count > best.lines.length * median(best.lines.map((l) => l.slots)))
      best = mrz;
  }
  return best;
}

/** Whether line b is the next line of an MRZ after line a. */
function follows(a: GlyphLine, b: GlyphLine): boolean {
  if (Math.abs(a.pitch - b.pitch) > 0.15 * a.pitch) return false;
  if (Math.abs(a.height - b.height) > 0.3 * a.height) return false;
  const dx = a.end[0] - a.start[0];
  const dy = a.end[1] - a.start[1];
  const len = Math.hypot(dx, dy);
  // Distance of b's start from a's line, and along it.
  const across = ((b.start[0] - a.start[0]) * -dy + (b.start[1] - a.start[1]) * dx) / len;
  const along = ((b.start[0] - a.start[0]) * dx + (b.start[1] - a.start[1]) * dy) / len;
  if (across < a.height * 1.2 || across > a.height * 3.6) return false;
  if (Math.abs(along) > a.pitch * 2.5) return false;
  return Math.abs(a.slots - b.slots) <= Math.max(3, 0.12 * a.slots);
}

/** Glyphs with x and y swapped: lines running down the picture become rows. */
export function transposed(glyphs: readonly Glyph[]): Glyph[] {
  return glyphs.map((g) => ({ x0: g.y0, y0: g.x0, x1: g.y1, y1: g.x1 }));
}

/** A line found among transposed glyphs, back in the picture's coordinates. */
export function untransposed(line: GlyphLine): GlyphLine {
  const b = line.box;
  return {
    ...line,
    start: [line.start[1], line.start[0]],
    end: [line.end[1], line.end[0]],
    box: { x: b.y, y: b.x, width: b.height, height: b.width },
  };
}

/** Even glyph lines of a picture in both orientations (picture coordinates) and its MRZ, if any. */
export function readLines(img: RgbaLike): { lines: GlyphLine[]; mrz: Mrz | null } {
  const glyphs = darkGlyphs(img);
  // Rows of 5 positions and more: a card's field values; the zone and number lines are longer.
  const rows = glyphLines(glyphs, 5);
  const columns = glyphLines(transposed(glyphs), 5);
  // The zone is found in the frame where it runs across, then brought back.
  let mrz = findMrz(rows);
  if (!mrz) {
    const turned = findMrz(columns);
    if (turned) {
      const b = turned.box;
      mrz = {
        ...turned,
        lines: turned.lines.map(untransposed),
        box: { x: b.y, y: b.x, width: b.height, height: b.width },
      };
    }
  }
  return { lines: [...rows, ...columns.map(untransposed)], mrz };
}

/**
 * Blocks of text: at least `minLines` lines of 5+ glyph positions, each within 2.5 line heights of the
 * next and overlapping it across (a card's fields, a page's paragraph), as their bounds, the block with
 * most lines first.
 */
export function textBlocks(lines: readonly GlyphLine[], minLines = 3): Array<GlyphLine['box']> {
  const rows = lines.filter((l) => l.slots >= 5);
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i]!.box;
      const b = rows[j]!.box;
      const h = Math.max(a.height, b.height);
      const gapY = Math.max(a.y, b.y) - Math.min(a.y + a.height, b.y + b.height);
      const gapX = Math.max(a.x, b.x) - Math.min(a.x + a.width, b.x + b.width);
      if (
        gapY <= h * 2.5 &&
        gapX <= h * 4 &&
        Math.max(a.height, b.height) <= 2 * Math.min(a.height, b.height)
      )
        parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, GlyphLine[]>();
  for (let i = 0; i < rows.length; i++) {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), rows[i]!]);
  }
  return [...groups.values()]
    .filter((g) => g.length >= minLines)
    .sort((a, b) => b.length - a.length)
    .map((g) => {
      const x = Math.min(...g.map((l) => l.box.x));
      const y = Math.min(...g.map((l) => l.box.y));
      const x1 = Math.max(...g.map((l) => l.box.x + l.box.width));
      const y1 = Math.max(...g.map((l) => l.box.y + l.box.height));
      return { x, y, width: x1 - x, height: y1 - y };
    });
}
