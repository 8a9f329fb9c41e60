// The emblem side of a Chinese resident ID card (pure): the back, with no portrait, no number and no
// machine-readable zone, so neither the document model nor the line rules find it. What it does have
// is unlike anything else: the national emblem printed in red in its top left corner, and beside the
// emblem two lines of large black title text ("中华人民共和国", "居民身份证") over a pale security print.
// Found in three steps, each cheap: red blobs of an emblem's size and shape; the pattern of red and
// white inside one (a ring around a disc, white stars at the top, the white gate across the middle),
// at any angle and a few foreshortenings; and the two title lines where that pose puts them.
import { luma, type RgbaLike } from './image-stats';
import type { Box } from './verdict';

export interface EmblemSide {
  /** The emblem's bounds. */
  emblem: Box;
  /** The card as far as the emblem's size and angle place it (bounds of its turned rectangle). */
  card: Box;
  /** The two printed fields: the issuing police office and the validity dates (bounds, as for `card`). */
  fields: Box;
  /** The card's angle in the picture, degrees clockwise. */
  angle: number;
  /** How closely the emblem's red and white follow the printed emblem's (correlation, -1..1). */
  match: number;
}

/**
 * The printed emblem's share of red in a 6x6 grid over its bounds, read off the blank card template
 * of ../shared/testdata/idcards (2nd-generation card, emblem 181x190 px there): the wheat ring around a
 * red disc, the stars' white at the top, the gate's white band, the ribbon below.
 */
const EMBLEM_GRID = [
  [0.01, 0.36, 0.65, 0.64, 0.38, 0.03],
  [0.34, 0.75, 0.76, 0.74, 0.76, 0.36],
  [0.56, 0.99, 0.87, 0.87, 0.99, 0.59],
  [0.52, 0.93, 0.58, 0.56, 0.93, 0.54],
  [0.17, 0.47, 0.54, 0.53, 0.47, 0.19],
  [0.11, 0.59, 0.53, 0.52, 0.59, 0.13],
];
const GRID = EMBLEM_GRID.length;
const TEMPLATE = EMBLEM_GRID.flat();
const TEMPLATE_RED = TEMPLATE.reduce((a, b) => a + b, 0);
/** The emblem's share of red over its bounds, and the centre of its red (emblem units, from its top left). */
const TEMPLATE_FILL = TEMPLATE_RED / TEMPLATE.length;
const TEMPLATE_CENTRE = (axis: 'u' | 'v') =>
  TEMPLATE.reduce(
    (sum, red, i) => sum + red * (((axis === 'u' ? i % GRID : Math.floor(i / GRID)) + 0.5) / GRID),
    0,
  ) / TEMPLATE_RED;
const CENTRE = { u: TEMPLATE_CENTRE('u'), v: TEMPLATE_CENTRE('v') };
/**
 * The spread of the emblem's red about its centre (mean squared distance, emblem sides squared): the
 * emblem's size follows from a blob's spread whatever its angle, and unlike its area it does not grow
 * when blur fills the white details in.
 */
const TEMPLATE_SPREAD =
  TEMPLATE.reduce((sum, red, i) => {
    const u = ((i % GRID) + 0.5) / GRID - CENTRE.u;
    const v = (Math.floor(i / GRID) + 0.5) / GRID - CENTRE.v;
    // Plus the spread within a cell (a uniform square of side 1/GRID: 1/(12 GRID^2) on each axis).
    return sum + red * (u * u + v * v + 1 / (6 * GRID * GRID));
  }, 0) / TEMPLATE_RED;
/** Angles tried, degrees clockwise: a photographed card may lie at any angle. */
const ANGLE_STEP = 10;
/** Foreshortenings tried in the close look (width over height as seen). */
const STRETCHES = [0.8, 1, 1.25] as const;

/** Smallest emblem looked at (side, px of the analysed picture): a card about 90 px wide. */
const MIN_EMBLEM = 16;
/** A red blob's bounds: width over height, and the share of them that is red (a turned emblem fills less). */
const ASPECT = [0.6, 1.6] as const;
const FILL = [0.22, 0.8] as const;
/** Correlation with EMBLEM_GRID needed (see README: how it was chosen). */
const MATCH_AT = 0.835;
/** Red blobs examined, largest first. */
const MAX_BLOBS = 12;

/**
 * The two title lines and the gap between them, in emblem units (emblem side length; u to the right
 * of the emblem's left edge, v down from its top) on the upright card. Measured on the template:
 * "中华人民共和国" at v 0.05-0.37, "居民身份证" at 0.58-0.95, both from u 1.2 to beyond 4.2.
 */
const TITLE = { u: [1.25, 4.0], line1: [0.08, 0.34], gap: [0.42, 0.52], line2: [0.62, 0.92] } as const;
/** Ink needed in each title line's band (share of dark samples), and at most in the gap, relative. */
const LINE_INK = 0.07;
const GAP_INK = 0.6;
/**
 * The card is a pale print: the light level of its title bands (their 80th percentile luma) is at least
 * this (0-255). A red flower on a black dress has a title's dark "ink" but no card around it (added after
 * a selfie of the artfaces set was taken for a card; the cards made so far all read 146 or more).
 */
const MIN_LIGHT = 100;
/**
 * How much whiter the emblem's middle must be than its sides (innerWhite; the template: 0.41, the made
 * backs found: 0.22-0.58). A plain red disc beside two lines of text matched the emblem's pattern as well as
 * the emblem does (correlation over 0.835) with none (0.00), and so did the one made picture that was
 * not a back but was taken for one.
 */
const INNER_WHITE = 0.1;
/** The card's extent in emblem units on the upright card (template: 5.2 x 3.3 emblem sides). */
const CARD = { u: [-0.35, 4.85], v: [-0.31, 2.97] } as const;
/** The fields "签发机关" and "有效期限" with what is printed after them (template: v 1.9-2.6 from u 0.8). */
const FIELDS = { u: [0.65, 4.8], v: [1.75, 2.8] } as const;

/** The emblem's red: strong red over both other channels, at any brightness a photo gives it. */
const isRed = (r: number, g: number, b: number) => r >= 90 && r - (g > b ? g : b) >= 0.3 * r && g <= 0.6 * r;

interface Blob {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Red pixels, and the sums of their coordinates and of their squares. */
  count: number;
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
}

/** Red blobs on a grid of 2x2-pixel cells (a cell is red when one of its diagonal pixels is); in px. */
function redBlobs(img: RgbaLike): Blob[] {
  const { data, width, height } = img;
  const cw = width >> 1;
  const ch = height >> 1;
  if (cw < 2 || ch < 2) return [];
  // Two pixels a cell, not four: this pass reads the whole picture, the rest only its red.
  const red = new Uint8Array(cw * ch);
  for (let cy = 0; cy < ch; cy++) {
    let i = cy * 2 * width * 4;
    let j = i + (width + 1) * 4;
    for (let cx = 0; cx < cw; cx++, i += 8, j += 8) {
      red[cy * cw + cx] =
        isRed(data[i]!, data[i + 1]!, data[i + 2]!) || isRed(data[j]!, data[j + 1]!, data[j + 2]!) ? 1 : 0;
    }
  }
  // Union-find over red cells, each joined to the red cells before it within two cells: the emblem's
  // white gate and stars cut its red into parts that blur and noise may leave a cell apart.
  const parent = new Int32Array(cw * ch);
  const find = (i: number): number => {
    let root = i;
    while (parent[root]! !== root) root = parent[root]!;
    while (parent[i]! !== root) {
      const next = parent[i]!;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const join = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const i = y * cw + x;
      if (!red[i]) continue;
      parent[i] = i;
      for (let dy = -2; dy <= 0; dy++) {
        if (y + dy < 0) continue;
        for (let dx = -2; dx <= 2; dx++) {
          if ((dy === 0 && dx >= 0) || x + dx < 0 || x + dx >= cw) continue;
          const j = i + dy * cw + dx;
          if (red[j]) join(i, j);
        }
      }
    }
  }
  const blobs = new Map<number, Blob>();
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const i = y * cw + x;
      if (!red[i]) continue;
      const root = find(i);
      const b = blobs.get(root);
      const px = x * 2 + 1;
      const py = y * 2 + 1;
      if (b) {
        b.x0 = Math.min(b.x0, px - 1);
        b.x1 = Math.max(b.x1, px + 1);
        b.y0 = Math.min(b.y0, py - 1);
        b.y1 = Math.max(b.y1, py + 1);
        b.count += 4;
        b.sx += 4 * px;
        b.sy += 4 * py;
        b.sxx += 4 * px * px;
        b.syy += 4 * py * py;
      } else {
        const cell = { count: 4, sx: 4 * px, sy: 4 * py, sxx: 4 * px * px, syy: 4 * py * py };
        blobs.set(root, { x0: px - 1, y0: py - 1, x1: px + 1, y1: py + 1, ...cell });
      }
    }
  }
  return [...blobs.values()];
}

/** Emblem units on the upright card -> picture px, for an emblem of side `side` centred at (cx, cy). */
type Frame = (u: number, v: number) => [number, number];

interface Pose {
  cx: number;
  cy: number;
  side: number;
  /** Degrees clockwise. */
  angle: number;
  /** Width over height of the emblem as seen (a card seen at a slant is foreshortened). */
  stretch: number;
}

function frameAt({ cx, cy, side, angle, stretch }: Pose): Frame {
  const a = (angle * Math.PI) / 180;
  const su = side * Math.sqrt(stretch);
  const sv = side / Math.sqrt(stretch);
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  return (u, v) => {
    const du = (u - CENTRE.u) * su;
    const dv = (v - CENTRE.v) * sv;
    return [cx + du * cos - dv * sin, cy + du * sin + dv * cos];
  };
}

/** Share of red in each cell of the emblem's grid under `at` (n x n samples a cell). */
function redGrid(img: RgbaLike, at: Frame, n: number): number[] {
  const { data, width, height } = img;
  const grid: number[] = [];
  for (let gy = 0; gy < GRID; gy++) {
    for (let gx = 0; gx < GRID; gx++) {
      let count = 0;
      for (let j = 0; j < n; j++) {
        for (let k = 0; k < n; k++) {
          const [x, y] = at((gx + (k + 0.5) / n) / GRID, (gy + (j + 0.5) / n) / GRID);
          const xi = Math.round(x);
          const yi = Math.round(y);
          if (xi < 0 || yi < 0 || xi >= width || yi >= height) continue;
          const i = (yi * width + xi) * 4;
          if (isRed(data[i]!, data[i + 1]!, data[i + 2]!)) count++;
        }
      }
      grid.push(count / (n * n));
    }
  }
  return grid;
}

function correlation(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/**
 * Ink of the two title lines beside the emblem: the share of dark samples in each line's band and in the
 * gap between them, dark meaning under 0.6 of the bands' light level (their 80th percentile). Samples
 * off the picture are left out; null when most of a band is off it.
 */
function titleInk(
  img: RgbaLike,
  at: Frame,
): { line1: number; gap: number; line2: number; light: number } | null {
  const { data, width, height } = img;
  const band = ([v0, v1]: readonly [number, number]) => {
    const values: number[] = [];
    for (let j = 0; j < 8; j++) {
      const v = v0 + ((j + 0.5) * (v1 - v0)) / 8;
      for (let k = 0; k < 48; k++) {
        const [x, y] = at(TITLE.u[0] + ((k + 0.5) * (TITLE.u[1] - TITLE.u[0])) / 48, v);
        const xi = Math.round(x);
        const yi = Math.round(y);
        if (xi >= 0 && yi >= 0 && xi < width && yi < height) {
          const i = (yi * width + xi) * 4;
          values.push(luma(data[i]!, data[i + 1]!, data[i + 2]!));
        }
      }
    }
    return values.length >= 0.6 * 8 * 48 ? values : null;
  };
  const line1 = band(TITLE.line1);
  const gap = band(TITLE.gap);
  const line2 = band(TITLE.line2);
  if (!line1 || !gap || !line2) return null;
  const all = [...line1, ...gap, ...line2].sort((a, b) => a - b);
  const light = all[Math.floor(all.length * 0.8)]!;
  const ink = (values: number[]) => values.filter((l) => l < 0.6 * light).length / values.length;
  return { line1: ink(line1), gap: ink(gap), line2: ink(line2), light };
}

/**
 * How much whiter the emblem's middle is than its sides: the gate's white band and the white around the
 * stars against the red disc and ring beside them (template: 0.41). A plain red disc or logo has none.
 */
function innerWhite(grid: readonly number[]): number {
  const at = (row: number, col: number) => grid[row * GRID + col]!;
  const sides = (at(2, 1) + at(2, 4) + at(3, 1) + at(3, 4)) / 4;
  const middle = (at(3, 2) + at(3, 3) + at(4, 2) + at(4, 3)) / 4;
  return sides - middle;
}

/** Bounds of the points, clipped to the picture. */
function bounds(points: Array<[number, number]>, img: RgbaLike): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.max(0, Math.min(...xs));
  const y = Math.max(0, Math.min(...ys));
  return {
    x,
    y,
    width: Math.max(0, Math.min(img.width, Math.max(...xs)) - x),
    height: Math.max(0, Math.min(img.height, Math.max(...ys)) - y),
  };
}

/**
 * The pose under which the blob best matches the emblem: every angle looked at coarsely (2x2 samples a
 * grid cell, unforeshortened), then the best one more closely (3x3) within half a step of its angle and
 * under each of the foreshortenings (one in the coarse look halves the time on a page of many red blobs).
 */
function bestPose(img: RgbaLike, b: Blob): { pose: Pose; match: number; grid: number[] } {
  const cx = b.sx / b.count;
  const cy = b.sy / b.count;
  const spread = b.sxx / b.count - cx * cx + b.syy / b.count - cy * cy;
  const base = { cx, cy, side: Math.sqrt(spread / TEMPLATE_SPREAD) };
  let coarse = { pose: { ...base, angle: 0, stretch: 1 }, match: -1 };
  for (let angle = 0; angle < 360; angle += ANGLE_STEP) {
    const pose = { ...base, angle, stretch: 1 };
    const match = correlation(redGrid(img, frameAt(pose), 2), TEMPLATE);
    if (match > coarse.match) coarse = { pose, match };
  }
  let best = { pose: coarse.pose, match: -1, grid: [] as number[] };
  for (let d = -ANGLE_STEP / 2; d <= ANGLE_STEP / 2; d += ANGLE_STEP / 4) {
    for (const stretch of STRETCHES) {
      const pose = { ...coarse.pose, angle: coarse.pose.angle + d, stretch };
      const grid = redGrid(img, frameAt(pose), 3);
      const match = correlation(grid, TEMPLATE);
      if (match > best.match) best = { pose, match, grid };
    }
  }
  return best;
}

/**
 * How well the title lines sit where the pose puts them, the pose refined (a few degrees or a tenth of
 * the emblem's size off moves the bands across the lines' gap at their far end): the refined pose and
 * the ink of the fainter of the two lines, or null when they are not there.
 */
function titleAt(img: RgbaLike, pose: Pose): { pose: Pose; line: number } | null {
  let best: { pose: Pose; line: number } | null = null;
  for (let d = -ANGLE_STEP / 2; d <= ANGLE_STEP / 2; d += 2.5) {
    for (const k of [0.9, 1, 1.1]) {
      for (const shift of [-0.08, 0, 0.08]) {
        // The centre moved along the card's v axis by `shift` emblem sides.
        const a = ((pose.angle + d) * Math.PI) / 180;
        const refined = {
          ...pose,
          angle: pose.angle + d,
          side: pose.side * k,
          cx: pose.cx - Math.sin(a) * shift * pose.side,
          cy: pose.cy + Math.cos(a) * shift * pose.side,
        };
        const ink = titleInk(img, frameAt(refined));
        if (!ink || ink.light < MIN_LIGHT) continue;
        const line = Math.min(ink.line1, ink.line2);
        if (line < LINE_INK || ink.gap > GAP_INK * line) continue;
        if (!best || line > best.line) best = { pose: refined, line };
      }
    }
  }
  return best;
}

/** The emblem side of a Chinese resident ID card in the picture, or null. */
export function findEmblemSide(img: RgbaLike): EmblemSide | null {
  const blobs = redBlobs(img)
    .filter((b) => {
      const w = b.x1 - b.x0;
      const h = b.y1 - b.y0;
      const fill = b.count / (w * h);
      return (
        b.count >= MIN_EMBLEM * MIN_EMBLEM * TEMPLATE_FILL &&
        w / h >= ASPECT[0] &&
        w / h <= ASPECT[1] &&
        fill >= FILL[0] &&
        fill <= FILL[1]
      );
    })
    .sort((a, b) => b.count - a.count)
    .slice(0, MAX_BLOBS);
  let best: EmblemSide | null = null;
  for (const b of blobs) {
    const { pose, match, grid } = bestPose(img, b);
    if (match < MATCH_AT || (best && match <= best.match) || innerWhite(grid) < INNER_WHITE) continue;
    const title = titleAt(img, pose);
    if (!title) continue;
    const at = frameAt(title.pose);
    const rect = ({ u, v }: { u: readonly [number, number]; v: readonly [number, number] }) =>
      bounds([at(u[0], v[0]), at(u[1], v[0]), at(u[1], v[1]), at(u[0], v[1])], img);
    best = {
      emblem: rect({ u: [0, 1], v: [0, 1] }),
      card: rect(CARD),
      fields: rect(FIELDS),
      angle: ((title.pose.angle % 360) + 360) % 360,
      match,
    };
  }
  return best;
}
