import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../scripts/locales.mjs';
import type { HeldImage } from '../../src/content/decision';
import {
  anyDocument,
  availableActions,
  Choices,
  COVER_WORDS,
  decisionsForAll,
  documentCoverWords,
  faceRect,
  fallbackAction,
  isDocumentOffer,
  levelOf,
  reasonsOf,
  secondsLeft,
  shortcutFor,
  thumbnailSize,
} from '../../src/content/warning/model';
import { BLUR_STYLES } from '../../src/core/settings';
import { type FaceMeasures, NO_METADATA, type PhotoMetadata, type Verdict } from '../../src/core/verdict';

function face(x: number, y: number, size: number): FaceMeasures {
  return {
    box: { x, y, width: size, height: size },
    score: 1,
    faceWidth: size,
    eyeDistance: size / 2.5,
    pose: { yaw: 0, pitch: 0, roll: 0 },
    eyesOpen: 1,
    sharpness: 1,
    exposure: { mean: 0.5, clipped: 0 },
    occlusion: 0,
    realness: 1,
    photo: 1,
    partsInside: 1,
    landmarks: [],
  };
}

function verdict(risk: Verdict['risk'], faces: number, metadata: Partial<PhotoMetadata> = {}): Verdict {
  return {
    risk,
    reasons:
      faces > 0 ? [{ key: 'reason_face_clear_frontal', values: ['300'] }] : [{ key: 'reason_no_face' }],
    faces: Array.from({ length: faces }, (_, i) => face(i * 100, 10, 80)),
    metadata: { ...NO_METADATA, ...metadata },
    width: 1000,
    height: 500,
    timings: {},
  };
}

const file = new File([], 'x.jpg');
const img = (id: string, v: Verdict): HeldImage => ({ id, file, verdict: v });
const GPS = { gps: { latitude: 23.13, longitude: 113.26 } };

describe('actions offered', () => {
  it('offers blur only with faces and strip only with location or camera data', () => {
    expect(availableActions(verdict('high', 2))).toEqual(['blur', 'upload', 'cancel']);
    expect(availableActions(verdict('high', 1, GPS))).toEqual(['blur', 'strip', 'upload', 'cancel']);
    expect(availableActions(verdict('none', 0, { model: 'X' }))).toEqual(['strip', 'upload', 'cancel']);
    // A date alone is not worth a copy.
    expect(availableActions(verdict('high', 1, { takenAt: '2024:01:01 00:00:00' }))).not.toContain('strip');
  });

  it('maps an action chosen for all to what an image offers', () => {
    expect(fallbackAction('blur', ['strip', 'upload', 'cancel'])).toBe('strip');
    expect(fallbackAction('blur', ['upload', 'cancel'])).toBe('upload');
    expect(fallbackAction('strip', ['blur', 'upload', 'cancel'])).toBe('upload');
    expect(fallbackAction('cancel', ['upload', 'cancel'])).toBe('cancel');
  });
});

describe('words for the cover style', () => {
  const catalogs = loadCatalogs() as Record<string, Record<string, { message: string }>>;

  it('say "covered" for a solid fill and "blurred" for a blur, in every language', () => {
    expect(Object.keys(COVER_WORDS).sort()).toEqual([...BLUR_STYLES].sort());
    const fill = COVER_WORDS.fill;
    const blur = COVER_WORDS.blur;
    for (const [lang, catalog] of Object.entries(catalogs)) {
      for (const role of Object.keys(fill) as Array<keyof typeof fill>) {
        const a = catalog[fill[role]]?.message;
        const b = catalog[blur[role]]?.message;
        expect(a, `${lang} fill ${role}`).toBeTruthy();
        expect(b, `${lang} blur ${role}`).toBeTruthy();
        // Each role has its own text per style: the words never promise the other style's result.
        expect(a, `${lang} ${role}`).not.toBe(b);
      }
    }
    const en = (key: string) => catalogs.en![key]!.message;
    expect(en(fill.action)).toBe('Upload with faces covered');
    expect(en(blur.action)).toBe('Upload with faces blurred');
    for (const role of ['action', 'one', 'count'] as const) {
      expect(en(fill[role])).toMatch(/covered/);
      expect(en(blur[role])).toMatch(/blurred/);
      expect(catalogs.zh_CN![fill[role]]!.message).toMatch(/遮住/);
      expect(catalogs.zh_CN![blur[role]]!.message).toMatch(/模糊/);
      expect(catalogs.zh_TW![fill[role]]!.message).toMatch(/遮住/);
      expect(catalogs.zh_TW![blur[role]]!.message).toMatch(/模糊/);
    }
  });
});

describe('Choices', () => {
  it('defaults to the safest offered action with every face ticked', () => {
    const c = new Choices([img('a', verdict('high', 2)), img('b', verdict('none', 0, GPS))]);
    expect(c.decisions()).toEqual([
      { id: 'a', action: 'blur', faces: [0, 1] },
      { id: 'b', action: 'strip' },
    ]);
  });

  it('keeps un-ticked faces out of the blur decision', () => {
    const c = new Choices([img('a', verdict('high', 3))]);
    expect(c.toggleFace('a', 1)).toBe(false);
    expect(c.decisions()).toEqual([{ id: 'a', action: 'blur', faces: [0, 2] }]);
    expect(c.toggleFace('a', 1)).toBe(true);
    expect(c.toggleFace('a', 7)).toBe(false);
    expect(c.covered('a')).toEqual([0, 1, 2]);
  });

  it('sets one image or all, and decisionsForAll does the same', () => {
    const images = [img('a', verdict('high', 1)), img('b', verdict('high', 1, GPS))];
    const c = new Choices(images);
    c.set('a', 'upload');
    expect(c.decisions()[0]).toEqual({ id: 'a', action: 'upload' });
    c.setAll('strip');
    expect(c.decisions()).toEqual([
      { id: 'a', action: 'upload' },
      { id: 'b', action: 'strip' },
    ]);
    expect(decisionsForAll(images, 'cancel').map((d) => d.action)).toEqual(['cancel', 'cancel']);
    expect(() => c.set('zzz', 'upload')).toThrow();
  });
});

describe('identity documents', () => {
  const withDocument = (v: Verdict): Verdict => ({
    ...v,
    document: {
      kind: 'id-card',
      box: { x: 0, y: 0, width: 500, height: 300 },
      portrait: { x: 350, y: 40, width: 120, height: 160 },
      lines: [{ x: 40, y: 250, width: 260, height: 20 }],
      cover: [{ x: 350, y: 40, width: 120, height: 160 }],
      score: 0.9,
    },
  });

  it('offers cancelling first (the default), then the covered copy, then the original', () => {
    const doc = withDocument(verdict('high', 1, GPS));
    expect(availableActions(doc)).toEqual(['cancel', 'blur', 'upload']);
    expect(isDocumentOffer(availableActions(doc))).toBe(true);
    expect(isDocumentOffer(availableActions(verdict('high', 1)))).toBe(false);
    const c = new Choices([img('d', doc), img('f', verdict('high', 2))]);
    expect(c.decisions()).toEqual([
      { id: 'd', action: 'cancel' },
      { id: 'f', action: 'blur', faces: [0, 1] },
    ]);
    expect(anyDocument([img('d', doc)])).toBe(true);
    expect(anyDocument([img('f', verdict('high', 2))])).toBe(false);
  });

  it("says what the copy covers: the photo and number, or on an ID card's emblem side its fields", () => {
    const front = withDocument(verdict('high', 0));
    const back: Verdict = { ...front, document: { ...front.document!, kind: 'cn-id-back', portrait: null } };
    expect(documentCoverWords(front).action).toBe('warn_action_cover_document');
    const words = documentCoverWords(back);
    expect(words).toEqual({
      action: 'warn_action_cover_document_fields',
      choice: 'warn_choice_cover_document_fields',
      note: 'warn_document_fields_covered',
    });
    // Every locale has the words.
    const catalogs = loadCatalogs() as Record<string, Record<string, { message: string }>>;
    for (const [locale, catalog] of Object.entries(catalogs)) {
      for (const key of Object.values(words)) expect(catalog[key]?.message, `${locale} ${key}`).toBeTruthy();
    }
  });

  it('never uploads a document as it is when metadata removal is chosen for all', () => {
    const offered = availableActions(withDocument(verdict('high', 0)));
    expect(fallbackAction('strip', offered)).toBe('blur');
    expect(fallbackAction('blur', offered)).toBe('blur');
    expect(fallbackAction('upload', offered)).toBe('upload');
    // A face photo without metadata is still uploaded as it is.
    expect(fallbackAction('strip', availableActions(verdict('high', 1)))).toBe('upload');
  });
});

describe('thumbnail geometry', () => {
  it('scales down to fit, never up', () => {
    expect(thumbnailSize({ width: 1000, height: 500 }, { width: 180, height: 200 })).toEqual({
      width: 180,
      height: 90,
    });
    expect(thumbnailSize({ width: 600, height: 800 }, { width: 180, height: 200 })).toEqual({
      width: 150,
      height: 200,
    });
    expect(thumbnailSize({ width: 50, height: 40 }, { width: 180, height: 200 })).toEqual({
      width: 50,
      height: 40,
    });
    expect(thumbnailSize({ width: 0, height: 0 }, { width: 72, height: 72 })).toEqual({
      width: 72,
      height: 72,
    });
  });

  it('maps face boxes from image pixels to the thumbnail', () => {
    const image = { width: 600, height: 800 };
    const thumb = { width: 150, height: 200 };
    expect(faceRect({ x: 166, y: 132, width: 263, height: 263 }, image, thumb)).toEqual({
      x: 41.5,
      y: 33,
      width: 65.8,
      height: 65.8,
    });
  });

  it('grows tiny faces to a clickable size around their centre, inside the thumbnail', () => {
    const r = faceRect(
      { x: 0, y: 0, width: 20, height: 20 },
      { width: 1000, height: 1000 },
      { width: 100, height: 100 },
    );
    expect(r).toEqual({ x: 0, y: 0, width: 24, height: 24 });
    const mid = faceRect(
      { x: 500, y: 500, width: 20, height: 20 },
      { width: 1000, height: 1000 },
      { width: 100, height: 100 },
    );
    expect(mid).toEqual({ x: 39, y: 39, width: 24, height: 24 });
  });

  it('clips boxes that cross the edge and drops those outside', () => {
    expect(
      faceRect(
        { x: -50, y: 900, width: 200, height: 200 },
        { width: 1000, height: 1000 },
        { width: 100, height: 100 },
        0,
      ),
    ).toEqual({
      x: 0,
      y: 90,
      width: 15,
      height: 10,
    });
    expect(
      faceRect(
        { x: 2000, y: 0, width: 10, height: 10 },
        { width: 1000, height: 1000 },
        { width: 100, height: 100 },
      ),
    ).toBeNull();
    expect(
      faceRect({ x: 0, y: 0, width: 10, height: 10 }, { width: 0, height: 0 }, { width: 100, height: 100 }),
    ).toBeNull();
  });
});

describe('reasons and level', () => {
  it('splits face reasons from metadata lines, drops "no face", dedupes', () => {
    const v = verdict('none', 0, { ...GPS, make: 'Apple', model: 'iPhone 13 Pro Max' });
    v.reasons.push({ key: 'meta_gps', values: ['23.13° N, 113.26° E'] });
    const { face, metadata } = reasonsOf(v);
    expect(face).toEqual([]);
    expect(metadata).toEqual([
      { key: 'meta_gps', values: ['23.13° N, 113.26° E'] },
      { key: 'meta_camera', values: ['Apple iPhone 13 Pro Max'] },
    ]);
    expect(levelOf(v)).toBe('metadata');
    expect(levelOf(verdict('high', 1))).toBe('high');
    expect(levelOf(verdict('medium', 1))).toBe('medium');
  });
});

describe('keys and countdown', () => {
  it('maps the keyboard contract', () => {
    expect(shortcutFor({ key: 'Escape' })).toBe('cancel');
    expect(shortcutFor({ key: 'b' })).toBe('blur');
    expect(shortcutFor({ key: 'M' })).toBe('strip');
    expect(shortcutFor({ key: 'u' })).toBe('upload');
    expect(shortcutFor({ key: 'u', ctrlKey: true })).toBeNull();
    expect(shortcutFor({ key: 'Enter' })).toBeNull();
  });

  it('counts whole seconds down', () => {
    expect(secondsLeft(8000, 0)).toBe(8);
    expect(secondsLeft(8000, 7001)).toBe(1);
    expect(secondsLeft(8000, 9000)).toBe(0);
  });
});
