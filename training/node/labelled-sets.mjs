// Labelled picture folders as training sees them: one record per picture with its label, its class
// (photo / art / ai-photoreal) and the group it is validated by (its source: repository, package).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The group a picture is validated by: its repository or package, whatever path or derivation. */
export function sourceGroup(source) {
  const s = String(source ?? '').trim();
  const gh = /^github:([^@\s:]+\/[^@\s:]+)/.exec(s);
  if (gh) return `github:${gh[1].toLowerCase()}`;
  const npm = /^npm:((?:@[^/\s]+\/)?[^@\s:]+)/.exec(s);
  if (npm) return `npm:${npm[1].toLowerCase()}`;
  const deb = /^debian:(\S+)/.exec(s);
  if (deb) return `debian:${deb[1].toLowerCase()}`;
  return `other:${s.slice(0, 40)}`;
}

/** Dev-style label (clear-frontal / face-not-clear / no-face) of a record, when it has one. */
function devLabel(r) {
  if (['clear-frontal', 'face-not-clear', 'no-face'].includes(r.label)) return r.label;
  if (r.class === 'art') return 'no-face';
  return null;
}

/** Photo-vs-art class of a record: art when painted/drawn/rendered, photo when a real face is shown. */
function artClass(r) {
  if (r.class) return r.class;
  if (r.label === 'clear-frontal' || r.label === 'face-not-clear') return 'photo';
  // Dev no-face rows are paintings, statues, drawings, animals, landscapes: only the notes say which.
  return null;
}

export function readSet(dir, name) {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8'));
  return labels.map((r) => ({
    set: name,
    dir,
    file: r.file,
    label: devLabel(r),
    class: artClass(r),
    kind: r.kind ?? null,
    group: sourceGroup(r.source),
    notes: r.notes ?? '',
    // The faces the set boxed ([x, y, width, height] in the picture's pixels) and what covers each
    // (mask, sunglasses, hand, hair, cut), where it says: the part-visibility model's labels.
    labelledFaces: (r.faces ?? []).map((f) => ({ box: f.box, cover: f.cover ?? null })),
  }));
}
