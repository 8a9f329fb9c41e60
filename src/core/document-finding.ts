// Whether a picture shows an identity document, and where its portrait and identifying lines are
// (pure). Two kinds of evidence, each enough on its own:
// - a machine-readable zone (ICAO 9303: passports, ID cards, visas, residence cards; see
//   document-lines.ts), nothing else prints 2-3 unbroken fixed-pitch lines of 30-44 positions;
// - a face whose surroundings the document model reads as a document's portrait (a card or page
//   around it, text fields beside it, a header above, number or zone lines below; document-crop.ts).
// The copy covers the portrait and the lines that identify the holder, placed from this geometry.
import { type CropFrame, framePoint } from './document-crop';
import type { GlyphLine, Mrz } from './document-lines';
import type { EmblemSide } from './emblem-side';
import type { Box, DocumentFinding, DocumentKind } from './verdict';

/** A face scored by the document model, in the analysed image's px. */
export interface ScoredFace {
  frame: CropFrame;
  /** Detector box. */
  box: Box;
  /** 0..1: how much its surroundings read as an identity document's portrait. */
  score: number;
}

/**
 * Document model scores from which a face is taken as a document's portrait: on its own from SURE_AT;
 * from PORTRAIT_AT when printed fields sit beside or below it (see `fieldsBeside`), as they do on every
 * identity document, where a face photo that merely looks card-like has none. PORTRAIT_AT was chosen
 * with grouped cross-validation (training/documents/README.md). SURE_AT was 0.85 until ordinary
 * photos the model never saw (training/data/photos2: street scenes, small faces in groups) were read as
 * documents 9 times in 201 with no fields beside the face; at 0.95, 2 in 201, for 3 of 79 made cards
 * fewer found (training/documents/README.md, "Figures").
 */
export const PORTRAIT_AT = 0.5;
export const SURE_AT = 0.95;
/** A face with a lower score still counts as the portrait of a document found from its zone. */
const PORTRAIT_NEAR_MRZ_AT = 0.15;

/** Head and shoulders around a face: the portrait frame of an ID photo (35 x 45 mm around a ~20 mm face). */
export function portraitFrame(frame: CropFrame): Box {
  return quadBox([
    framePoint(frame, -0.85, -1.05),
    framePoint(frame, 0.85, -1.05),
    framePoint(frame, 0.85, 1.25),
    framePoint(frame, -0.85, 1.25),
  ]);
}

function quadBox(points: Array<[number, number]>): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

function union(boxes: Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: x1 - x, height: y1 - y };
}

function grow(b: Box, dx: number, dy: number): Box {
  return { x: b.x - dx, y: b.y - dy, width: b.width + 2 * dx, height: b.height + 2 * dy };
}

function clip(b: Box, width: number, height: number): Box {
  const x = Math.max(0, b.x);
  const y = Math.max(0, b.y);
  return {
    x,
    y,
    width: Math.max(0, Math.min(width, b.x + b.width) - x),
    height: Math.max(0, Math.min(height, b.y + b.height) - y),
  };
}

const centre = (b: Box): [number, number] => [b.x + b.width / 2, b.y + b.height / 2];
const inside = (p: [number, number], b: Box) =>
  p[0] >= b.x && p[0] <= b.x + b.width && p[1] >= b.y && p[1] <= b.y + b.height;

/**
 * The page or card around a machine-readable zone: the zone runs along the bottom edge across nearly
 * the whole width (ICAO 9303), the page is ~0.7 of its width high (ID-3 125 x 88 mm, ID-1 85.6 x 54 mm,
 * ID-2 105 x 74 mm: 0.63-0.71). Returned as an upright box (a turned zone gives a turned page).
 */
function pageAboveMrz(mrz: Mrz): Box {
  const first = mrz.lines[0]!;
  const dx = first.end[0] - first.start[0];
  const dy = first.end[1] - first.start[1];
  const len = Math.hypot(dx, dy);
  const ux = dx / len;
  const uy = dy / len;
  // "Up" the page is perpendicular to the lines, on the side away from the zone's last line.
  const last = mrz.lines[mrz.lines.length - 1]!;
  const side = Math.sign((last.start[0] - first.start[0]) * -uy + (last.start[1] - first.start[1]) * ux) || 1;
  const nx = uy * side;
  const ny = -ux * side;
  const width = len * 1.08;
  const height = width * 0.72;
  const [cx, cy] = centre(mrz.box);
  const corners: Array<[number, number]> = [];
  for (const [a, b] of [
    [-0.5, 0.15],
    [0.5, 0.15],
    [0.5, -1],
    [-0.5, -1],
  ] as const) {
    corners.push([cx + ux * a * width - nx * b * height, cy + uy * a * width - ny * b * height]);
  }
  return quadBox(corners);
}

/** Number lines on a document: unbroken even runs of 10-30 glyph positions (an 18-character resident
 * ID number, with its label when printed close to it; a passport or card number with its check digits),
 * not the zone's own lines. */
function numberLines(lines: readonly GlyphLine[], within: Box, mrz: Mrz | null): GlyphLine[] {
  return lines.filter(
    (l) =>
      l.slots >= 10 &&
      l.slots <= 30 &&
      l.evenness >= 0.8 &&
      inside(centre(l.box), within) &&
      !mrz?.lines.includes(l),
  );
}

/**
 * Printed lines beside or below a face, within its document window: glyph rows whose centre lies
 * 0.7-6 face units to the side or 1-4 below, and whose glyphs are small print (under half a face unit
 * high; a poster's title is larger).
 */
export function fieldsBeside(face: ScoredFace, lines: readonly GlyphLine[]): number {
  const { cx, cy, unit, angle } = face.frame;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return lines.filter((l) => {
    if (l.height > unit * 0.5) return false;
    const [x, y] = centre(l.box);
    const u = ((x - cx) * cos + (y - cy) * sin) / unit;
    const v = (-(x - cx) * sin + (y - cy) * cos) / unit;
    if (v < -3 || v > 4 || Math.abs(u) > 6) return false;
    return Math.abs(u) >= 0.7 || v >= 1;
  }).length;
}

export interface DocumentEvidence {
  faces: readonly ScoredFace[];
  lines: readonly GlyphLine[];
  mrz: Mrz | null;
  /** Size of the analysed image. */
  width: number;
  height: number;
}

/** A box of the analysed image in original px. */
const scaled = (b: Box, scale: number): Box => ({
  x: b.x * scale,
  y: b.y * scale,
  width: b.width * scale,
  height: b.height * scale,
});

/**
 * The document in the analysed image (its px), or null. `scale` multiplies every box into original px.
 */
export function findDocument(e: DocumentEvidence, scale = 1): DocumentFinding | null {
  const page = e.mrz ? pageAboveMrz(e.mrz) : null;
  let portraitFace: ScoredFace | null = null;
  if (page) {
    // The portrait of a page with a zone is the best-scoring face on the page, if any is plausible.
    portraitFace =
      [...e.faces]
        .filter((f) => inside(centre(f.box), page) && f.score >= PORTRAIT_NEAR_MRZ_AT)
        .sort((a, b) => b.score - a.score || b.box.width - a.box.width)[0] ?? null;
  } else {
    portraitFace =
      [...e.faces]
        .filter((f) => f.score >= SURE_AT || (f.score >= PORTRAIT_AT && fieldsBeside(f, e.lines) >= 2))
        .sort((a, b) => b.score - a.score)[0] ?? null;
  }
  if (!page && !portraitFace) return null;
  const portrait = portraitFace ? clip(portraitFrame(portraitFace.frame), e.width, e.height) : null;
  // Where the document lies: the page above the zone, or the model's window around the portrait.
  const window = portraitFace
    ? quadBox([
        framePoint(portraitFace.frame, -6, -3),
        framePoint(portraitFace.frame, 6, -3),
        framePoint(portraitFace.frame, 6, 4),
        framePoint(portraitFace.frame, -6, 4),
      ])
    : null;
  const region = page ?? window!;
  const numbers = numberLines(e.lines, region, e.mrz);
  const parts: Box[] = [];
  if (portrait) parts.push(portrait);
  if (e.mrz) parts.push(e.mrz.box, clip(page!, e.width, e.height));
  for (const l of numbers) parts.push(l.box);
  const box = clip(union(parts), e.width, e.height);
  const lineBoxes = [...(e.mrz ? [e.mrz.box] : []), ...numbers.map((l) => l.box)];
  // Covers: the portrait frame whole, each line grown by a third of its glyph height all round.
  const cover: Box[] = [];
  if (portrait) cover.push(portrait);
  if (e.mrz) {
    const h = Math.max(...e.mrz.lines.map((l) => l.height));
    cover.push(clip(grow(e.mrz.box, h * 0.5, h * 0.4), e.width, e.height));
  }
  for (const l of numbers) cover.push(clip(grow(l.box, l.height * 0.4, l.height * 0.35), e.width, e.height));
  if (portraitFace && lineBoxes.length === 0) {
    // No number line was read (blur, glare, a small card): cover the band below the portrait across the
    // card, where ID-1 cards print the number (Chinese resident ID: bottom row; most others: below the
    // fields), erring on covering more.
    cover.push(
      clip(
        quadBox([
          framePoint(portraitFace.frame, -5, 1.3),
          framePoint(portraitFace.frame, 5, 1.3),
          framePoint(portraitFace.frame, 5, 2.6),
          framePoint(portraitFace.frame, -5, 2.6),
        ]),
        e.width,
        e.height,
      ),
    );
  }
  const kind: DocumentKind = !portrait ? 'id-back' : e.mrz?.format === 'TD3' ? 'passport' : 'id-card';
  const s = (b: Box) => scaled(b, scale);
  return {
    kind,
    box: s(box),
    portrait: portrait && s(portrait),
    lines: lineBoxes.map(s),
    cover: cover.filter((b) => b.width > 0 && b.height > 0).map(s),
    score: e.mrz ? 1 : (portraitFace?.score ?? 0),
  };
}

/**
 * The emblem side of a Chinese resident ID card as a document: no portrait and no number, so what its
 * copy covers is the printed fields (the issuing office and the validity dates). `scale` as above.
 */
export function emblemSideDocument(side: EmblemSide, scale = 1): DocumentFinding {
  const s = (b: Box) => scaled(b, scale);
  return {
    kind: 'cn-id-back',
    box: s(side.card),
    portrait: null,
    lines: [s(side.fields)],
    cover: [s(side.fields)],
    score: side.match,
  };
}

/**
 * The faces that stand beside a document: on the emblem side of a card, which carries no portrait,
 * whatever the detector found with its centre inside the card is print (the emblem itself can read as
 * a face), not a face to judge or cover. Other documents keep every face.
 */
export function facesBesideDocument<T extends { box: Box }>(
  faces: T[],
  document: DocumentFinding | null,
): T[] {
  if (document?.kind !== 'cn-id-back') return faces;
  return faces.filter((f) => !inside(centre(f.box), document.box));
}
