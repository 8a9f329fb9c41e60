import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readImageSize } from '../../src/core/image-size';
import { testdataDir } from './testdata';

describe('readImageSize', () => {
  it('reads PNG, GIF and BMP headers', () => {
    const png = PNG.sync.write(new PNG({ width: 321, height: 123 }));
    expect(readImageSize(new Uint8Array(png))).toEqual({ width: 321, height: 123 });
    const gif = new Uint8Array([...'GIF89a'].map((c) => c.charCodeAt(0)).concat([0x40, 0x01, 0x20, 0x00]));
    expect(readImageSize(gif)).toEqual({ width: 320, height: 32 });
    const bmp = new Uint8Array(30);
    bmp.set([0x42, 0x4d]);
    bmp.set([40], 14); // BITMAPINFOHEADER
    bmp.set([0x10, 0x00, 0x00, 0x00, 0xf0, 0xff, 0xff, 0xff], 18); // 16 wide, -16 (top-down) high
    expect(readImageSize(bmp)).toEqual({ width: 16, height: 16 });
  });

  it('reads a 20000x20000 PNG header without decoding it', () => {
    const header = new Uint8Array(PNG.sync.write(new PNG({ width: 1, height: 1 })));
    header.set([0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20], 16);
    expect(readImageSize(header)).toEqual({ width: 20000, height: 20000 });
  });

  it('returns null for garbage and cut-short headers', () => {
    expect(readImageSize(new Uint8Array(0))).toBeNull();
    expect(readImageSize(new TextEncoder().encode('this is text, not a jpeg'))).toBeNull();
    expect(readImageSize(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBeNull();
  });

  const { dir } = testdataDir('exif');
  it.skipIf(!dir)('reads the stored size of real camera JPEGs', () => {
    const labels = JSON.parse(readFileSync(`${dir}/labels.json`, 'utf8')) as Array<{
      file: string;
      format: string;
      orientation: number | null;
      width: number;
      height: number;
    }>;
    for (const label of labels.filter((l) => l.format === 'JPEG')) {
      const size = readImageSize(new Uint8Array(readFileSync(`${dir}/${label.file}`)));
      const stored =
        (label.orientation ?? 1) >= 5 ? [label.height, label.width] : [label.width, label.height];
      // labels give the size as exiftool reports the stored frame; either way the pixel count matches.
      expect(size && size.width * size.height, label.file).toBe(stored[0]! * stored[1]!);
    }
  });
});
