// The labelled picture folders training learns from and is cross-validated on. None of the pictures is in
// the repository: the shared test data is read where it lies, gathered sets are rebuilt from their
// manifests (training/data/<set>/) into FACEGUARD_DATA (default: a `data` folder beside the repository).
// The dev set (../shared/testdata/faces) is not here: it is the final report, never trained or tuned on.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from '../scripts/node-check.mjs';

export const DATA = resolve(process.env.FACEGUARD_DATA ?? join(ROOT, '../data'));
export const SHARED = resolve(ROOT, '../shared/testdata');
/** Derived files (decoded faces, features): rebuilt whenever a set's labels change. */
export const CACHE = join(DATA, 'cache');

export const TRAINING_SETS = [
  { name: 'artfaces', dir: join(SHARED, 'artfaces') },
  { name: 'artfaces2', dir: join(DATA, 'artfaces2') },
  { name: 'debian-art', dir: join(DATA, 'debian-art') },
  { name: 'hardfaces', dir: join(DATA, 'hardfaces') },
  { name: 'photos2', dir: join(DATA, 'photos2') },
];

/** The sets that are there; a missing one is named, so a figure never silently stands on less data. */
export function availableSets() {
  const missing = TRAINING_SETS.filter((s) => !existsSync(join(s.dir, 'labels.json')));
  for (const s of missing)
    console.error(`training set ${s.name} not found at ${s.dir} (see training/README.md)`);
  return TRAINING_SETS.filter((s) => !missing.includes(s));
}
