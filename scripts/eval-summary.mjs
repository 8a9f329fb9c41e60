// The figures of a labelled run of the check, shared by `npm run eval` (the extension in Chromium), the
// Node eval (scripts/eval-node.mjs) and the cross-validation (training/node/cv-figures.mjs), so every
// command reports the same figures the same way.
//
// Rows: {label?, class?, risk, reasons: string[], document?, ms?, error?}. Labels other than the dev set's
// three are skipped in the four face figures; art and photo rows (`class` art/photo as in artfaces, or
// `label` art / photo) feed the photo-vs-art figures, and clear-frontal / face-not-clear rows count as
// photos there. Rows that carry `document` (the kind of identity document found, or null) give the
// document figures: doc_recall over id-document rows, doc_false_alarm over not-id-document rows,
// doc_on_no_face and doc_on_face_photos over the dev set's no-face and face rows (null where a run has
// no such rows, or does not run the document step).

const share = (part, whole) => (whole ? Number((part / whole).toFixed(3)) : 0);
const warned = (r) => r.risk === 'high' || r.risk === 'medium';
const documentFound = (r) => r.document != null;
const FACE_LABELS = ['clear-frontal', 'face-not-clear'];

export const isArt = (r) => r.label === 'art' || r.class === 'art';
export const isPhoto = (r) =>
  r.label === 'photo' || r.class === 'photo' || r.label === 'clear-frontal' || r.label === 'face-not-clear';

export function summarize(rows) {
  const ok = rows.filter((r) => !r.error);
  const of = (label) => ok.filter((r) => r.label === label);
  const high = ok.filter(
    (r) => r.risk === 'high' && ['clear-frontal', 'face-not-clear', 'no-face'].includes(r.label),
  );
  const art = ok.filter(isArt);
  const photos = ok.filter(isPhoto);
  const times = ok
    .map((r) => r.ms)
    .filter((ms) => typeof ms === 'number')
    .sort((a, b) => a - b);
  const pct = (p) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0);
  const checked = ok.filter((r) => 'document' in r);
  const docShare = (test) => {
    const of = checked.filter(test);
    return of.length ? share(of.filter(documentFound).length, of.length) : null;
  };
  return {
    n: rows.length,
    recall_high: share(
      of('clear-frontal').filter((r) => r.risk === 'high').length,
      of('clear-frontal').length,
    ),
    precision_high: share(high.filter((r) => r.label === 'clear-frontal').length, high.length),
    high_on_face_not_clear: share(
      of('face-not-clear').filter((r) => r.risk === 'high').length,
      of('face-not-clear').length,
    ),
    warn_on_no_face: share(of('no-face').filter(warned).length, of('no-face').length),
    art_warned: share(art.filter(warned).length, art.length),
    photo_not_photo: share(
      photos.filter((r) => r.reasons.includes('reason_face_not_photo')).length,
      photos.length,
    ),
    doc_recall: docShare((r) => r.label === 'id-document'),
    doc_false_alarm: docShare((r) => r.label === 'not-id-document'),
    doc_on_no_face: docShare((r) => r.label === 'no-face'),
    doc_on_face_photos: docShare((r) => FACE_LABELS.includes(r.label)),
    n_art: art.length,
    n_photo: photos.length,
    errors: rows.filter((r) => r.error || r.risk === 'unknown').length,
    median_ms: pct(0.5),
    p95_ms: pct(0.95),
  };
}

/** Rows the check got wrong, for a short list under the summary. */
export function misses(rows) {
  return rows.filter(
    (r) =>
      r.error ||
      (r.label === 'clear-frontal' && r.risk !== 'high') ||
      ((r.label === 'face-not-clear' || r.label === 'no-face') && r.risk === 'high') ||
      (r.label === 'no-face' && r.risk === 'medium') ||
      (isArt(r) && warned(r)) ||
      (isPhoto(r) && r.reasons.includes('reason_face_not_photo')) ||
      (r.label === 'id-document' && !documentFound(r)) ||
      (r.label !== 'id-document' && documentFound(r)),
  );
}
