import { readFileSync } from 'node:fs';
import exifr from 'exifr/dist/full.esm.mjs';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../src/analysis/read-metadata';
import { readTiffOrientation } from '../../src/core/exif-orientation';
import {
  JpegStructureError,
  jpegScanData,
  orientationApp1,
  parseJpegLayout,
  readJpegOrientation,
  stripJpegMetadata,
} from '../../src/core/jpeg-metadata';
import { testdataDir } from './testdata';

const { dir, skipReason } = testdataDir('exif');
const jpegs: Array<{ file: string; orientation: number | null }> = dir
  ? JSON.parse(readFileSync(`${dir}labels.json`, 'utf8')).filter((l: { file: string }) =>
      l.file.endsWith('.jpg'),
    )
  : [];

function load(file: string): Uint8Array {
  const b = readFileSync(`${dir}${file}`);
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

function equalBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  return a !== null && b !== null && a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

describe.skipIf(!dir)(`stripJpegMetadata on testdata/exif${skipReason ? ` (${skipReason})` : ''}`, () => {
  it.each(jpegs.map((l) => [l.file, l] as const))('%s', async (file, label) => {
    const original = load(file);
    const stripped = stripJpegMetadata(original);
    expect(stripped.length).toBeLessThan(original.length);
    // Image data byte-identical.
    const scan = jpegScanData(original);
    expect(scan!.length).toBeGreaterThan(1000);
    expect(equalBytes(jpegScanData(stripped), scan)).toBe(true);
    // Nothing private left for any reader.
    const meta = await readMetadata(stripped);
    expect(meta.gps).toBeNull();
    expect(meta.make).toBeNull();
    expect(meta.model).toBeNull();
    expect(meta.takenAt).toBeNull();
    const everything = await exifr.parse(stripped, true).catch(() => undefined);
    expect(everything?.latitude).toBeUndefined();
    expect(everything?.Make).toBeUndefined();
    // Orientation kept where it matters, nothing otherwise.
    const expected = label.orientation !== null && label.orientation !== 1 ? label.orientation : null;
    expect(meta.orientation).toBe(expected);
    expect(readJpegOrientation(stripped)).toBe(expected);
    // Only JFIF/ICC/Adobe and the lone orientation APP1 may remain among APPn; no COM.
    for (const s of parseJpegLayout(stripped).segments) {
      expect(s.marker).not.toBe(0xfe);
      if (s.marker === 0xe1) expect(s.end - s.start).toBe(36);
      if (s.marker >= 0xe3 && s.marker <= 0xef) expect(s.marker).toBe(0xee);
    }
    // Stripping twice changes nothing more.
    expect(equalBytes(stripJpegMetadata(stripped), stripped)).toBe(true);
  });

  it('still decodes to the same pixels', () => {
    const original = load('exif_03.jpg');
    const a = jpeg.decode(original, { useTArray: true });
    const b = jpeg.decode(stripJpegMetadata(original), { useTArray: true });
    expect(b.width).toBe(a.width);
    expect(equalBytes(new Uint8Array(b.data), new Uint8Array(a.data))).toBe(true);
  });

  it('drops everything after EOI', () => {
    const original = load('exif_05.jpg');
    const withTrailer = new Uint8Array(original.length + 5);
    withTrailer.set(original);
    withTrailer.set([1, 2, 3, 4, 5], original.length);
    const stripped = stripJpegMetadata(withTrailer);
    expect(stripped[stripped.length - 2]).toBe(0xff);
    expect(stripped[stripped.length - 1]).toBe(0xd9);
  });

  it('honours an explicit orientation', () => {
    const original = load('exif_05.jpg');
    expect(readJpegOrientation(stripJpegMetadata(original, { orientation: 1 }))).toBeNull();
    expect(readJpegOrientation(stripJpegMetadata(original, { orientation: 8 }))).toBe(8);
    expect(readJpegOrientation(stripJpegMetadata(original, { orientation: null }))).toBeNull();
  });

  it('does not hang or fail unexpectedly on truncated or damaged copies', () => {
    const original = load('exif_07.jpg');
    const scanStart = parseJpegLayout(original).scanStart;
    const cuts = [
      0,
      1,
      2,
      3,
      4,
      10,
      100,
      1000,
      scanStart - 1,
      scanStart,
      scanStart + 50,
      original.length - 1,
    ];
    for (const cut of cuts) {
      const part = original.subarray(0, Math.max(0, cut));
      try {
        const out = stripJpegMetadata(part);
        // Cut inside the image data: a (truncated) copy is still produced, with no metadata.
        expect(cut).toBeGreaterThanOrEqual(scanStart);
        expect(out.length).toBeLessThanOrEqual(part.length);
      } catch (error) {
        expect(error).toBeInstanceOf(JpegStructureError);
      }
    }
    let seed = 1;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 16;
    };
    for (let round = 0; round < 300; round++) {
      const damaged = original.slice(0, 4000);
      for (let k = 0; k < 8; k++) damaged[rand() % 4000] = rand() & 0xff;
      try {
        stripJpegMetadata(damaged);
      } catch (error) {
        expect(error).toBeInstanceOf(JpegStructureError);
      }
    }
    const garbage = new Uint8Array(5000).map(() => rand() & 0xff);
    expect(() => stripJpegMetadata(garbage)).toThrow(JpegStructureError);
    expect(() => stripJpegMetadata(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x01]))).toThrow(
      JpegStructureError,
    );
    expect(() => stripJpegMetadata(new Uint8Array([0xff, 0xd8, 0xff, 0xff, 0xff]))).toThrow(
      JpegStructureError,
    );
    expect(readJpegOrientation(garbage)).toBeNull();
    expect(jpegScanData(garbage)).toBeNull();
  });
});

describe('orientation APP1', () => {
  it('holds exactly the orientation', () => {
    for (let o = 1; o <= 8; o++) {
      const seg = orientationApp1(o);
      expect(seg.length).toBe(36);
      expect(readTiffOrientation(seg.subarray(10))).toBe(o);
    }
    expect(() => orientationApp1(9)).toThrow(RangeError);
  });

  it('is read by exifr', async () => {
    // Smallest JPEG made by jpeg-js, with the orientation segment added.
    const encoded = jpeg.encode(
      { data: new Uint8Array(16 * 16 * 4).fill(200), width: 16, height: 16 },
      90,
    ).data;
    const oriented = stripJpegMetadata(new Uint8Array(encoded), { orientation: 3 });
    expect(await exifr.orientation(oriented)).toBe(3);
    expect(equalBytes(jpegScanData(oriented), jpegScanData(new Uint8Array(encoded)))).toBe(true);
  });
});
