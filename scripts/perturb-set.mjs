// Writes a perturbed copy of a labelled photo folder, to measure how the check holds up on photos as
// people post them rather than as the dev set stores them:
//   node scripts/perturb-set.mjs SRC OUT --jpeg 70          re-saved as JPEG at quality 70
//   node scripts/perturb-set.mjs SRC OUT --smooth 5,12      skin smoothing as beauty apps do it
// then `npm run eval -- OUT`. Labels are copied with the new file names (faces keep their boxes: neither
// perturbation moves pixels). Needs ImageMagick's `convert` (Debian package imagemagick).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, parse } from 'node:path';

const [src, out, mode, value] = process.argv.slice(2);
if (!src || !out || !['--jpeg', '--smooth'].includes(mode ?? '') || !value) {
  console.error('usage: node scripts/perturb-set.mjs SRC OUT (--jpeg QUALITY | --smooth SIGMA,THRESHOLD%)');
  process.exit(2);
}
if (spawnSync('convert', ['-version']).status !== 0) {
  console.error('needs ImageMagick (apt-get install imagemagick)');
  process.exit(2);
}

/** ImageMagick arguments and output extension for one file. */
function plan() {
  if (mode === '--jpeg') {
    // Transparent PNGs are flattened on white, as a site shows them.
    return { args: ['-background', 'white', '-flatten', '-quality', value], ext: '.jpg' };
  }
  // An edge-preserving blur of low-contrast detail: smooths skin texture, keeps eyes, lids and lips.
  const [sigma, threshold] = value.split(',');
  return { args: ['-selective-blur', `0x${sigma}+${threshold ?? 10}%`], ext: '.png' };
}

const { args, ext } = plan();
const labels = JSON.parse(readFileSync(join(src, 'labels.json'), 'utf8'));
mkdirSync(out, { recursive: true });
const written = [];
for (const [i, entry] of labels.entries()) {
  const file = parse(entry.file).name + ext;
  const run = spawnSync('convert', [join(src, entry.file), ...args, join(out, file)], { stdio: 'ignore' });
  if (run.status !== 0) {
    console.error(`skipped ${entry.file}: convert failed`);
    continue;
  }
  written.push({ ...entry, file });
  process.stdout.write(`\r${i + 1}/${labels.length}`);
}
writeFileSync(join(out, 'labels.json'), `${JSON.stringify(written, null, 1)}\n`);
console.log(`\nwrote ${written.length} photos and labels.json to ${out}`);
