// Writes a labelled folder of no-face images (drawings, cartoons, animals) from a folder of pictures, to
// measure false warnings beyond the dev set:
//   node scripts/no-face-set.mjs /usr/share/openclipart/png/people OUT [--long 1600]
// then `npm run eval -- OUT` (warn_on_no_face is the figure; the others stay 0). Each picture is flattened
// on white, scaled to the given long side (as a person would post a cartoon avatar, its face big) and saved
// as JPEG quality 85. Pictures the dev set already holds are skipped, so the figure is on unseen ones.
// Needs ImageMagick's `convert` (Debian package imagemagick); openclipart is Debian's openclipart-png.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireConvert, writeLabelledFolder } from './labelled-folder.mjs';

const [src, out] = process.argv.slice(2);
const longIndex = process.argv.indexOf('--long');
const long = longIndex > 0 ? Number(process.argv[longIndex + 1]) : 1600;
if (!src || !out || !(long > 0)) {
  console.error('usage: node scripts/no-face-set.mjs SRC_DIR OUT [--long PIXELS]');
  process.exit(2);
}
requireConvert();

const devLabels = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/testdata/faces/labels.json');
let inDev = new Set();
try {
  // Dev sources read "debian:package version:/path"; the path is what matters here.
  inDev = new Set(JSON.parse(readFileSync(devLabels, 'utf8')).map((l) => l.source.split(':').pop()));
} catch {
  console.warn(`dev labels not found (${devLabels}): no picture is skipped`);
}

const args = ['-background', 'white', '-flatten', '-resize', `${long}x${long}`, '-quality', '85'];
const files = readdirSync(src)
  .filter((f) => /\.(png|jpe?g|gif|webp)$/i.test(f))
  .sort();
writeLabelledFolder(
  out,
  files
    .map((name, i) => ({ name, path: join(src, name), file: `noface_${String(i).padStart(4, '0')}.jpg` }))
    .filter(({ path }) => !inDev.has(path))
    .map(({ name, path, file }) => ({
      input: path,
      args,
      label: { file, label: 'no-face', faces: [], source: path, notes: name },
    })),
);
