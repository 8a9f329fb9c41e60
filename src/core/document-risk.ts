// The risk of an identity document in a picture (pure), composed with the face decision by risk.ts.
//
// A document with the holder's portrait is high risk whatever the portrait's size: it is the "查头"
// material itself (a portrait tied to a name and an ID number), and a small portrait is restored and
// enlarged before it is animated. A back side without a portrait is high too when it carries the
// machine-readable lines: they spell the holder's name, document number and date of birth, the key that
// unlocks 查头. So is the emblem side of a Chinese resident ID card: it is half of the pair of pictures
// that the 查头 trade deals in, and names the police office that issued the card.
import type { DocumentFinding, Reason, Risk } from './verdict';

const REASON: Record<DocumentFinding['kind'], string> = {
  passport: 'reason_document_passport',
  'id-card': 'reason_document_id_card',
  'id-back': 'reason_document_back',
  'cn-id-back': 'reason_document_cn_back',
};

export function documentDecision(document: DocumentFinding): { risk: Risk; reasons: Reason[] } {
  return { risk: 'high', reasons: [{ key: REASON[document.kind] }] };
}

/**
 * The face decision with a document taken into account: the document's reason first; the faces'
 * reasons stay only when they are high on their own (another clear face beside the document, such as
 * the person holding it up), since what they say about the portrait (small, not a photo) no longer
 * matters once it is known to be on an identity document.
 */
export function withDocument(
  faces: { risk: Risk; reasons: Reason[] },
  document: DocumentFinding | null | undefined,
): { risk: Risk; reasons: Reason[] } {
  if (!document || faces.risk === 'unknown') return faces;
  const doc = documentDecision(document);
  return {
    risk: doc.risk,
    reasons: [...doc.reasons, ...(faces.risk === 'high' ? faces.reasons : [])],
  };
}
