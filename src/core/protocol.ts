// The one message protocol between extension contexts. Each request type maps to its response type;
// `send` (src/background/messaging.ts and friends) and the handlers are typed from this map, and
// every message is validated on receipt with isRequest before anything trusts it.
import type { BlurStyle } from './settings';
import type { Box, Risk, Sensitivity, Verdict } from './verdict';

/** What a File is besides its bytes. */
export interface FileInfo {
  name: string;
  type: string;
  lastModified: number;
}

/** A whole file inside a runtime message. Chrome's runtime messaging is JSON-only, hence base64 text. */
export interface ImagePayload extends FileInfo {
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
  /** Identity numbers found in text about to be posted (the count only, never the numbers). */
  idNumbers: number;
}

export type CopyKind = 'blur' | 'strip';

/** The person's answer to a question shown for another frame (see 'frame-ask'). */
export interface FrameAnswer {
  decisions: Array<{ id: string; action: 'upload' | 'cancel' | 'blur' | 'strip'; faces?: number[] }>;
  disableSite: boolean;
}

/** The analyzer's workers right now: 0 workers once released after being idle. */
export interface AnalyzerState {
  workers: number;
  /** Checks and copies running or waiting. */
  jobs: number;
}

export interface RequestMap {
  /**
   * content -> background: make sure the analyzer runs (Chrome: create the offscreen document) before
   * 'check-image'/'make-copy' are sent, so the bytes travel once, straight to the analyzer.
   */
  'prepare-analyzer': { request: Record<string, never>; response: null };
  /**
   * The analyzer has been idle (src/analysis/analyzer.ts) and stopped its workers. Chrome: offscreen
   * document -> background, which closes that document.
   */
  'release-analyzer': { request: Record<string, never>; response: null };
  /** extension -> analyzer (over the analyzer port): what runs now. */
  'analyzer-state': { request: Record<string, never>; response: AnalyzerState };
  /** content -> analyzer (the file's bytes attached, src/platform/analyzer-port.ts): check one image. */
  'check-image': { request: { image: FileInfo; sensitivity: Sensitivity }; response: Verdict };
  /** content -> analyzer (bytes attached both ways): make a safer copy. */
  'make-copy': {
    /** boxes: faces (grown to hairline and chin when covered); areas: rectangles covered as they are (an
     * identity document's portrait and identifying lines). */
    request: { image: FileInfo; kind: CopyKind; boxes: Box[]; areas?: Box[]; style: BlurStyle };
    response: { image: FileInfo } | { error: string };
  };
  /** content -> background: remember a check for the popup (summary only). */
  'record-check': { request: CheckSummary; response: null };
  /** content -> background: count identity numbers newly found in a post being written (count only). */
  'record-id-numbers': { request: { count: number }; response: null };
  /**
   * content (a frame too small for the dialog) -> background -> the tab's top frame (frameId 0): show
   * this question there. Resolves once it is shown; the answer comes back as 'frame-answer'. Nothing
   * waits in the background meanwhile, so a question may stay open however long the person takes,
   * whether or not the service worker or event page is stopped in between.
   */
  'frame-ask': {
    request: {
      askId: string;
      how: 'ask' | 'notice';
      images: Array<{ id: string; image: ImagePayload; verdict: Verdict }>;
      context: { siteKey: string; siteLabel: string };
      /** Set by the background: the asking frame. */
      frameId?: number;
    };
    response: null;
  };
  /** top frame -> background -> the asking frame: the person's answer to a 'frame-ask' question. */
  'frame-answer': { request: { frameId: number; askId: string; answer: FrameAnswer }; response: null };
  /** asking frame -> background -> top frame: the upload went away (its page is going): close the question. */
  'frame-ask-cancel': { request: { askId: string }; response: null };
  /** content/ui -> background: open a full extension page. */
  'open-page': { request: { page: 'learn' | 'welcome' | 'settings' | 'privacy' }; response: null };
  /** ui -> background */
  'get-recent': { request: Record<string, never>; response: { recent: CheckSummary[]; stats: Stats } };
  'clear-recent': { request: Record<string, never>; response: null };
}

export type RequestType = keyof RequestMap;
export type Request<T extends RequestType = RequestType> = { type: T; data: RequestMap[T]['request'] };
export type Response<T extends RequestType> = RequestMap[T]['response'];

const REQUEST_TYPES: readonly RequestType[] = [
  'prepare-analyzer',
  'release-analyzer',
  'analyzer-state',
  'check-image',
  'make-copy',
  'record-check',
  'record-id-numbers',
  'frame-ask',
  'frame-answer',
  'frame-ask-cancel',
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
export const PAGE_ONLY_TYPES: ReadonlySet<RequestType> = new Set([
  'get-recent',
  'clear-recent',
  'release-analyzer',
]);
