import { describe, expect, it } from 'vitest';
import { detectFileKind, isImageCandidate, kindFromNameOrMime, mimeForKind } from '../../src/core/file-kind';

const bytes = (...parts: Array<string | number[]>): Uint8Array => {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'string') for (const c of p) out.push(c.charCodeAt(0));
    else out.push(...p);
  }
  return new Uint8Array(out);
};

const ftyp = (major: string, ...compat: string[]) =>
  bytes([0, 0, 0, 16 + 4 * compat.length], 'ftyp', major, [0, 0, 0, 0], compat.join(''));

const samples = {
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF'),
  png: bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR'),
  gif: bytes('GIF89a', [1, 0, 1, 0]),
  webp: bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '),
  bmp: bytes('BM', [0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0]),
  heic: ftyp('heic', 'mif1', 'heic'),
  heif: ftyp('mif1', 'mif1'),
  avif: ftyp('avif', 'mif1', 'avif'),
  tiff: bytes('II*\0', [8, 0, 0, 0]),
  svg: bytes('\xef\xbb\xbf  <?xml version="1.0"?>\n<!-- x -->\n<svg xmlns="http://www.w3.org/2000/svg">'),
} as const;

describe('detectFileKind', () => {
  it.each(Object.entries(samples))('%s', (kind, data) => {
    expect(detectFileKind(data)).toBe(kind);
  });

  it('sees HEIC among compatible brands and ignores video', () => {
    expect(detectFileKind(ftyp('mif1', 'mif1', 'heic'))).toBe('heic');
    expect(detectFileKind(ftyp('MiHE', 'MiHB', 'heix'))).toBe('heic');
    expect(detectFileKind(ftyp('isom', 'isom', 'mp41'))).toBe('unknown');
    expect(detectFileKind(bytes('MM\0*'))).toBe('tiff');
  });

  it('returns unknown for other data', () => {
    expect(detectFileKind(new Uint8Array(0))).toBe('unknown');
    expect(detectFileKind(bytes('%PDF-1.7\n'))).toBe('unknown');
    expect(detectFileKind(bytes('BM hello, this is text not a bitmap'))).toBe('unknown');
    expect(detectFileKind(bytes('<html><body>svg</body></html>'))).toBe('unknown');
    expect(detectFileKind(bytes([0xff, 0xd8]))).toBe('unknown');
  });

  it('maps kinds to MIME types', () => {
    expect(mimeForKind('jpeg')).toBe('image/jpeg');
    expect(mimeForKind('unknown')).toBeNull();
  });
});

describe('isImageCandidate', () => {
  it('trusts magic bytes over name and type', () => {
    expect(isImageCandidate('IMG_0001.HEIC', '', samples.heic)).toBe(true);
    expect(isImageCandidate('blob', 'application/octet-stream', samples.jpeg)).toBe(true);
    expect(isImageCandidate('photo.jpg', 'image/jpeg', bytes('%PDF-1.7\n', new Array(40).fill(32)))).toBe(
      false,
    );
    expect(isImageCandidate('logo.svg', 'image/svg+xml', samples.svg)).toBe(false);
  });

  it('falls back to name and type without (enough) bytes', () => {
    expect(isImageCandidate('IMG_0001.HEIC', '')).toBe(true);
    expect(isImageCandidate('photo.jpeg', '')).toBe(true);
    expect(isImageCandidate('scan', 'image/png')).toBe(true);
    expect(isImageCandidate('icon.ico', 'image/x-icon')).toBe(false);
    expect(isImageCandidate('drawing.svg', '')).toBe(false);
    expect(isImageCandidate('report.pdf', 'application/pdf')).toBe(false);
    expect(isImageCandidate('photo.webp', '', new Uint8Array([1, 2]))).toBe(true);
  });

  it('guesses kinds from names and types', () => {
    expect(kindFromNameOrMime('a.JPG', '')).toBe('jpeg');
    expect(kindFromNameOrMime('a', 'image/heic')).toBe('heic');
    expect(kindFromNameOrMime('a.hif', '')).toBe('heif');
    expect(kindFromNameOrMime('a.txt', 'text/plain')).toBe('unknown');
  });
});
