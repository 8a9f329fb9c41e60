import { describe, expect, it } from 'vitest';
import { misses, summarize } from '../../scripts/eval-summary.mjs';

const row = (label: string, document: string | null | undefined, risk = 'none') => ({
  file: `${label}-${document}`,
  label,
  risk,
  reasons: [] as string[],
  ...(document === undefined ? {} : { document }),
});

describe('eval summary: document figures', () => {
  it('gives doc_recall, doc_false_alarm and the document alarms on the dev set', () => {
    const s = summarize([
      row('id-document', 'passport', 'high'),
      row('id-document', 'id-card', 'high'),
      row('id-document', null),
      row('not-id-document', null),
      row('not-id-document', null),
      row('not-id-document', null),
      row('not-id-document', 'id-card', 'high'),
      row('no-face', null),
      row('clear-frontal', 'id-card', 'high'),
      row('clear-frontal', null, 'high'),
    ]);
    expect(s.doc_recall).toBe(0.667);
    expect(s.doc_false_alarm).toBe(0.25);
    expect(s.doc_on_no_face).toBe(0);
    expect(s.doc_on_face_photos).toBe(0.5);
    // Document rows stay out of the face figures.
    expect(s.recall_high).toBe(1);
  });

  it('gives null document figures for rows without the document step or without such labels', () => {
    const s = summarize([row('no-face', undefined), row('clear-frontal', undefined, 'high')]);
    expect([s.doc_recall, s.doc_false_alarm, s.doc_on_no_face, s.doc_on_face_photos]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('lists a missed document and a document found where there is none', () => {
    const listed = misses([
      row('id-document', null),
      row('id-document', 'passport', 'high'),
      row('not-id-document', 'id-card', 'high'),
      row('not-id-document', null),
      row('clear-frontal', 'id-card', 'high'),
    ]).map((r: { file: string }) => r.file);
    expect(listed).toEqual(['id-document-null', 'not-id-document-id-card', 'clear-frontal-id-card']);
  });
});
