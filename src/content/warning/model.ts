// Pure logic of the warning UI (no DOM): what each image offers, the person's choices, and where face
// outlines go on a thumbnail. Kept apart so it is unit-tested in Node.
import { metadataReasons } from '../../core/exif-meaning';
import type { BlurStyle } from '../../core/settings';
import type { Box, Reason, Verdict } from '../../core/verdict';
import type { HeldImage, ImageAction, ImageDecision } from '../decision';

/** The actions one image offers, in the order they are shown. An identity document offers cancelling
 * first (its default), then a copy with its portrait and identifying lines covered, then the original. */
export function availableActions(verdict: Verdict): ImageAction[] {
  if (verdict.document) return ['cancel', 'blur', 'upload'];
  const actions: ImageAction[] = [];
  if (verdict.faces.length > 0) actions.push('blur');
  if (hasStrippableMetadata(verdict)) actions.push('strip');
  actions.push('upload', 'cancel');
  return actions;
}

/** "Upload without location and camera data" is offered only when there is location or camera data. */
export function hasStrippableMetadata(verdict: Verdict): boolean {
  const m = verdict.metadata;
  return m.gps !== null || m.make !== null || m.model !== null;
}

/** Whether these are an identity document's actions (they start with cancelling: availableActions). */
export function isDocumentOffer(offered: readonly ImageAction[]): boolean {
  return offered[0] === 'cancel';
}

/**
 * What an action chosen for all images means for one image that does not offer it: blurring an image
 * without faces removes its metadata instead (if any), removing metadata from an image without any is
 * uploading it as it is.
 */
export function fallbackAction(action: ImageAction, offered: readonly ImageAction[]): ImageAction {
  if (offered.includes(action)) return action;
  if (action === 'blur' && offered.includes('strip')) return 'strip';
  // An identity document never goes out as it is for want of a metadata copy: its covered copy carries
  // no metadata either.
  if (action === 'strip' && isDocumentOffer(offered) && offered.includes('blur')) return 'blur';
  return action === 'cancel' ? 'cancel' : 'upload';
}

/** The safe default for an image: cancel an identity document, blur faces, else remove its metadata,
 * else upload it. */
export function defaultAction(offered: readonly ImageAction[]): ImageAction {
  return offered[0] ?? 'upload';
}

/** Message keys of every text that says what happens to a face in the safer copy. */
export interface CoverWords {
  /** The one-image button ("Upload with faces covered"). */
  action: string;
  /** The button for every image at once. */
  all: string;
  /** A per-image choice. */
  choice: string;
  /** Accessible name of a face outline's toggle ($1 = face number). */
  toggle: string;
  /** Under the thumbnail: the one face will be changed. */
  one: string;
  /** Under the thumbnail: $1 of $2 faces will be changed. */
  count: string;
  /** How to leave a face as it is. */
  hint: string;
}

/**
 * The words follow the cover style the copy will be made with, so a button never promises a blur and
 * delivers a grey shape: 'fill' faces are covered, 'blur' faces are blurred.
 */
export const COVER_WORDS: Readonly<Record<BlurStyle, CoverWords>> = {
  fill: {
    action: 'warn_action_fill',
    all: 'warn_all_fill',
    choice: 'warn_choice_fill',
    toggle: 'warn_face_toggle',
    one: 'warn_face_one_covered',
    count: 'warn_faces_count',
    hint: 'warn_faces_hint',
  },
  blur: {
    action: 'warn_action_blur',
    all: 'warn_all_blur',
    choice: 'warn_choice_blur',
    toggle: 'warn_face_toggle_blur',
    one: 'warn_face_one_blurred',
    count: 'warn_faces_count_blurred',
    hint: 'warn_faces_hint_blur',
  },
};

export interface ImageChoice {
  id: string;
  offered: ImageAction[];
  action: ImageAction;
  /** One flag per verdict.faces entry: true = covered in the blurred copy. */
  faces: boolean[];
}

/** The person's choices for one dialog, one per image, in the order the images came. */
export class Choices {
  readonly items: ImageChoice[];

  constructor(images: readonly HeldImage[]) {
    this.items = images.map((image) => {
      const offered = availableActions(image.verdict);
      return {
        id: image.id,
        offered,
        action: defaultAction(offered),
        faces: image.verdict.faces.map(() => true),
      };
    });
  }

  get(id: string): ImageChoice {
    const item = this.items.find((i) => i.id === id);
    if (!item) throw new Error(`unknown image ${id}`);
    return item;
  }

  set(id: string, action: ImageAction): void {
    const item = this.get(id);
    item.action = fallbackAction(action, item.offered);
  }

  setAll(action: ImageAction): void {
    for (const item of this.items) item.action = fallbackAction(action, item.offered);
  }

  /** Flips one face's tick; returns the new state. */
  toggleFace(id: string, index: number): boolean {
    const faces = this.get(id).faces;
    if (index < 0 || index >= faces.length) return false;
    faces[index] = !faces[index];
    return faces[index]!;
  }

  covered(id: string): number[] {
    return this.get(id).faces.flatMap((on, i) => (on ? [i] : []));
  }

  decisions(): ImageDecision[] {
    return this.items.map((item) =>
      item.action === 'blur'
        ? { id: item.id, action: 'blur', faces: this.covered(item.id) }
        : { id: item.id, action: item.action },
    );
  }
}

/** Every image with the same action (Escape, the notice's timeout, "same for all"). */
export function decisionsForAll(images: readonly HeldImage[], action: ImageAction): ImageDecision[] {
  const choices = new Choices(images);
  choices.setAll(action);
  return choices.decisions();
}

export interface Size {
  width: number;
  height: number;
}

/** The thumbnail's size: the image scaled down (never up) to fit max, at least 1 px each way. */
export function thumbnailSize(image: Size, max: Size): Size {
  if (!(image.width > 0 && image.height > 0)) return { ...max };
  const scale = Math.min(1, max.width / image.width, max.height / image.height);
  return {
    width: Math.max(1, Math.round(image.width * scale)),
    height: Math.max(1, Math.round(image.height * scale)),
  };
}

/**
 * A face box (in the image's displayed pixels) as a rectangle on a thumbnail of size thumb, in CSS
 * pixels, clipped to the thumbnail and grown around its centre to at least minSize (a target one can
 * click or tap). Null when the box lies outside the image.
 */
export function faceRect(box: Box, image: Size, thumb: Size, minSize = 24): Box | null {
  if (!(image.width > 0 && image.height > 0)) return null;
  const sx = thumb.width / image.width;
  const sy = thumb.height / image.height;
  let x0 = Math.max(0, box.x * sx);
  let y0 = Math.max(0, box.y * sy);
  let x1 = Math.min(thumb.width, (box.x + box.width) * sx);
  let y1 = Math.min(thumb.height, (box.y + box.height) * sy);
  if (!(x1 > x0 && y1 > y0)) return null;
  const grow = (a: number, b: number, limit: number): [number, number] => {
    const size = Math.min(limit, Math.max(minSize, b - a));
    const start = Math.min(Math.max(0, (a + b) / 2 - size / 2), limit - size);
    return [start, start + size];
  };
  [x0, x1] = grow(x0, x1, thumb.width);
  [y0, y1] = grow(y0, y1, thumb.height);
  const r = (n: number) => Math.round(n * 10) / 10;
  return { x: r(x0), y: r(y0), width: r(x1 - x0), height: r(y1 - y0) };
}

export type Level = 'high' | 'medium' | 'metadata';

/** Message keys of what a document's copy covers: its one-image button, per-image choice and note. */
export interface DocumentCoverWords {
  action: string;
  choice: string;
  note: string;
}

/** The emblem side of a Chinese ID card has no photo or number: its copy covers the printed fields. */
export function documentCoverWords(verdict: Verdict): DocumentCoverWords {
  return verdict.document?.kind === 'cn-id-back'
    ? {
        action: 'warn_action_cover_document_fields',
        choice: 'warn_choice_cover_document_fields',
        note: 'warn_document_fields_covered',
      }
    : {
        action: 'warn_action_cover_document',
        choice: 'warn_choice_cover_document',
        note: 'warn_document_covered',
      };
}

/** Whether any of the images shows an identity document. */
export function anyDocument(images: readonly HeldImage[]): boolean {
  return images.some((i) => Boolean(i.verdict.document));
}

/** The risk level shown in words. Images with only metadata findings are 'metadata'. */
export function levelOf(verdict: Verdict): Level {
  if (verdict.risk === 'high') return 'high';
  if (verdict.risk === 'medium') return 'medium';
  return 'metadata';
}

/** The verdict's reasons split into face reasons and metadata lines (deduplicated, most sensitive first). */
export function reasonsOf(verdict: Verdict): { face: Reason[]; metadata: Reason[] } {
  // "No face found" says nothing the person needs when the finding is the metadata.
  const face = verdict.reasons.filter((r) => !r.key.startsWith('meta_') && r.key !== 'reason_no_face');
  const metadata: Reason[] = [];
  const seen = new Set<string>();
  for (const r of [...metadataReasons(verdict.metadata), ...verdict.reasons]) {
    if (!r.key.startsWith('meta_') || seen.has(r.key)) continue;
    seen.add(r.key);
    metadata.push(r);
  }
  return { face, metadata };
}

export type Shortcut = 'cancel' | 'blur' | 'strip' | 'upload';

/** The dialog's keys: Escape cancels all; b, m and u choose for all images. Modified keys are ignored. */
export function shortcutFor(event: {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}): Shortcut | null {
  if (event.key === 'Escape') return 'cancel';
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key.toLowerCase()) {
    case 'b':
      return 'blur';
    case 'm':
      return 'strip';
    case 'u':
      return 'upload';
    default:
      return null;
  }
}

/** Seconds left of a countdown, rounded up, never below 0. */
export function secondsLeft(totalMs: number, elapsedMs: number): number {
  return Math.max(0, Math.ceil((totalMs - elapsedMs) / 1000));
}
