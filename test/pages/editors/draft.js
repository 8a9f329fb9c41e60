// The Draft.js test editor (npm draft-js 0.11 on React 18; X's composer is built on Draft.js), as a site
// would set it up: a controlled Editor whose state lives in React, with Draft's own undo. The page
// exposes the editor's model text and the draft the site saves on every change.
import { Editor, EditorState } from 'draft-js';
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';

const modelText = (state) => state.getCurrentContent().getPlainText('\n');
window.__draft = '';
let current = EditorState.createEmpty();

function Composer() {
  const [state, setState] = useState(current);
  return createElement(Editor, {
    editorState: state,
    placeholder: "What's happening?",
    onChange: (next) => {
      current = next;
      window.__draft = modelText(next);
      setState(next);
    },
  });
}

const mount = document.getElementById('editor');
createRoot(mount).render(createElement(Composer));
// The editable element is Draft's own, inside the mount: tests click and read it there.
window.__editorText = () => modelText(current);
window.__editorReady = true;
