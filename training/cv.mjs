// `npm run cv`: the check's figures held out by source. Every learned part is trained on some sources and
// judged on the others (grouped k-fold), and the whole decision is made again on the held-out pictures.
// The last line is one JSON object: the figures of `npm run eval` (recall_high, precision_high,
// high_on_face_not_clear, warn_on_no_face, art_warned, photo_not_photo) over all training pictures, and
// the trained models' own held-out figures.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../scripts/node-check.mjs';
import { prepare } from './prepare.mjs';
import { CACHE } from './sets.mjs';

const caches = await prepare();
const photo = join(CACHE, 'photo-oof.json');
const parts = join(CACHE, 'parts-oof.json');
for (const [script, out] of [
  ['training/art/train.py', photo],
  ['training/cover/train.py', parts],
]) {
  execFileSync('/usr/bin/python3', [script, '--caches', ...caches, '--cv', out], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
execFileSync(process.execPath, ['training/node/cv-figures.mjs', photo, parts, ...caches], {
  cwd: ROOT,
  stdio: 'inherit',
});
