// Masks identity numbers in a field through the field's own input path, as if the person had selected
// each number and typed its masked form: the browser's (or the editor's) undo, the editor's model and
// the site's draft all see an ordinary edit. A masked form has the same length as the number, so the
// offsets of everything else, and of the person's caret, stay where they were.
import { findIdNumbers, type IdMatch } from '../../core/id-numbers';
import { type EditableText, type Field, isPlainField, type PlainField, readEditable } from './field-text';

/** Numbers the person chose to leave as they are (normalised values). */
export type Kept = ReadonlySet<string>;

export function numbersIn(text: string, kept: Kept): IdMatch[] {
  return findIdNumbers(text).filter((m) => !kept.has(m.value));
}

/** Selects [start, end) in a textarea or input and types the masked form over it. */
function replacePlain(field: PlainField, match: IdMatch): void {
  field.setSelectionRange(match.start, match.end);
  // execCommand keeps the browser's own undo and fires beforeinput/input like typing does.
  if (document.execCommand('insertText', false, match.masked)) return;
  field.setRangeText(match.masked, match.start, match.end, 'end');
  field.dispatchEvent(
    new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: match.masked }),
  );
}

function maskPlain(field: PlainField, kept: Kept): boolean {
  const { selectionStart, selectionEnd, selectionDirection, scrollTop, scrollLeft } = field;
  field.focus({ preventScroll: true });
  // From the last number back, so the spans found first stay valid whatever happens to the others.
  for (const match of numbersIn(field.value, kept).reverse()) replacePlain(field, match);
  if (selectionStart !== null && selectionEnd !== null) {
    field.setSelectionRange(selectionStart, selectionEnd, selectionDirection ?? undefined);
  }
  field.scrollTop = scrollTop;
  field.scrollLeft = scrollLeft;
  return numbersIn(field.value, kept).length === 0;
}

/** Resolves on the next selectionchange (editors read the selection from it), or after 100 ms. */
function selectionSettled(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      document.removeEventListener('selectionchange', done);
      // After the editors' own selectionchange listeners.
      setTimeout(resolve, 0);
    };
    const timer = setTimeout(done, 100);
    document.addEventListener('selectionchange', done);
  });
}

/** Editors apply an edit in a microtask or the next task (Lexical): its DOM is read after that. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function select(range: Range): Promise<void> {
  const selection = document.getSelection();
  if (!selection) return;
  selection.removeAllRanges();
  selection.addRange(range);
  await selectionSettled();
}

/** The caret as text offsets, when it is inside the editor. */
function caretOf(view: EditableText): { anchor: number; focus: number } | null {
  const selection = document.getSelection();
  if (!selection?.anchorNode || !selection.focusNode) return null;
  const anchor = view.offsetOf(selection.anchorNode, selection.anchorOffset);
  const focus = view.offsetOf(selection.focusNode, selection.focusOffset);
  return anchor === null || focus === null ? null : { anchor, focus };
}

async function maskEditable(root: HTMLElement, kept: Kept): Promise<boolean> {
  const caret = caretOf(readEditable(root));
  root.focus({ preventScroll: true });
  const count = numbersIn(readEditable(root).text, kept).length;
  // One number at a time, reading the editor again each time: it may have rebuilt its DOM after the
  // last edit, and the number before this one has kept its offsets (masks are the same length).
  for (let i = count - 1; i >= 0; i--) {
    const view = readEditable(root);
    const match = numbersIn(view.text, kept)[i];
    if (!match) continue;
    await select(view.range(match.start, match.end));
    // Fires beforeinput (insertText) as typing does: Lexical, ProseMirror, Quill and Draft.js apply it
    // to their own state; a plain contenteditable gets the browser's edit and undo step.
    document.execCommand('insertText', false, match.masked);
    await nextTask();
  }
  if (caret) {
    const view = readEditable(root);
    const length = view.text.length;
    const anchor = view.pointAt(Math.min(caret.anchor, length));
    const focus = view.pointAt(Math.min(caret.focus, length));
    document.getSelection()?.setBaseAndExtent(anchor.node, anchor.offset, focus.node, focus.offset);
  }
  // An editor may render its new state a little later still: give it a few tasks before saying it failed.
  for (let tries = 0; tries < 10; tries++) {
    if (numbersIn(readEditable(root).text, kept).length === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  return false;
}

/** Masks every number in the field (except kept ones); resolves whether none is left. */
export async function maskField(field: Field, kept: Kept): Promise<boolean> {
  if (!field.isConnected) return false;
  try {
    return isPlainField(field) ? maskPlain(field, kept) : await maskEditable(field, kept);
  } catch {
    // An editor that throws on our edit keeps its text: the person is told to edit it by hand.
    return false;
  }
}
