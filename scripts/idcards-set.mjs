// Writes the identity-document eval folder from ../shared/testdata/idcards (which has its own label
// format): OUT/labels.json in the eval format (`label` id-document / not-id-document) with a symlink to
// each picture, so `npm run eval -- OUT` reports doc_recall and doc_false_alarm on the specimens.
//   node scripts/idcards-set.mjs OUT
// The blank Chinese ID template is left out: it is what the made cards are composed from.
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/idcards-set.mjs OUT');
  process.exit(2);
}
const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/testdata/idcards');
const specimens = JSON.parse(readFileSync(join(src, 'labels.json'), 'utf8'));

/** The document kind of a specimen, from its folder kind and notes. */
function kindOf(s) {
  if (s.kind === 'passport-datapage') return 'passport';
  if (/visa/i.test(s.notes)) return 'visa';
  if (!s.has_portrait) return 'mrz-back';
  return 'id-card';
}

/** Source group: the issuer for PassportEye's specimens (file name carries it), else the repository. */
function groupOf(s) {
  const issuer = /_(?:pass2?|id|visa|card)-([a-z]+)\d*\.\w+$/.exec(s.file);
  // polx is Poland's older specimen; PassportEye's tests/data passports are ICAO's Utopia specimens.
  if (issuer) return `issuer:${issuer[1] === 'polx' ? 'pol' : issuer[1]}`;
  if (/passport-td\d/.test(s.file)) return 'issuer:uto';
  return s.source.split('@')[0];
}

mkdirSync(out, { recursive: true });
const labels = [];
for (const s of specimens) {
  if (s.kind === 'cn-id-front') continue;
  const doc = s.kind !== 'not-a-card-hard-negative';
  rmSync(join(out, s.file), { force: true });
  symlinkSync(join(src, s.file), join(out, s.file));
  labels.push({
    file: s.file,
    label: doc ? 'id-document' : 'not-id-document',
    kind: doc ? kindOf(s) : 'negative',
    has_portrait: s.has_portrait,
    source: s.source,
    group: doc ? groupOf(s) : s.source.split('@')[0],
    notes: s.notes,
  });
}
writeFileSync(join(out, 'labels.json'), `${JSON.stringify(labels, null, 1)}\n`);
console.log(`wrote ${labels.length} labels to ${out}`);
