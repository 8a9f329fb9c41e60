// Rebuilds the gathered document pictures listed in gathered.json (identity-document specimens and
// card pictures from public repositories, byte-for-byte) from repository snapshots:
//   node training/documents/gather.mjs OUT MIRRORS
// MIRRORS holds one bare git directory per repository, named OWNER+NAME/repo (what the search tool's
// `fetch` leaves in /work/.mirror). OUT gets the pictures and labels.json in the eval format.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [out, mirrors] = process.argv.slice(2);
if (!out || !mirrors) {
  console.error('usage: node training/documents/gather.mjs OUT MIRRORS');
  process.exit(2);
}
const manifest = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'gathered.json'), 'utf8'),
);
mkdirSync(out, { recursive: true });
for (const row of manifest) {
  const [, repo, commit, path] = /^github:([^@]+)@([0-9a-f]{40}):(.+)$/.exec(row.source);
  const gitDir = join(mirrors, repo.replace('/', '+'), 'repo');
  writeFileSync(
    join(out, row.file),
    execFileSync('git', [`--git-dir=${gitDir}`, 'show', `${commit}:${path}`]),
  );
}
writeFileSync(join(out, 'labels.json'), `${JSON.stringify(manifest, null, 1)}\n`);
console.log(`wrote ${manifest.length} pictures to ${out}`);
