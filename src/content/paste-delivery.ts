// Pastes: files and data: images in the pasted HTML are held; the paste is replayed at the focused
// element with the caret restored, carrying the kept files and the text/HTML (a dropped data: image
// is removed from the HTML, a processed copy replaces it). When every image was dropped nothing is
// replayed: the site receives nothing.
import { filesToRelease, type Outcome } from '../core/held-files';
import { type Delivery, NO_POINT } from './delivery';
import { saveFocus } from './focus';
import { markReleased, ours } from './loop-guard';
import { newReplayId, replayInPage } from './page-port';
import { dataUrlOf, filledTransfer, rewriteDataUrlImages, type StringData } from './transfer-data';

export interface EmbeddedImage {
  /** The data: URL as it appears in the pasted HTML. */
  url: string;
  file: File;
}

export function holdPaste(
  event: ClipboardEvent,
  files: File[],
  embedded: EmbeddedImage[],
  strings: StringData,
): Delivery {
  return pasteDelivery(event.composedPath()[0] as EventTarget, files, embedded, strings);
}

/** The paste's delivery from what was copied out of it (also when a held paste is taken over later). */
export function pasteDelivery(
  target: EventTarget,
  files: File[],
  embedded: EmbeddedImage[],
  strings: StringData,
): Delivery {
  const focus = saveFocus();
  const replayId = __BROWSER__ === 'firefox' ? newReplayId() : undefined;
  return {
    source: 'paste',
    files: [...files, ...embedded.map((e) => e.file)],
    accept: '',
    resume: { target, files, strings, point: NO_POINT },
    replayId,
    settle(outcomes) {
      const released = filesToRelease(files, outcomes.slice(0, files.length));
      const embeddedOutcomes = outcomes.slice(files.length);
      if (released.length === 0 && embeddedOutcomes.every((o) => o === 'drop')) return;
      return replacementsFor(embedded, embeddedOutcomes).then((replacements) => {
        const html = strings.map(([type, value]): [string, string] =>
          type === 'text/html' ? [type, rewriteDataUrlImages(value, replacements)] : [type, value],
        );
        return replay(target, focus, released, html, replayId);
      });
    },
  };
}

async function replacementsFor(
  embedded: EmbeddedImage[],
  outcomes: Outcome<File>[],
): Promise<Map<string, string | null>> {
  const map = new Map<string, string | null>();
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome === 'keep') continue;
    map.set(embedded[i]!.url, outcome === 'drop' ? null : await dataUrlOf(outcome.replace));
  }
  return map;
}

/** Dispatches the paste (Firefox: has the page world do it); resolves once the page has it. */
async function replay(
  target: EventTarget,
  focus: ReturnType<typeof saveFocus>,
  files: File[],
  strings: StringData,
  replayId: string | undefined,
): Promise<void> {
  focus.restore();
  markReleased(files);
  const at =
    target instanceof Node && !target.isConnected ? (document.activeElement ?? document.body) : target;
  if (replayId) {
    if (!(await replayInPage(replayId, at, 'paste', files, strings, NO_POINT)))
      await insertByDefault(at, files, strings);
    return;
  }
  const clipboardData = filledTransfer(files, strings);
  const event = new ClipboardEvent('paste', {
    clipboardData,
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  at.dispatchEvent(ours(event));
  if (!event.defaultPrevented) await insertByDefault(at, files, strings);
}

/**
 * A synthetic paste never triggers the browser's own insertion (probe P1), so a plain editable field
 * that relies on it would get nothing: insert what the browser would have.
 */
async function insertByDefault(at: EventTarget, files: File[], strings: StringData): Promise<void> {
  const editable =
    at instanceof HTMLElement &&
    (at.isContentEditable || at instanceof HTMLInputElement || at instanceof HTMLTextAreaElement);
  if (!editable) return;
  const html = strings.find(([type]) => type === 'text/html')?.[1];
  const text = strings.find(([type]) => type === 'text/plain')?.[1];
  if (at.isContentEditable) {
    const images = await Promise.all(files.map(async (f) => `<img src="${await dataUrlOf(f)}" alt="">`));
    const markup = html ?? images.join('');
    if (markup) document.execCommand('insertHTML', false, markup);
    else if (text) document.execCommand('insertText', false, text);
  } else if (text) {
    document.execCommand('insertText', false, text);
  }
}
