// `npm run train`: trains the photo-vs-art and part-visibility models on every training source and
// writes them where the build takes them from (models/photo-art.*, models/face-look.*, models/face-parts.json).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../scripts/node-check.mjs';
import { prepare } from './prepare.mjs';

const caches = await prepare();
for (const script of ['training/art/train.py', 'training/cover/train.py']) {
  execFileSync('/usr/bin/python3', [script, '--caches', ...caches, '--export', join(ROOT, 'models')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
