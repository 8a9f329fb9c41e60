// The text of one field the person is writing in, and the way back from offsets in that text to the
// field: selection offsets for <textarea>/<input>, DOM ranges for a rich editor (contenteditable).
// A rich editor's text is read from its text nodes; a line break or a new block adds a '\n' that
// belongs to no node, so a number never runs across two paragraphs.

export type PlainField = HTMLTextAreaElement | HTMLInputElement;
export type Field = PlainField | HTMLElement;

/** Inputs that hold prose someone may post (never passwords, numbers, e-mail or phone fields). */
const TEXT_INPUT_TYPES = new Set(['text', 'search', '']);

export function isPlainField(field: Field): field is PlainField {
  return field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement;
}

/** The field an input-related event happened in, or null for anything else. */
export function fieldOf(event: Event): Field | null {
  const target = event.composedPath()[0] ?? event.target;
  if (target instanceof HTMLTextAreaElement) return target.readOnly ? null : target;
  if (target instanceof HTMLInputElement) {
    return TEXT_INPUT_TYPES.has(target.getAttribute('type')?.toLowerCase() ?? '') && !target.readOnly
      ? target
      : null;
  }
  const element = target instanceof Element ? target : target instanceof Node ? target.parentElement : null;
  if (!(element instanceof HTMLElement) || !element.isContentEditable) return null;
  // The editing host: the outermost editable element (an editor's root).
  let host = element;
  while (host.parentElement?.isContentEditable) host = host.parentElement;
  return host;
}

/** Where each text node's characters start in the text. */
interface Segment {
  node: Text;
  start: number;
}

export interface EditableText {
  text: string;
  /** The DOM range of text.slice(start, end). */
  range(start: number, end: number): Range;
  /** The text offset of a DOM point inside the editor, or null when the point is elsewhere. */
  offsetOf(node: Node, offset: number): number | null;
  /** The DOM point of a text offset (for putting the caret back). */
  pointAt(offset: number): { node: Node; offset: number };
}

const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
]);

/** The nearest block element around node, up to the editor's root. */
function blockOf(node: Node, root: Element, cache: Map<Node, Element>): Element {
  const parent = node.parentNode;
  if (!parent || parent === root || !(parent instanceof Element)) return root;
  const known = cache.get(parent);
  if (known) return known;
  const block = BLOCKS.has(parent.tagName) ? parent : blockOf(parent, root, cache);
  cache.set(parent, block);
  return block;
}

export function readEditable(root: HTMLElement): EditableText {
  const segments: Segment[] = [];
  const parts: string[] = [];
  let length = 0;
  let lastBlock: Element | null = null;
  const blocks = new Map<Node, Element>();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  const newline = () => {
    if (length > 0 && parts[parts.length - 1] !== '\n') {
      parts.push('\n');
      length += 1;
    }
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Text) {
      const block = blockOf(node, root, blocks);
      if (lastBlock !== null && block !== lastBlock) newline();
      lastBlock = block;
      segments.push({ node, start: length });
      parts.push(node.data);
      length += node.data.length;
    } else if ((node as Element).tagName === 'BR') {
      newline();
    }
  }
  const text = parts.join('');

  /** The last segment starting at or before offset (segments are in text order). */
  const segmentAt = (offset: number, preferEnd: boolean): Segment | undefined => {
    let lo = 0;
    let hi = segments.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = segments[mid]!.start;
      if (start < offset || (start === offset && !preferEnd)) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return segments[Math.max(found, 0)];
  };

  const pointAt = (offset: number, preferEnd = false): { node: Node; offset: number } => {
    const segment = segmentAt(offset, preferEnd);
    if (!segment) return { node: root, offset: root.childNodes.length };
    return { node: segment.node, offset: Math.min(offset - segment.start, segment.node.data.length) };
  };

  const starts = new Map(segments.map((s) => [s.node as Node, s.start]));
  return {
    text,
    range(start, end) {
      const range = document.createRange();
      const from = pointAt(start);
      const to = pointAt(end, true);
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      return range;
    },
    offsetOf(node, offset) {
      if (!root.contains(node)) return null;
      const start = starts.get(node);
      if (start !== undefined) return start + offset;
      // A point between elements: the offset of the first text node at or after it.
      const point = document.createRange();
      point.setStart(node, offset);
      const after = segments.find((s) => point.comparePoint(s.node, 0) >= 0);
      return after ? after.start : text.length;
    },
    pointAt: (offset) => pointAt(offset, true),
  };
}

/** The field's text: its value, or its editor's text. */
export function fieldText(field: Field): string {
  return isPlainField(field) ? field.value : readEditable(field).text;
}
