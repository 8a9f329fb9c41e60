// The private channel between the MAIN-world hooks (src/page/) and the upload gate (src/content/).
// PURE message shapes and their validation. Trust runs one way: the page world may only submit files
// to be checked; the gate answers with what to deliver. No message from the page world can approve,
// release or record anything, so a page that forges messages only gets its own files checked.

/** Why the page world is submitting files (for the summary and the replay style). */
export type PageSource = 'input' | 'picker' | 'clipboard';

/** page world -> gate: files to check. */
export interface SubmitMessage {
  type: 'submit';
  id: string;
  source: PageSource;
  files: File[];
  /** The input's accept attribute, when the files came from an input. */
  accept: string;
}

/** What to do with each submitted file, in order: keep it, drop it, or deliver this copy instead. */
export type PageOutcome = 'keep' | 'drop' | File;

/** gate -> page world */
export interface SettleMessage {
  type: 'settle';
  id: string;
  outcomes: PageOutcome[];
}

/**
 * gate -> page world: the person is being asked about these files of a submission. Should the gate
 * die meanwhile (see ALIVE_QUERY_EVENT), the page world holds them back (nobody agreed to upload them)
 * and lets the rest go as they are.
 */
export interface AskingMessage {
  type: 'asking';
  id: string;
  indexes: number[];
}

/** The window message that hands the port over, once per document; it carries the channel's id. */
export const HANDSHAKE_TYPE = 'faceguard:port';

/**
 * page world -> gate, a cancelable event on window whose detail is the channel's id: the gate cancels
 * it while it runs. Firefox destroys a content script when its extension is updated or removed; the
 * page world outlives it and must stop waiting for it. The gate's capture listener on window is
 * registered before any page script, so a page can make a dead gate look alive (which only delays
 * its own uploads) but never a live one look dead.
 */
export const ALIVE_QUERY_EVENT = 'faceguard:alive?';
/**
 * gate -> page world, on a file input just before the gate delivers to it: the input and change that
 * follow are the gate's own, not a selection to hold. (The gate may hold an input inside a shadow
 * root that the page world watches too; without this the page world would hold the delivery again.)
 */
export const DELIVERING_EVENT = 'faceguard:delivering';

/** The detail of a probe any running gate answers (is anything of ours still managing this page?). */
export const ANY_GATE = '*';

/**
 * More than a person picks at once (an album upload of a few hundred photos is ordinary); a bound so
 * a hostile page cannot make us allocate without limit. The page world holds no larger selection.
 */
export const MAX_FILES = 10_000;
const SOURCES: readonly PageSource[] = ['input', 'picker', 'clipboard'];
const isId = (v: unknown): v is string => typeof v === 'string' && /^[a-z0-9-]{1,64}$/i.test(v);
// Saved when the module starts (in the page world, before any page script): a page that replaces
// window.File must not make the gate's own files unrecognisable, and so never delivered.
const NativeFile = typeof File === 'undefined' ? null : File;
const isFile = (v: unknown): v is File => NativeFile !== null && v instanceof NativeFile;

export function parseSubmit(data: unknown): SubmitMessage | null {
  if (!data || typeof data !== 'object') return null;
  const { type, id, source, files, accept } = data as Record<string, unknown>;
  if (type !== 'submit' || !isId(id)) return null;
  if (typeof source !== 'string' || !(SOURCES as readonly string[]).includes(source)) return null;
  if (!Array.isArray(files) || files.length === 0 || files.length > MAX_FILES || !files.every(isFile)) {
    return null;
  }
  if (typeof accept !== 'string' || accept.length > 1000) return null;
  return { type, id, source: source as PageSource, files, accept };
}

export function parseSettle(data: unknown): SettleMessage | null {
  if (!data || typeof data !== 'object') return null;
  const { type, id, outcomes } = data as Record<string, unknown>;
  if (type !== 'settle' || !isId(id) || !Array.isArray(outcomes) || outcomes.length > MAX_FILES) return null;
  if (!outcomes.every((o) => o === 'keep' || o === 'drop' || isFile(o))) return null;
  return { type, id, outcomes: outcomes as PageOutcome[] };
}

export function parseAsking(data: unknown): AskingMessage | null {
  if (!data || typeof data !== 'object') return null;
  const { type, id, indexes } = data as Record<string, unknown>;
  if (type !== 'asking' || !isId(id) || !Array.isArray(indexes) || indexes.length > MAX_FILES) return null;
  if (!indexes.every((i) => Number.isInteger(i) && i >= 0 && i < MAX_FILES)) return null;
  return { type, id, indexes };
}

/** Where a replayed drop lands, as the original drop had it. */
export interface DropPoint {
  clientX: number;
  clientY: number;
  screenX: number;
  screenY: number;
}

/**
 * gate -> page world (Firefox): replay an approved drop or paste from the page world, because
 * Firefox hides DataTransfer items added by a content script from page code (they carry the
 * extension's principal). The target is named by an event dispatched on it just before
 * (REPLAY_TARGET_EVENT, detail = id): elements cannot travel over a MessagePort.
 */
export interface ReplayMessage {
  type: 'replay';
  id: string;
  kind: 'drop' | 'paste';
  files: File[];
  strings: Array<[string, string]>;
  point: DropPoint;
}

/** page world -> gate: whether page code handled the replayed paste (else the gate inserts it). */
export interface ReplayedMessage {
  type: 'replayed';
  id: string;
  handled: boolean;
}

export const REPLAY_TARGET_EVENT = 'faceguard:replay-target';
/**
 * gate -> page world (Firefox), a cancelable event on window whose detail is a replay's id, from a
 * newer gate taking over what a destroyed one held (src/content/held-stash.ts): the page world that
 * owns the id cancels it when it has dispatched that replay, and otherwise never will. So a released
 * drop or paste reaches the page once, whether the old gate's replay got there or not.
 */
export const REPLAYED_QUERY_EVENT = 'faceguard:replayed?';

const isStringPair = (v: unknown): v is [string, string] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string';
const isPoint = (v: unknown): v is DropPoint =>
  !!v &&
  typeof v === 'object' &&
  ['clientX', 'clientY', 'screenX', 'screenY'].every(
    (k) => typeof (v as Record<string, unknown>)[k] === 'number',
  );

export function parseReplay(data: unknown): ReplayMessage | null {
  if (!data || typeof data !== 'object') return null;
  const { type, id, kind, files, strings, point } = data as Record<string, unknown>;
  if (type !== 'replay' || !isId(id) || (kind !== 'drop' && kind !== 'paste')) return null;
  if (!Array.isArray(files) || files.length > MAX_FILES || !files.every(isFile)) return null;
  if (!Array.isArray(strings) || strings.length > 50 || !strings.every(isStringPair) || !isPoint(point))
    return null;
  return { type, id, kind, files, strings, point };
}

export function parseReplayed(data: unknown): ReplayedMessage | null {
  if (!data || typeof data !== 'object') return null;
  const { type, id, handled } = data as Record<string, unknown>;
  if (type !== 'replayed' || !isId(id) || typeof handled !== 'boolean') return null;
  return { type, id, handled };
}
