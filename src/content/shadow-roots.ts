// Shadow roots the page world cannot hook: declarative ones (`<template shadowrootmode>`, made by
// the parser, never through attachShadow), open or closed (upload-patterns §1.1, S8). `change`
// never leaves a root (Firefox delivers neither event), so the gate listens on the root itself. It
// reaches closed roots through the extension-only API (Chrome `chrome.dom.openOrClosedShadowRoot`,
// Firefox `element.openOrClosedShadowRoot`): every root in the document once it is parsed, and the
// roots on the way to anything the person clicks (a file input opens its picker on a click), so
// roots made later are covered before their picker can return a file. Roots made by attachShadow
// are the page world's (src/page/shadow-roots.ts): its listeners come first and stop the event.

type RootOf = (element: Element) => ShadowRoot | null;

const rootOf: RootOf = (() => {
  if (__BROWSER__ === 'firefox') {
    return (el: Element) =>
      (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot ?? null;
  }
  const dom = (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?: RootOf } } }).chrome?.dom;
  return (el: Element) => {
    try {
      return dom?.openOrClosedShadowRoot?.(el) ?? el.shadowRoot;
    } catch {
      return el.shadowRoot;
    }
  };
})();

export function watchShadowRoots(watchRoot: (root: ShadowRoot) => void): void {
  const seen = new WeakSet<ShadowRoot>();
  const visit = (el: Element) => {
    const root = rootOf(el);
    if (!root || seen.has(root)) return;
    seen.add(root);
    watchRoot(root);
    for (const inner of root.querySelectorAll('*')) visit(inner);
  };
  const scan = () => {
    for (const el of document.querySelectorAll('*')) visit(el);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan, { once: true });
  else scan();
  // A click is composed: from window it shows every host on its way, closed roots' hosts included.
  window.addEventListener(
    'click',
    (event) => {
      for (const node of event.composedPath()) if (node instanceof Element) visit(node);
    },
    true,
  );
}
