// The lossless paths of the copy makers need no canvas, so they run in Node; re-encoding and
// covering need OffscreenCanvas and are exercised in the browser tests.
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../src/analysis/read-metadata';
import { renameForKind, SaferCopyError, stripMetadata } from '../../src/analysis/safer-copy';
import { jpegScanData } from '../../src/core/jpeg-metadata';
import { testdataDir } from './testdata';

const { dir, skipReason } = testdataDir('exif');

describe.skipIf(!dir)(`stripMetadata on JPEG${skipReason ? ` (${skipReason})` : ''}`, () => {
  it('is lossless, keeps name and type, removes GPS', async () => {
    const b = readFileSync(`${dir}exif_07.jpg`);
    const input = new Uint8Array(b.buffer, b.byteOffset, b.length);
    const copy = await stripMetadata(input, 'image/jpeg', 'IMG_0042.JPG');
    expect(copy).toMatchObject({ type: 'image/jpeg', name: 'IMG_0042.JPG', lossless: true });
    expect(Buffer.from(jpegScanData(copy.bytes)!).equals(Buffer.from(jpegScanData(input)!))).toBe(true);
    expect((await readMetadata(copy.bytes)).gps).toBeNull();
  });
});

describe('stripMetadata', () => {
  it('handles PNG losslessly, sniffing the type when the site gives none', async () => {
    const png = new PNG({ width: 4, height: 4 });
    const bytes = new Uint8Array(PNG.sync.write(png));
    const copy = await stripMetadata(bytes.buffer as ArrayBuffer, '', 'shot.png');
    expect(copy).toMatchObject({ type: 'image/png', name: 'shot.png', lossless: true });
    expect(copy.bytes).toEqual(bytes);
  });

  it('turns damaged and unsupported files into SaferCopyError', async () => {
    const damaged = new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x10, 0x00, 1, 2, 3]);
    await expect(stripMetadata(damaged, 'image/jpeg', 'a.jpg')).rejects.toMatchObject({
      name: 'SaferCopyError',
      reason: 'corrupt',
    });
    await expect(
      stripMetadata(new TextEncoder().encode('GIF89a....'), 'image/gif', 'a.gif'),
    ).rejects.toBeInstanceOf(SaferCopyError);
    await expect(stripMetadata(new Uint8Array(64), '', 'a.bin')).rejects.toMatchObject({
      reason: 'unsupported',
    });
  });

  it('renames only the extension', () => {
    expect(renameForKind('IMG_1.HEIC', 'jpeg')).toBe('IMG_1.jpg');
    expect(renameForKind('my.photo.avif', 'png')).toBe('my.photo.png');
    expect(renameForKind('noext', 'jpeg')).toBe('noext.jpg');
    expect(renameForKind('.hidden', 'png')).toBe('.hidden.png');
  });
});
