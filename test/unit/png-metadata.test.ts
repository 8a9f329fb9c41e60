import exifr from 'exifr/dist/full.esm.mjs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { buildOrientationTiff, crc32 } from '../../src/core/exif-orientation';
import {
  PngStructureError,
  parsePngChunks,
  readPngOrientation,
  stripPngMetadata,
} from '../../src/core/png-metadata';

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let k = 0; k < 4; k++) out[4 + k] = type.charCodeAt(k);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** A pngjs PNG with metadata chunks spliced in after IHDR, and trailing junk after IEND. */
function pngWithMetadata(): { original: Uint8Array; withMeta: Uint8Array } {
  const png = new PNG({ width: 8, height: 8 });
  for (let i = 0; i < png.data.length; i++) png.data[i] = (i * 37) & 0xff;
  const original = new Uint8Array(PNG.sync.write(png));
  const enc = new TextEncoder();
  const extra = [
    chunk('tEXt', enc.encode('Comment\0GPS 23.13 N 113.26 E')),
    chunk('iTXt', enc.encode('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>')),
    chunk('tIME', new Uint8Array([7, 230, 2, 16, 12, 55, 41])),
    chunk('eXIf', buildOrientationTiff(6)),
  ];
  const ihdrEnd = 8 + 12 + 13;
  const parts = [
    original.subarray(0, ihdrEnd),
    ...extra,
    original.subarray(ihdrEnd),
    new Uint8Array([9, 9, 9]),
  ];
  const withMeta = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    withMeta.set(p, at);
    at += p.length;
  }
  return { original, withMeta };
}

describe('stripPngMetadata', () => {
  it('drops text, time and EXIF chunks and keeps the others byte for byte', () => {
    const { original, withMeta } = pngWithMetadata();
    expect(readPngOrientation(withMeta)).toBe(6);
    const stripped = stripPngMetadata(withMeta, { orientation: 1 });
    expect(Buffer.from(stripped).equals(Buffer.from(original))).toBe(true);
    const decoded = PNG.sync.read(Buffer.from(stripped));
    expect(decoded.width).toBe(8);
  });

  it('writes back a lone orientation eXIf with a valid CRC', async () => {
    const { withMeta } = pngWithMetadata();
    const stripped = stripPngMetadata(withMeta);
    const types = parsePngChunks(stripped).map((c) => c.type);
    expect(types).toEqual(['IHDR', 'eXIf', 'IDAT', 'IEND']);
    expect(readPngOrientation(stripped)).toBe(6);
    // pngjs checks every CRC.
    expect(() => PNG.sync.read(Buffer.from(stripped))).not.toThrow();
    expect(new TextDecoder('latin1').decode(stripped)).not.toContain('GPS');
    expect(await exifr.orientation(stripped)).toBe(6);
  });

  it('rejects damaged files with a typed error', () => {
    const { withMeta } = pngWithMetadata();
    for (const cut of [0, 7, 8, 20, 40, withMeta.length - 10]) {
      expect(() => stripPngMetadata(withMeta.subarray(0, cut))).toThrow(PngStructureError);
    }
    const bad = withMeta.slice();
    bad[12] = 0x00; // IHDR type byte
    expect(() => stripPngMetadata(bad)).toThrow(PngStructureError);
    expect(readPngOrientation(bad)).toBeNull();
  });
});
