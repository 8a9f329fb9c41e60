import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../src/analysis/read-metadata';
import { modelWithoutMake } from '../../src/core/exif-meaning';
import { NO_METADATA } from '../../src/core/verdict';
import { testdataDir } from './testdata';

interface Label {
  file: string;
  gps: { lat: number; lon: number; alt_m?: number } | null;
  orientation: number | null;
  make: string;
  model: string;
  datetime_original: string;
}

const { dir, skipReason } = testdataDir('exif');
const labels: Label[] = dir ? JSON.parse(readFileSync(`${dir}labels.json`, 'utf8')) : [];

describe.skipIf(!dir)(`readMetadata on testdata/exif${skipReason ? ` (${skipReason})` : ''}`, () => {
  it('has both HEIC and JPEG samples', () => {
    expect(labels.filter((l) => l.file.endsWith('.heic'))).toHaveLength(2);
    expect(labels.length).toBeGreaterThanOrEqual(12);
  });

  it.each(labels.map((l) => [l.file, l] as const))('%s matches labels.json', async (_file, label) => {
    const buffer = readFileSync(`${dir}${label.file}`);
    const meta = await readMetadata(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length));
    if (label.gps) {
      expect(meta.gps).not.toBeNull();
      expect(meta.gps!.latitude).toBeCloseTo(label.gps.lat, 5);
      expect(meta.gps!.longitude).toBeCloseTo(label.gps.lon, 5);
      if (label.gps.alt_m !== undefined)
        expect(Math.abs(meta.gps!.altitude! - label.gps.alt_m)).toBeLessThan(0.5);
    } else {
      expect(meta.gps).toBeNull();
    }
    expect(meta.orientation).toBe(label.orientation);
    expect(meta.make).toBe(label.make);
    // PhotoMetadata never repeats the make in the model ("Canon" + "PowerShot SX60 HS").
    expect(meta.model).toBe(modelWithoutMake(label.make, label.model));
    expect(meta.takenAt).toBe(label.datetime_original);
  });

  it('accepts an ArrayBuffer', async () => {
    const buffer = readFileSync(`${dir}exif_03.jpg`);
    const ab = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.length) as ArrayBuffer;
    expect((await readMetadata(ab)).make).toBe('NIKON');
  });
});

describe('readMetadata on bad input', () => {
  it('returns NO_METADATA and never throws', async () => {
    expect(await readMetadata(new Uint8Array(0))).toEqual(NO_METADATA);
    expect(await readMetadata(new Uint8Array([1, 2, 3, 4, 5]))).toEqual(NO_METADATA);
    expect(await readMetadata(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x40, 0x45, 0x78]))).toEqual(
      NO_METADATA,
    );
    expect(await readMetadata(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual(
      NO_METADATA,
    );
  });

  it('reads GPS from a WebP EXIF chunk', async () => {
    // A WebP whose EXIF chunk is a tiny TIFF with a GPS IFD (built by hand: exifr does not read WebP).
    const tiff = buildGpsTiff(23.5, 113.25);
    const vp8l = new Uint8Array([0x2f, 0, 0, 0, 0]); // VP8L header stub: enough for the container walk
    const chunks = [
      riffChunk('VP8X', new Uint8Array([0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
      riffChunk('VP8L', vp8l),
      riffChunk('EXIF', tiff),
    ];
    const body = concat([new TextEncoder().encode('WEBP'), ...chunks]);
    const file = concat([new TextEncoder().encode('RIFF'), le32(body.length), body]);
    const meta = await readMetadata(file);
    expect(meta.gps?.latitude).toBeCloseTo(23.5, 6);
    expect(meta.gps?.longitude).toBeCloseTo(113.25, 6);
  });
});

function le32(v: number): Uint8Array {
  return new Uint8Array([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function riffChunk(type: string, data: Uint8Array): Uint8Array {
  return concat([new TextEncoder().encode(type), le32(data.length), data, new Uint8Array(data.length & 1)]);
}

/** Little-endian TIFF: IFD0 -> GPS IFD with lat/lon refs and rationals. */
function buildGpsTiff(lat: number, lon: number): Uint8Array {
  const b = new Uint8Array(200);
  const v = new DataView(b.buffer);
  b.set([0x49, 0x49, 42, 0]);
  v.setUint32(4, 8, true);
  // IFD0 at 8: one entry GPSInfo (0x8825, LONG) -> 26
  v.setUint16(8, 1, true);
  v.setUint16(10, 0x8825, true);
  v.setUint16(12, 4, true);
  v.setUint32(14, 1, true);
  v.setUint32(18, 26, true);
  v.setUint32(22, 0, true);
  // GPS IFD at 26: 4 entries, then next 0; rationals at 80 and 104
  const entries: Array<[number, number, number, number]> = [
    [1, 2, 2, 0x4e], // GPSLatitudeRef "N"
    [2, 5, 3, 80],
    [3, 2, 2, 0x45], // GPSLongitudeRef "E"
    [4, 5, 3, 104],
  ];
  v.setUint16(26, entries.length, true);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 28 + i * 12;
    v.setUint16(at, tag, true);
    v.setUint16(at + 2, type, true);
    v.setUint32(at + 4, count, true);
    v.setUint32(at + 8, value, true);
  });
  v.setUint32(28 + entries.length * 12, 0, true);
  const dms = (deg: number, at: number) => {
    const d = Math.floor(deg);
    const m = Math.floor((deg - d) * 60);
    const s = Math.round(((deg - d) * 60 - m) * 60 * 1000);
    for (const [i, x] of [d, 1, m, 1, s, 1000].entries()) v.setUint32(at + i * 4, x, true);
  };
  dms(lat, 80);
  dms(lon, 104);
  return b.subarray(0, 128);
}
