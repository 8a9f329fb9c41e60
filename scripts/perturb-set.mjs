// Writes a perturbed copy of a labelled photo folder, to measure how the check holds up on photos as
// people post them rather than as the dev set stores them:
//   node scripts/perturb-set.mjs SRC OUT --jpeg 70          re-saved as JPEG at quality 70
//   node scripts/perturb-set.mjs SRC OUT --smooth 5,12      skin smoothing as beauty apps do it
// then `npm run eval -- OUT`. Labels are copied with the new file names (faces keep their boxes: neither
// perturbation moves pixels). Needs ImageMagick's `convert` (Debian package imagemagick).
import { readFileSync } from 'node:fs';
import { join, parse } from 'node:path';
import { requireConvert, writeLabelledFolder } from './labelled-folder.mjs';

const [src, out, mode, value] = process.argv.slice(2);
if (!src || !out || !['--jpeg', '--smooth'].includes(mode ?? '') || !value) {
  console.error('usage: node scripts/perturb-set.mjs SRC OUT (--jpeg QUALITY | --smooth SIGMA,THRESHOLD%)');
  process.exit(2);
}
requireConvert();

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
writeLabelledFolder(
  out,
  labels.map((entry) => ({
    input: join(src, entry.file),
    args,
    label: { ...entry, file: parse(entry.file).name + ext },
  })),
);
