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
