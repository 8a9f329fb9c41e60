// The ProseMirror test editor (npm prosemirror-*, basic schema, history and the base keymap), as a site
// would set it up. The page exposes the editor's own document text and the draft the site saves on
// every change.
import { baseKeymap } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { schema } from 'prosemirror-schema-basic';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';

const modelText = (state) => state.doc.textBetween(0, state.doc.content.size, '\n');
window.__draft = '';
const view = new EditorView(
  { mount: document.getElementById('editor') },
  {
    state: EditorState.create({
      schema,
      plugins: [history(), keymap({ 'Mod-z': undo, 'Mod-y': redo, 'Mod-Shift-z': redo }), keymap(baseKeymap)],
    }),
    dispatchTransaction(transaction) {
      view.updateState(view.state.apply(transaction));
      if (transaction.docChanged) window.__draft = modelText(view.state);
    },
  },
);
window.__editorText = () => modelText(view.state);
window.__editorReady = true;
