// Firefox only. When an extension is updated, reloaded or re-enabled, Firefox destroys its content
// scripts mid-run (Chrome instead leaves them running, orphaned) and injects the new version into the
// open tabs. What the old script held would go with it: the files live in its memory, and the input it
// emptied stays empty. So while an input, drop or paste is held, its files are also kept in the page,
// where only an extension reaches: an <input type=file> in a closed shadow root on a hidden element
// (page scripts cannot open a closed root; a content script can, through openOrClosedShadowRoot).
// Where the files were going is marked on that element (an attribute naming the hold). The new
// script takes every such hold over at start and holds it again: checked and asked as if just chosen.
// A released drop or paste stays kept until the page world has dispatched its replay: a hold whose
// replay the page world did dispatch is not taken over, and one it did not never will be (page-port.ts,
// replayedByPage), so the page gets it exactly once either way.
import type { DropPoint } from '../core/page-channel';
import { type Delivery, fileList, type Resume } from './delivery';
import { replayedByPage } from './page-port';
import type { StringData } from './transfer-data';

export const HELD_TAG = 'faceguard-held';
/** On the element a held upload goes to: the ids of its holds, space-separated. */
const MARK = 'data-faceguard-held';

type Source = 'input' | 'drop' | 'paste';
const SOURCES: readonly string[] = ['input', 'drop', 'paste'];

/** A hold taken over from a destroyed instance of this script: deliver to `resume.target` or, when gone, nowhere. */
export interface Inherited {
  source: Source;
  resume: Omit<Resume, 'target'> & { target: Element | null };
}

let stash: { host: HTMLElement; root: ShadowRoot } | null = null;
let counter = 0;
/** Ids of this instance's holds, distinct from any earlier instance's in the same page. */
const prefix = crypto.randomUUID().slice(0, 8);

function stashRoot(): ShadowRoot {
  if (!stash) {
    const host = document.createElement(HELD_TAG);
    host.hidden = true;
    stash = { host, root: host.attachShadow({ mode: 'closed' }) };
  }
  // Put back if the page took it out (only our successor needs it, but it must be in the page).
  if (!stash.host.isConnected) document.documentElement.append(stash.host);
  return stash.root;
}

const ids = (el: Element) => (el.getAttribute(MARK) ?? '').split(' ').filter(Boolean);
function unmark(el: Element, id: string): void {
  const rest = ids(el).filter((other) => other !== id);
  if (rest.length > 0) el.setAttribute(MARK, rest.join(' '));
  else el.removeAttribute(MARK);
}

/** Keeps a held upload's files where a successor finds them; call the result when it is settled. */
export function keepHeld(delivery: Delivery): () => void {
  const { resume, source } = delivery;
  if (!resume || !SOURCES.includes(source)) return () => undefined;
  const id = `${prefix}-${++counter}`;
  const entry = document.createElement('input');
  entry.type = 'file';
  entry.multiple = true;
  entry.files = fileList(resume.files);
  entry.dataset.id = id;
  entry.dataset.source = source;
  if (delivery.replayId) entry.dataset.replay = delivery.replayId;
  entry.dataset.extra = JSON.stringify({ strings: resume.strings, point: resume.point });
  const target = resume.target instanceof Element ? resume.target : null;
  target?.setAttribute(MARK, [...ids(target), id].join(' '));
  stashRoot().append(entry);
  return () => {
    entry.remove();
    if (target) unmark(target, id);
    if (stash && stash.root.childElementCount === 0) {
      stash.host.remove();
      stash = null;
    }
  };
}

/** The element marked with this hold's id, in the document or any shadow root, open or closed. */
function marked(id: string): Element | null {
  const search = (root: Document | ShadowRoot): Element | null => {
    for (const el of root.querySelectorAll(`[${MARK}]`)) if (ids(el).includes(id)) return el;
    for (const el of root.querySelectorAll('*')) {
      const inner = (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
      const found = inner ? search(inner) : null;
      if (found) return found;
    }
    return null;
  };
  return search(document);
}

/** At start: the holds a destroyed earlier instance of this script left in the page, removed from it. */
export function takeOverHeld(): Inherited[] {
  const inherited: Inherited[] = [];
  for (const host of document.querySelectorAll(HELD_TAG)) {
    const root = (host as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
    for (const entry of root?.querySelectorAll('input') ?? []) {
      const id = entry.dataset.id ?? '';
      const source = entry.dataset.source ?? '';
      const target = id ? marked(id) : null;
      if (target) unmark(target, id);
      // Released, and the page has it already.
      if (entry.dataset.replay && replayedByPage(entry.dataset.replay)) continue;
      try {
        const { strings, point } = JSON.parse(entry.dataset.extra ?? '') as {
          strings: StringData;
          point: DropPoint;
        };
        if (!SOURCES.includes(source)) continue;
        inherited.push({
          source: source as Source,
          resume: { target, files: [...(entry.files ?? [])], strings, point },
        });
      } catch {
        // Not ours after all (a page element of the same name): nothing to take over.
      }
    }
    host.remove();
  }
  return inherited;
}
