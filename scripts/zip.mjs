// Zips that come out byte for byte the same from the same files: entries sorted by path, '/' as the
// separator on every system, one fixed timestamp, no file modes or extra fields (fflate writes none).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';

// DOS time stamps are local time and fflate reads them with the local getters, so a date made from
// local fields gives 2000-01-01 00:00 in the archive whatever the time zone.
const ZIP_TIME = new Date(2000, 0, 1);

/** Every file below dir, as '/'-separated paths relative to it, sorted. */
export function listFiles(dir, base = dir) {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory()
        ? listFiles(path, base)
        : [relative(base, path).split(sep).join('/')];
    })
    .sort();
}

/** A deflated zip of [path, bytes] entries (paths '/'-separated), in sorted order. */
export function zipEntries(entries) {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const files = {};
  for (const [path, bytes] of sorted) {
    if (path in files) throw new Error(`zip: ${path} twice`);
    files[path] = [bytes, { mtime: ZIP_TIME }];
  }
  return zipSync(files, { level: 9 });
}

/** The zip of every file below dir. */
export function zipFolder(dir) {
  return zipEntries(listFiles(dir).map((path) => [path, readFileSync(join(dir, path))]));
}
