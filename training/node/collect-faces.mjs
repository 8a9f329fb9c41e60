// Runs the extension's detector, mesh and measures over labelled folders and keeps, per face, what the
// learned parts train on: the measures, the full mesh (original px) and the face-look crop (the
// extension's own lookCrop).
//   node training/node/collect-faces.mjs OUT_DIR NAME=DIR [NAME=DIR ...]
// Writes OUT_DIR/faces.json (one record per picture), OUT_DIR/crops.u8 (LOOK_SIZE^2 x 3 per face) and
// OUT_DIR/mesh-inputs.u8 (what the final FaceMesh pass read, MESH_INPUT x MESH_INPUT x 3 per face).
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { loadBundle, nodeModels } from '../../scripts/node-check.mjs';
import { analysisImage, decodeFile, resize } from '../../scripts/node-images.mjs';
import { readSet } from './labelled-sets.mjs';

const MESH_INPUT = 192;

const [out, ...specs] = process.argv.slice(2);
if (!out || specs.length === 0) {
  console.error('usage: collect-faces.mjs OUT_DIR NAME=DIR [NAME=DIR ...]');
  process.exit(2);
}
const P = await loadBundle('training/node/pipeline.ts');
// Without the trained models: what they learn from is collected here, and they may not exist yet.
const models = { ...nodeModels, trainedBase: null };
mkdirSync(out, { recursive: true });
const cropsFd = openSync(join(out, 'crops.u8'), 'w');
const meshFd = openSync(join(out, 'mesh-inputs.u8'), 'w');
let cropCount = 0;
const records = [];
const round = (v, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

for (const spec of specs) {
  const [name, dir] = spec.split('=');
  const items = readSet(dir, name);
  let done = 0;
  for (const item of items) {
    const rec = { ...item, dir: undefined, width: 0, height: 0, faces: [], error: null };
    try {
      const img = decodeFile(join(dir, item.file));
      rec.width = img.width;
      rec.height = img.height;
      const scale0 = P.budgetScale(img.width, img.height);
      const small = analysisImage(item.file, img, scale0);
      const scale = img.width / small.width;
      const { faces: raw } = await P.detectFaces(small, models, scale);
      const plan = P.regionsToReread(raw, scale, img);
      const views = plan.map(
        (r) =>
          r && {
            img: resize(img, r.x, r.y, r.w, r.h, r.outW, r.outH),
            k: r.w / r.outW,
            ox: r.x,
            oy: r.y,
          },
      );
      const measured = P.measureFaces(raw, small, scale, views);
      const crops = P.lookCrops(raw, small, scale, views);
      raw.forEach((f, i) => {
        const m = measured[i];
        // The measures as the check sees them (the cross-validation decides again from them, with the
        // learned parts' held-out outputs), the full mesh and the index of the face's crops.
        const face = { measures: m, mesh: null, meshInInput: null, crop: -1 };
        if (f.mesh) {
          face.mesh = f.mesh.map(([x, y, z]) => [round(x * scale), round(y * scale), round(z * scale)]);
          // The same points where the final FaceMesh pass saw them: pixels of its input.
          const { cx, cy, side, angle } = f.meshFrame;
          const k = MESH_INPUT / side;
          face.meshInInput = f.mesh.map(([x, y]) => [
            round(((x - cx) * Math.cos(angle) + (y - cy) * Math.sin(angle)) * k + MESH_INPUT / 2),
            round((-(x - cx) * Math.sin(angle) + (y - cy) * Math.cos(angle)) * k + MESH_INPUT / 2),
          ]);
          writeSync(cropsFd, Uint8Array.from(crops[i]));
          const input = P.meshInput(small, f.meshFrame);
          if (input.length !== MESH_INPUT * MESH_INPUT * 3) throw new Error('unexpected mesh input size');
          writeSync(
            meshFd,
            Uint8Array.from(input, (x) => Math.round(x * 255)),
          );
          face.crop = cropCount++;
        }
        rec.faces.push(face);
      });
      const decided = P.decideRisk(measured, img, 'balanced');
      rec.risk = decided.risk;
      rec.reasons = decided.reasons.map((r) => r.key);
    } catch (error) {
      rec.error = String(error?.message ?? error);
    }
    records.push(rec);
    if (++done % 50 === 0) console.error(`${name}: ${done}/${items.length}`);
  }
}
closeSync(cropsFd);
closeSync(meshFd);
writeFileSync(
  join(out, 'faces.json'),
  JSON.stringify({ crop: P.LOOK_SIZE, cropEyes: P.LOOK_EYES, meshInput: MESH_INPUT, records }),
);
console.error(`${records.length} pictures, ${cropCount} face crops -> ${out}`);
