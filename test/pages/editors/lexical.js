// The Lexical test editor (npm lexical, rich text and history), as a site would set it up. The page
// exposes the editor's own model text and the draft the site saves on every update.
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { HeadingNode, QuoteNode, registerRichText } from '@lexical/rich-text';
import { $getRoot, createEditor } from 'lexical';

const root = document.getElementById('editor');
root.contentEditable = 'true';
const editor = createEditor({
  namespace: 'faceguard-id-test',
  nodes: [HeadingNode, QuoteNode],
  onError: (error) => {
    throw error;
  },
});
editor.setRootElement(root);
registerRichText(editor);
registerHistory(editor, createEmptyHistoryState(), 300);

const modelText = (state) => state.read(() => $getRoot().getTextContent());
window.__draft = '';
editor.registerUpdateListener(({ editorState }) => {
  window.__draft = modelText(editorState);
});
window.__editorText = () => modelText(editor.getEditorState());
window.__editorReady = true;
