import { describe, expect, it } from 'vitest';
import { buildOrientationTiff, readTiffOrientation } from '../../src/core/exif-orientation';
import { findWebpExif, stripWebpMetadata, WebpStructureError } from '../../src/core/webp-metadata';

const enc = new TextEncoder();

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
  return concat([enc.encode(type), le32(data.length), data, new Uint8Array(data.length & 1)]);
}

function webp(chunks: Uint8Array[]): Uint8Array {
  const body = concat([enc.encode('WEBP'), ...chunks]);
  return concat([enc.encode('RIFF'), le32(body.length), body]);
}

const image = riffChunk('VP8L', new Uint8Array([0x2f, 1, 2, 3, 4, 5, 6]));

describe('stripWebpMetadata', () => {
  it('drops EXIF and XMP and clears their flags', () => {
    const vp8x = new Uint8Array(10);
    vp8x[0] = 0x08 | 0x04 | 0x10; // EXIF, XMP, alpha
    const input = webp([
      riffChunk('VP8X', vp8x),
      image,
      riffChunk('EXIF', buildOrientationTiff(1)),
      riffChunk('XMP ', enc.encode('<x:xmpmeta>GPS</x:xmpmeta>')),
    ]);
    const out = stripWebpMetadata(input);
    expect(out).toEqual(webp([riffChunk('VP8X', new Uint8Array([0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0])), image]));
    expect(findWebpExif(out)).toBeNull();
  });

  it('keeps orientation as a lone EXIF chunk', () => {
    const input = webp([
      riffChunk('VP8X', new Uint8Array([0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
      image,
      riffChunk('EXIF', buildOrientationTiff(8)),
    ]);
    const out = stripWebpMetadata(input);
    expect(readTiffOrientation(findWebpExif(out)!)).toBe(8);
    expect(out[12 + 8]! & 0x08).toBe(0x08);
  });

  it('leaves simple WebP alone and rejects damaged files', () => {
    const simple = webp([image]);
    expect(stripWebpMetadata(simple)).toEqual(simple);
    expect(() => stripWebpMetadata(new Uint8Array(10))).toThrow(WebpStructureError);
    const truncated = webp([riffChunk('VP8X', new Uint8Array(10)), image]).subarray(0, 30);
    expect(() => stripWebpMetadata(truncated)).toThrow(WebpStructureError);
  });
});
