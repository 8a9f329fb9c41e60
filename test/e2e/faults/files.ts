// Files the fault tests and the soak offer, made at test time in temp folders (nothing big is
// committed): unique copies of a test photo (so every offered file has its own bytes and name, and
// what the page receives can be traced to what was offered), noise PNGs of any size, corrupt images.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { deflateSync } from 'node:zlib';

export const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * A copy of `source` under `name` whose bytes are its own: a few bytes appended after the image's
 * end (PNG after IEND, JPEG after EOI), which decoders ignore.
 */
export function uniqueCopy(dir: string, source: string, name: string): string {
  const path = join(dir, `${name}${extname(source)}`);
  writeFileSync(path, Buffer.concat([readFileSync(source), Buffer.from(`\n${name}\n`)]));
  return path;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * An RGB PNG of random noise (incompressible: the file is about width x height x 3 bytes), stored
 * without compression so even a 60 MB one is written in a moment.
 */
export function noisePng(dir: string, name: string, width: number, height: number): string {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = width * 3 + 1;
  const raw = randomBytes(row * height);
  for (let y = 0; y < height; y++) raw[y * row] = 0; // filter: none
  const path = join(dir, name);
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw, { level: 0 })),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
  return path;
}

/**
 * A copy of a JPEG with camera data added (an EXIF Make tag in a new APP1 segment after SOI), so a
 * warning about it offers "without location and camera data" too; the tail marks it as its own.
 */
export function withCameraData(dir: string, jpeg: string, name: string): string {
  const make = Buffer.from('FaceGuardTest\0', 'latin1');
  const tiff = Buffer.alloc(26);
  tiff.write('II*\0', 0, 'latin1');
  tiff.writeUInt32LE(8, 4); // IFD0 right after the header
  tiff.writeUInt16LE(1, 8); // one entry:
  tiff.writeUInt16LE(0x010f, 10); // Make
  tiff.writeUInt16LE(2, 12); // ASCII
  tiff.writeUInt32LE(make.length, 14);
  tiff.writeUInt32LE(26, 18); // its value follows the IFD
  tiff.writeUInt32LE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, make]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(payload.length + 2, 2);
  const bytes = readFileSync(jpeg);
  const path = join(dir, `${name}.jpg`);
  writeFileSync(
    path,
    Buffer.concat([bytes.subarray(0, 2), app1, payload, bytes.subarray(2), Buffer.from(`\n${name}\n`)]),
  );
  return path;
}

/** A file that claims to be a JPEG (name, magic bytes) but breaks off after its header. */
export function corruptJpeg(dir: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
      Buffer.from(`JFIF\0${name}`),
      randomBytes(64),
    ]),
  );
  return path;
}

/** A plain text file (not an image: passes untouched). */
export function textFile(dir: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, `not an image: ${name}\n`);
  return path;
}
