// The document step of the check: the windows around the detected faces go through the document model,
// the picture's glyph lines are read for a machine-readable zone and number lines, and the pure rules
// (core/document-finding) decide. Runs on the analysed (downscaled) pixels; boxes come back in original px.
//
// The emblem side of a Chinese resident ID card has neither a portrait nor a zone: it is found by its
// emblem and title (core/emblem-side) when nothing else was.
//
// A card photographed from a distance has a portrait too small for the face detector at the analysed
// size. Its text still shows as a block of lines: a text block with no face near it is read again from
// the original, closer up, and the faces found there are scored like the others.
import { type CropFrame, cropFrame, documentCrop } from '../core/document-crop';
import { emblemSideDocument, findDocument, type ScoredFace } from '../core/document-finding';
import { readLines, textBlocks } from '../core/document-lines';
import { findEmblemSide } from '../core/emblem-side';
import type { Box, DocumentFinding } from '../core/verdict';
import type { RegionReader } from './analyze-pixels';
import { scoreCrops } from './document-model';
import type { Pixels, RawFace } from './face-model';

/** Faces whose surroundings are scored, largest first: a document's portrait is among the few largest
 * faces of a picture of it; each more costs ~1 ms. */
const MAX_FACES = 4;
/** Text blocks looked at closer up, at most (each costs one detector pass, ~45 ms). */
const MAX_ZOOMS = 2;
/** Long side of a closer look: a portrait beside a card's text block spans ~10 % of it there, within
 * the detector's range (it finds faces from ~8 % of its input). */
const ZOOM_SIDE = 640;

export interface CloserLook {
  /** Reads a region of the original (original px) at a given size. */
  region: RegionReader;
  /** Finds faces in a picture (the same detector as the check's); scale = original px per its px. */
  detect: (img: Pixels, scale: number) => Promise<readonly RawFace[]>;
}

interface Anchored {
  frame: CropFrame;
  box: Box;
  img: Pixels;
  /** The frame and box in the analysed image's px (where the rules work). */
  here: { frame: CropFrame; box: Box };
}

function anchor(f: RawFace): CropFrame | null {
  return f.keypoints.length >= 2 ? cropFrame({ box: f.box, eyes: [f.keypoints[0]!, f.keypoints[1]!] }) : null;
}

export async function documentStep(
  pixels: Pixels,
  faces: readonly RawFace[],
  scale: number,
  closer?: CloserLook,
): Promise<DocumentFinding | null> {
  const anchored: Anchored[] = [];
  for (const f of [...faces].sort((a, b) => b.box.width - a.box.width).slice(0, MAX_FACES)) {
    const frame = anchor(f);
    if (frame) anchored.push({ frame, box: f.box, img: pixels, here: { frame, box: f.box } });
  }
  const { lines, mrz } = readLines(pixels);
  if (closer && !mrz) {
    for (const block of textBlocks(lines).slice(0, MAX_ZOOMS)) {
      // Where a portrait beside or above the block would be: the block widened on both sides.
      const x0 = Math.max(0, block.x - block.width * 0.8);
      const y0 = Math.max(0, block.y - block.height * 0.6);
      const x1 = Math.min(pixels.width, block.x + block.width * 1.8);
      const y1 = Math.min(pixels.height, block.y + block.height * 1.4);
      const near = anchored.some(({ here }) => {
        const cx = here.box.x + here.box.width / 2;
        const cy = here.box.y + here.box.height / 2;
        return cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1;
      });
      if (near) continue;
      const ow = (x1 - x0) * scale;
      const oh = (y1 - y0) * scale;
      const k = Math.max(ow, oh) / ZOOM_SIDE;
      const img = await closer.region(
        Math.round(x0 * scale),
        Math.round(y0 * scale),
        Math.round(ow),
        Math.round(oh),
        Math.max(1, Math.round(ow / k)),
        Math.max(1, Math.round(oh / k)),
      );
      const found = await closer.detect(img, k);
      for (const f of [...found].sort((a, b) => b.box.width - a.box.width).slice(0, 2)) {
        const frame = anchor(f);
        if (!frame) continue;
        // Region px -> analysed px: (region px * k + region origin in original px) / scale.
        const m = k / scale;
        anchored.push({
          frame,
          box: f.box,
          img,
          here: {
            frame: { cx: frame.cx * m + x0, cy: frame.cy * m + y0, unit: frame.unit * m, angle: frame.angle },
            box: {
              x: f.box.x * m + x0,
              y: f.box.y * m + y0,
              width: f.box.width * m,
              height: f.box.height * m,
            },
          },
        });
      }
    }
  }
  const scores = await scoreCrops(anchored.map((a) => documentCrop(a.img, a.frame)));
  const scored: ScoredFace[] = anchored.map((a, i) => ({ ...a.here, score: scores[i]! }));
  const found = findDocument(
    { faces: scored, lines, mrz, width: pixels.width, height: pixels.height },
    scale,
  );
  if (found) return found;
  // Looked for only when nothing else was found: a card's two sides side by side read as its front.
  const emblem = findEmblemSide(pixels);
  return emblem && emblemSideDocument(emblem, scale);
}
