// Writes a labelled folder of no-face images (drawings, cartoons, animals) from a folder of pictures, to
// measure false warnings beyond the dev set:
//   node scripts/no-face-set.mjs /usr/share/openclipart/png/people OUT [--long 1600]
// then `npm run eval -- OUT` (warn_on_no_face is the figure; the others stay 0). Each picture is flattened
// on white, scaled to the given long side (as a person would post a cartoon avatar, its face big) and saved
// as JPEG quality 85. Pictures the dev set already holds are skipped, so the figure is on unseen ones.
// Needs ImageMagick's `convert` (Debian package imagemagick); openclipart is Debian's openclipart-png.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [src, out] = process.argv.slice(2);
const longIndex = process.argv.indexOf('--long');
const long = longIndex > 0 ? Number(process.argv[longIndex + 1]) : 1600;
if (!src || !out || !(long > 0)) {
  console.error('usage: node scripts/no-face-set.mjs SRC_DIR OUT [--long PIXELS]');
  process.exit(2);
}
if (spawnSync('convert', ['-version']).status !== 0) {
  console.error('needs ImageMagick (apt-get install imagemagick)');
  process.exit(2);
}

const devLabels = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/testdata/faces/labels.json');
let inDev = new Set();
try {
  // Dev sources read "debian:package version:/path"; the path is what matters here.
  inDev = new Set(JSON.parse(readFileSync(devLabels, 'utf8')).map((l) => l.source.split(':').pop()));
} catch {
  console.warn(`dev labels not found (${devLabels}): no picture is skipped`);
}

mkdirSync(out, { recursive: true });
const written = [];
const files = readdirSync(src)
  .filter((f) => /\.(png|jpe?g|gif|webp)$/i.test(f))
  .sort();
for (const [i, name] of files.entries()) {
  const path = join(src, name);
  if (inDev.has(path)) continue;
  const file = `noface_${String(i).padStart(4, '0')}.jpg`;
  const args = [path, '-background', 'white', '-flatten', '-resize', `${long}x${long}`, '-quality', '85'];
  if (spawnSync('convert', [...args, join(out, file)], { stdio: 'ignore' }).status !== 0) {
    console.error(`skipped ${name}: convert failed`);
    continue;
  }
  written.push({ file, label: 'no-face', faces: [], source: path, notes: name });
  process.stdout.write(`\r${i + 1}/${files.length}`);
}
writeFileSync(join(out, 'labels.json'), `${JSON.stringify(written, null, 1)}\n`);
console.log(`\nwrote ${written.length} pictures and labels.json to ${out}`);
