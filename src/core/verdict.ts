// The one result type of the local check, shared by the analyzer, the upload gate and the UI.
// Everything here is plain data (structured-clone and JSON safe): it crosses contexts.

export type Risk = 'high' | 'medium' | 'low' | 'none' | 'unknown';

export type Sensitivity = 'strict' | 'balanced' | 'relaxed';

/** A reason, as an i18n key plus the values its message needs (strings so any locale can format them). */
export interface Reason {
  key: string;
  values?: string[];
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface HeadPose {
  /** Degrees; positive = turned to the person's left (the nose moves to the image right). */
  yaw: number;
  /** Degrees; positive = looking up. */
  pitch: number;
  /** Degrees; positive = tilted clockwise as seen in the image. */
  roll: number;
}

export interface FaceMeasures {
  /** In original-image pixels (EXIF orientation applied). */
  box: Box;
  /** Detector confidence 0..1. */
  score: number;
  /** Face width in original pixels (from landmarks when present, else the box). */
  faceWidth: number;
  /** Distance between eye centres in original pixels. */
  eyeDistance: number;
  pose: HeadPose;
  /** Both eyes visible and open (0..1 openness of the less open eye). */
  eyesOpen: number;
  /** Resolution-normalised sharpness of the face region, 0..1 (1 = crisp). */
  sharpness: number;
  /** Mean luminance 0..1 and share of clipped pixels of the face region. */
  exposure: { mean: number; clipped: number };
  /** 0..1 share of the face that seems covered (mask, hand, bar, sunglasses). */
  occlusion: number;
  /** 0..1, how much the face looks like a photo of a real person (vs drawing, render, statue). */
  realness: number;
  /** 0..1, the learned photo-vs-art probability alone (1 when no trained model ran); part of realness. */
  photo: number;
  /** Share (0..1) of the eyes, nose and mouth inside the picture (below 1: cut by the border). */
  partsInside: number;
  /** Landmarks used for drawing and pose, in original pixels (a small subset, not the full mesh). */
  landmarks: Array<[number, number]>;
  /** Landmark-fit confidence 0..1 (FaceMesh face flag); 0 when no landmarks were fitted. */
  meshScore?: number;
  /** Raw measured cues behind sharpness/occlusion/realness, for diagnostics (names are not stable). */
  cues?: Record<string, number>;
}

export interface PhotoMetadata {
  gps: { latitude: number; longitude: number; altitude?: number } | null;
  /** EXIF orientation 1..8 when present. */
  orientation: number | null;
  make: string | null;
  model: string | null;
  /** As written by the camera, e.g. "2022:02:16 12:55:41". */
  takenAt: string | null;
}

/**
 * What kind of identity document: a passport data page (or a visa on one), an identity card (resident ID,
 * residence card, driving licence, other photo ID), or the back of a card that carries the holder's
 * machine-readable lines but no portrait.
 */
export type DocumentKind = 'passport' | 'id-card' | 'id-back' | 'cn-id-back';

/** An identity document found in the picture (original px, orientation applied). */
export interface DocumentFinding {
  kind: DocumentKind;
  /** Bounds of the document as far as it was found (portrait, text, machine-readable lines). */
  box: Box;
  /** The holder's portrait on it, head and shoulders; null on a side that carries none (a card's back). */
  portrait: Box | null;
  /** Lines that identify the holder: the machine-readable zone, the ID number. */
  lines: Box[];
  /** What the copy covers: the portrait and the identifying lines, grown to cover them whole. */
  cover: Box[];
  /** 0..1, the document model's confidence (1 when found from the machine-readable zone). */
  score: number;
}

export interface Verdict {
  risk: Risk;
  reasons: Reason[];
  faces: FaceMeasures[];
  /** An identity document in the picture, or null (also when the picture could not be checked). */
  document?: DocumentFinding | null;
  metadata: PhotoMetadata;
  /** Displayed size (orientation applied); 0 when undecodable. */
  width: number;
  height: number;
  timings: Record<string, number>;
}

export const NO_METADATA: PhotoMetadata = {
  gps: null,
  orientation: null,
  make: null,
  model: null,
  takenAt: null,
};
