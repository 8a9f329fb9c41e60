// The cross-validated figures: every training picture decided again by the extension's own rules
// (src/core/scores.ts and risk.ts, bundled) from its collected cues, with each face's photo probability
// and its parts' visibility replaced by what their held-out folds gave them (training/art/train.py and
// training/cover/train.py --cv). Prints per-set lines and, last, one
// JSON object with the figures of `npm run eval` over all pictures.
//   node training/node/cv-figures.mjs PHOTO_OOF.json PARTS_OOF.json CACHE_DIR [CACHE_DIR ...]
// Every picture's held-out verdict goes to cv-rows.json beside OOF.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { summarize } from '../../scripts/eval-summary.mjs';
import { loadBundle } from '../../scripts/node-check.mjs';

const [oofPath, partsPath, ...caches] = process.argv.slice(2);
const { decideRisk, faceScores, partCues } = await loadBundle('training/node/decide.ts');
const oof = JSON.parse(readFileSync(oofPath, 'utf8'));
const partsOof = JSON.parse(readFileSync(partsPath, 'utf8'));
const rows = [];
let notDecided = 0;
for (const cache of caches) {
  const { records } = JSON.parse(readFileSync(join(cache, 'faces.json'), 'utf8'));
  const setRows = [];
  for (const r of records) {
    if (r.error) {
      setRows.push({ ...r, risk: 'error', reasons: [] });
      continue;
    }
    const faces = [];
    let held = true;
    for (const f of r.faces) {
      const m = f.measures;
      if (f.crop < 0 || !m.cues) {
        faces.push(m);
        continue;
      }
      const photo = oof.photo[`${cache}#${f.crop}`];
      // Faces outside the pool (AI-made photoreal faces) have no held-out probability: their picture is
      // left out of the figures rather than decided with a model that saw it.
      if (photo === undefined) {
        held = false;
        break;
      }
      // Scored again from the cues: the scores' rules are part of what is measured here.
      const parts = partsOof.parts[`${cache}#${f.crop}`];
      const cues = { ...m.cues, photo, ...(parts ? partCues(parts) : {}) };
      faces.push({ ...m, cues, ...faceScores(cues) });
    }
    if (!held) {
      notDecided++;
      continue;
    }
    const { risk, reasons } = decideRisk(faces, r, 'balanced');
    setRows.push({
      set: r.set,
      file: r.file,
      label: r.label,
      class: r.class,
      kind: r.kind,
      group: r.group,
      notes: r.notes,
      risk,
      reasons: reasons.map((x) => x.key),
      faces: faces.map((m) => ({ ...m, landmarks: undefined })),
    });
  }
  console.log(`${cache.split('/').pop()}: ${JSON.stringify(summarize(setRows))}`);
  rows.push(...setRows);
}
console.log(`pictures left out (no held-out photo probability): ${notDecided}`);
writeFileSync(join(dirname(oofPath), 'cv-rows.json'), JSON.stringify(rows));
const { median_ms, p95_ms, ...figures } = summarize(rows);
console.log(JSON.stringify({ ...figures, photo_model: oof.summary, parts_model: partsOof.summary }));
