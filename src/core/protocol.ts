// The one message protocol between extension contexts. Each request type maps to its response type;
// `send` (src/background/messaging.ts and friends) and the handlers are typed from this map, and
// every message is validated on receipt with isRequest before anything trusts it.
import type { BlurStyle } from './settings';
import type { Box, Risk, Sensitivity, Verdict } from './verdict';

/** Image bytes crossing contexts. Chrome's runtime messaging is JSON-only, hence base64 text there. */
export interface ImagePayload {
  name: string;
  type: string;
  lastModified: number;
  /** Base64 of the file's bytes. */
  base64: string;
}

/** What the popup shows about one check: a summary only, never pixels, faces or metadata values. */
export interface CheckSummary {
  time: number;
  site: string;
  risk: Risk;
  /** The main reason's i18n key (values dropped: they may describe the photo). */
  reasonKey: string | null;
  choice: Choice;
}

export type Choice = 'released' | 'upload-anyway' | 'cancel' | 'blurred' | 'stripped' | 'unchecked';

export interface Stats {
  checked: number;
  warnings: number;
  copies: number;
}

export type CopyKind = 'blur' | 'strip';

export interface RequestMap {
  /** content -> background: run the local check on one image. */
  'check-image': { request: { image: ImagePayload; sensitivity: Sensitivity }; response: Verdict };
  /** content -> background: make a safer copy. */
  'make-copy': {
    request: { image: ImagePayload; kind: CopyKind; boxes: Box[]; style: BlurStyle };
    response: { image: ImagePayload } | { error: string };
  };
  /** content -> background: remember a check for the popup (summary only). */
  'record-check': { request: CheckSummary; response: null };
  /** content/ui -> background: open a full extension page. */
  'open-page': { request: { page: 'learn' | 'welcome' | 'settings' }; response: null };
  /** ui -> background */
  'get-recent': { request: Record<string, never>; response: { recent: CheckSummary[]; stats: Stats } };
  'clear-recent': { request: Record<string, never>; response: null };
}

export type RequestType = keyof RequestMap;
export type Request<T extends RequestType = RequestType> = { type: T; data: RequestMap[T]['request'] };
export type Response<T extends RequestType> = RequestMap[T]['response'];

const REQUEST_TYPES: readonly RequestType[] = [
  'check-image',
  'make-copy',
  'record-check',
  'open-page',
  'get-recent',
  'clear-recent',
];

/** Shape check on receipt: a message is a request only if its type is known and data is an object. */
export function isRequest(message: unknown): message is Request {
  if (!message || typeof message !== 'object') return false;
  const { type, data } = message as { type?: unknown; data?: unknown };
  return (
    typeof type === 'string' &&
    (REQUEST_TYPES as readonly string[]).includes(type) &&
    typeof data === 'object' &&
    data !== null
  );
}

/** Types only extension pages (popup, settings, learn, welcome) may send. */
export const PAGE_ONLY_TYPES: ReadonlySet<RequestType> = new Set(['get-recent', 'clear-recent']);
