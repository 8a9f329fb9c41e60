// Writes a perturbed copy of a labelled photo folder, to measure how the check holds up on photos as
// people post them rather than as the dev set stores them:
//   node scripts/perturb-set.mjs SRC OUT --jpeg 70          re-saved as JPEG at quality 70
//   node scripts/perturb-set.mjs SRC OUT --smooth 5,12      an edge-preserving blur of the whole picture
//   node scripts/perturb-set.mjs SRC OUT --skin-smooth 5,12 the same blur on skin-coloured pixels only
// then `npm run eval -- OUT`. Labels are copied with the new file names (faces keep their boxes: neither
// perturbation moves pixels). Needs ImageMagick's `convert` (Debian package imagemagick).
import { readFileSync } from 'node:fs';
import { join, parse } from 'node:path';
import { requireConvert, writeLabelledFolder } from './labelled-folder.mjs';

const [src, out, mode, value] = process.argv.slice(2);
if (!src || !out || !['--jpeg', '--smooth', '--skin-smooth'].includes(mode ?? '') || !value) {
  console.error(
    'usage: node scripts/perturb-set.mjs SRC OUT (--jpeg QUALITY | --smooth SIGMA,THRESHOLD% | --skin-smooth SIGMA,THRESHOLD%)',
  );
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
  const blur = ['-selective-blur', `0x${sigma}+${threshold ?? 10}%`];
  if (mode === '--smooth') return { args: blur, ext: '.png' };
  // Beauty apps smooth the skin and leave hair, clothes and background alone: the blurred copy is blended
  // in through a mask of skin-coloured pixels (Cb 77-127 and Cr 133-173 of 255, the range of Chai & Ngan
  // 1999), feathered by 2 px. The mask multiplies four thresholded planes (a value in range is white).
  const pct = (level) => `${((level / 255) * 100).toFixed(1)}%`;
  const skinMask = `( mpr:o -colorspace YCbCr -channel G -separate +channel -write mpr:cb +delete
      mpr:o -colorspace YCbCr -channel B -separate +channel -write mpr:cr +delete
      ( mpr:cb -threshold ${pct(77)} ) ( mpr:cb -threshold ${pct(127)} -negate ) -compose multiply -composite
      ( mpr:cr -threshold ${pct(133)} ) -compose multiply -composite
      ( mpr:cr -threshold ${pct(173)} -negate ) -compose multiply -composite -blur 0x2 )`;
  const args = `-background white -flatten -write mpr:o +delete mpr:o ( mpr:o ${blur.join(' ')} ) ${skinMask}`;
  return { args: [...args.split(/\s+/), '-compose', 'over', '-composite'], ext: '.png' };
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
