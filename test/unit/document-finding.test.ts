import { describe, expect, it } from 'vitest';
import { type CropFrame, cropFrame, documentCrop, framePoint } from '../../src/core/document-crop';
import {
  findDocument,
  PORTRAIT_AT,
  portraitFrame,
  type ScoredFace,
  SURE_AT,
} from '../../src/core/document-finding';
import type { GlyphLine, Mrz } from '../../src/core/document-lines';
import { withDocument } from '../../src/core/document-risk';
import { decideRiskWithDocument } from '../../src/core/risk';
import type { Box, DocumentFinding, FaceMeasures } from '../../src/core/verdict';
import { clearFace } from './face-fixture';

function line(x: number, y: number, slots: number, pitch: number, height: number): GlyphLine {
  return {
    slots,
    pitch,
    evenness: 1,
    height,
    start: [x + pitch / 2, y + height / 2],
    end: [x + pitch * (slots - 0.5), y + height / 2],
    box: { x, y, width: pitch * slots, height },
  };
}

function mrz(lines: GlyphLine[], format: Mrz['format']): Mrz {
  const x = Math.min(...lines.map((l) => l.box.x));
  const y = Math.min(...lines.map((l) => l.box.y));
  const x1 = Math.max(...lines.map((l) => l.box.x + l.box.width));
  const y1 = Math.max(...lines.map((l) => l.box.y + l.box.height));
  return { lines, format, box: { x, y, width: x1 - x, height: y1 - y } };
}

const frame = (cx: number, cy: number, unit: number, angle = 0): CropFrame => ({ cx, cy, unit, angle });
const face = (f: CropFrame, score: number): ScoredFace => ({
  frame: f,
  box: { x: f.cx - f.unit / 2, y: f.cy - f.unit / 2, width: f.unit, height: f.unit },
  score,
});
const contains = (outer: Box, inner: Box) =>
  inner.x >= outer.x - 0.01 &&
  inner.y >= outer.y - 0.01 &&
  inner.x + inner.width <= outer.x + outer.width + 0.01 &&
  inner.y + inner.height <= outer.y + outer.height + 0.01;

describe('document crop frame', () => {
  it('lays the window out in face units along the eye line', () => {
    const f = cropFrame({
      box: { x: 100, y: 100, width: 40, height: 40 },
      eyes: [
        [132, 110],
        [108, 110],
      ],
    });
    expect(f).toEqual({ cx: 120, cy: 120, unit: 40, angle: 0 });
    expect(framePoint(f, 1, 2)).toEqual([160, 200]);
    // A card turned by 90 degrees clockwise: its eye line points down the picture.
    const turned = cropFrame({
      box: { x: 100, y: 100, width: 40, height: 40 },
      eyes: [
        [110, 108],
        [110.001, 132],
      ],
    });
    expect(turned.angle).toBeCloseTo(Math.PI / 2, 3);
    const [x, y] = framePoint(turned, 1, 0);
    expect(x).toBeCloseTo(120, 1);
    expect(y).toBeCloseTo(160, 1);
  });

  it('marks the window outside the picture and standardises luma inside it', () => {
    const img = { data: new Uint8ClampedArray(100 * 100 * 4), width: 100, height: 100 };
    for (let i = 0; i < 100 * 100; i++) {
      const v = (i % 100) * 2;
      img.data.set([v, v, v, 255], i * 4);
    }
    const crop = documentCrop(img, frame(50, 50, 10));
    let inside = 0;
    let sum = 0;
    for (let i = 0; i < crop.length; i += 4) {
      if (crop[i + 3] === 1) {
        inside++;
        sum += crop[i]!;
      } else expect(crop[i]).toBe(0);
    }
    // The window is 12 x 7 face units of 10 px: 120 x 70 px, of which the picture covers 100 x 70.
    expect(inside / (crop.length / 4)).toBeCloseTo(100 / 120, 1);
    expect(Math.abs(sum / inside)).toBeLessThan(1e-3);
    // Grey: no chroma.
    expect(Math.abs(crop[(35 * 120 + 60) * 4 + 1]!)).toBeLessThan(1e-6);
  });
});

describe('findDocument', () => {
  const W = 1000;
  const H = 800;

  it('finds nothing in a face photo the model does not read as a document', () => {
    expect(
      findDocument({
        faces: [face(frame(500, 300, 200), PORTRAIT_AT - 0.01)],
        lines: [],
        mrz: null,
        width: W,
        height: H,
      }),
    ).toBeNull();
  });

  it('takes a portrait the model reads as a document, covering it and the band where the number is', () => {
    const f = frame(700, 300, 60);
    const doc = findDocument({ faces: [face(f, SURE_AT)], lines: [], mrz: null, width: W, height: H }, 2)!;
    expect(doc.kind).toBe('id-card');
    expect(doc.score).toBeCloseTo(SURE_AT);
    // In original px (scale 2): the head-and-shoulders frame around the face.
    const p = portraitFrame(f);
    expect(doc.portrait).toEqual({ x: p.x * 2, y: p.y * 2, width: p.width * 2, height: p.height * 2 });
    expect(doc.portrait!.width).toBeCloseTo(1.7 * 60 * 2);
    expect(doc.cover).toHaveLength(2);
    expect(doc.cover[0]).toEqual(doc.portrait);
    // The band below the portrait, across the card, clipped to the picture.
    const band = doc.cover[1]!;
    expect(band.y).toBeCloseTo((300 + 1.3 * 60) * 2);
    expect(band.x).toBeCloseTo((700 - 5 * 60) * 2);
    expect(band.x + band.width).toBeCloseTo(W * 2);
  });

  it('takes a less certain portrait only with printed fields beside it, in small print', () => {
    const f = frame(700, 300, 60);
    const score = (PORTRAIT_AT + SURE_AT) / 2;
    const find = (lines: GlyphLine[]) =>
      findDocument({ faces: [face(f, score)], lines, mrz: null, width: W, height: H });
    expect(find([])).toBeNull();
    // Two field rows to the left of the face, 2-4 face units away.
    const fields = [line(460, 260, 8, 12, 14), line(460, 300, 9, 12, 14)];
    expect(find(fields)?.kind).toBe('id-card');
    // A poster's title beside a face is not a card's fields: glyphs over half a face unit high.
    expect(find([line(380, 240, 8, 40, 36), line(380, 300, 8, 40, 36)])).toBeNull();
    // Lines on the face itself are not fields beside it.
    expect(find([line(690, 280, 6, 4, 5), line(690, 300, 6, 4, 5)])).toBeNull();
  });

  it('covers a number line on the card instead of the band', () => {
    const f = frame(700, 300, 60);
    const number = line(420, 440, 18, 14, 18);
    const doc = findDocument({ faces: [face(f, SURE_AT)], lines: [number], mrz: null, width: W, height: H })!;
    expect(doc.lines).toEqual([number.box]);
    expect(doc.cover).toHaveLength(2);
    expect(contains(doc.cover[1]!, number.box)).toBe(true);
    expect(contains(doc.box, number.box)).toBe(true);
  });

  it('ignores number-like lines far from the portrait', () => {
    const doc = findDocument({
      faces: [face(frame(700, 300, 30), SURE_AT)],
      lines: [line(20, 760, 18, 10, 12)],
      mrz: null,
      width: W,
      height: H,
    })!;
    expect(doc.lines).toEqual([]);
  });

  it('reads a passport page from its zone, with the face on the page as its portrait however low it scored', () => {
    const zone = mrz([line(100, 600, 44, 16, 20), line(100, 640, 44, 16, 20)], 'TD3');
    const onPage = frame(250, 380, 90);
    const doc = findDocument({
      faces: [face(onPage, 0.2), face(frame(900, 100, 40), 0.1)],
      lines: zone.lines,
      mrz: zone,
      width: W,
      height: H,
    })!;
    expect(doc.kind).toBe('passport');
    expect(doc.score).toBe(1);
    expect(doc.portrait).toEqual(portraitFrame(onPage));
    expect(doc.lines).toEqual([zone.box]);
    expect(doc.cover).toHaveLength(2);
    expect(contains(doc.cover[1]!, zone.box)).toBe(true);
    // The page reaches up from the zone: about 0.72 of its width high.
    expect(doc.box.y).toBeLessThan(600 - 0.6 * 44 * 16);
  });

  it('calls a zone without a face on it the back of a card, and covers the zone', () => {
    const zone = mrz(
      [line(50, 500, 30, 14, 18), line(50, 536, 30, 14, 18), line(50, 572, 30, 14, 18)],
      'TD1',
    );
    const doc = findDocument({ faces: [], lines: zone.lines, mrz: zone, width: W, height: H })!;
    expect(doc.kind).toBe('id-back');
    expect(doc.portrait).toBeNull();
    expect(doc.cover).toHaveLength(1);
    expect(contains(doc.cover[0]!, zone.box)).toBe(true);
  });
});

describe('document risk', () => {
  const doc = (kind: DocumentFinding['kind']): DocumentFinding => ({
    kind,
    box: { x: 0, y: 0, width: 10, height: 10 },
    portrait: kind === 'id-back' ? null : { x: 1, y: 1, width: 2, height: 3 },
    lines: [],
    cover: [],
    score: 0.9,
  });

  it('makes any document high risk whatever the faces say, with its own reason first', () => {
    expect(
      withDocument({ risk: 'low', reasons: [{ key: 'reason_face_tiny', values: ['30'] }] }, doc('id-card')),
    ).toEqual({
      risk: 'high',
      reasons: [{ key: 'reason_document_id_card' }],
    });
    expect(
      withDocument({ risk: 'none', reasons: [{ key: 'reason_no_face' }] }, doc('id-back')).reasons,
    ).toEqual([{ key: 'reason_document_back' }]);
    // A clear face beside the document (the holder) keeps its own reason.
    const clear = { risk: 'high' as const, reasons: [{ key: 'reason_face_clear_frontal', values: ['300'] }] };
    expect(withDocument(clear, doc('passport')).reasons.map((r) => r.key)).toEqual([
      'reason_document_passport',
      'reason_face_clear_frontal',
    ]);
  });

  it('leaves the face decision alone without a document, and an unreadable picture unknown', () => {
    const faces = { risk: 'medium' as const, reasons: [{ key: 'reason_face_small', values: ['90'] }] };
    expect(withDocument(faces, null)).toBe(faces);
    expect(withDocument({ risk: 'unknown', reasons: [] }, doc('id-card')).risk).toBe('unknown');
    expect(decideRiskWithDocument([], { width: 100, height: 100 }, 'balanced', doc('id-card')).risk).toBe(
      'high',
    );
    expect(decideRiskWithDocument([], { width: 100, height: 100 }, 'balanced', null).risk).toBe('none');
  });

  it("speaks of the document's own portrait once, and still of a clear face beside it", () => {
    const at = (x: number) => clearFace({ box: { x, y: 100, width: 300, height: 300 } });
    const card: DocumentFinding = {
      ...doc('id-card'),
      box: { x: 0, y: 0, width: 1000, height: 600 },
      portrait: { x: 50, y: 50, width: 400, height: 450 },
    };
    const image = { width: 2000, height: 1000 };
    const keys = (faces: FaceMeasures[]) =>
      decideRiskWithDocument(faces, image, 'balanced', card).reasons.map((r) => r.key);
    expect(keys([at(100)])).toEqual(['reason_document_id_card']);
    expect(keys([at(100), at(1400)])).toEqual(['reason_document_id_card', 'reason_face_clear_frontal']);
  });
});
