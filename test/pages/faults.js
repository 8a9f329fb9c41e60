// Every upload path of faults.html, also as faults.html?hostile (used by test/e2e/faults.e2e.ts,
// soak.e2e.ts and hostile.e2e.ts): each logs what the page's own code received (window.__log, via
// common.js) and posts it to the stub server.
for (const [id, via] of [
  ['file', 'input'],
  ['file2', 'input2'],
]) {
  document.getElementById(id).addEventListener('change', (e) => receive(via, e, e.target.files));
}
// ?beacon: #file also sends its files at once with sendBeacon, as a site that uploads on change
// would; a beacon leaves even while the page unloads.
if (new URLSearchParams(location.search).has('beacon')) {
  document.getElementById('file').addEventListener('change', (e) => {
    const form = new FormData();
    for (const file of e.target.files) form.append('file', file, file.name);
    navigator.sendBeacon(`/upload?via=beacon`, form);
  });
}
document.getElementById('detached').addEventListener('click', () => {
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.addEventListener('change', (e) => receive('detached', e, input.files));
  keepWhilePicking(input).click();
});
customElements.define(
  'shadow-picker',
  class extends HTMLElement {
    constructor() {
      super();
      const root = this.attachShadow({ mode: 'closed' });
      root.innerHTML = '<input type=file id=inner multiple>';
      const input = root.getElementById('inner');
      input.addEventListener('change', (e) => receive('shadow', e, input.files));
      window.__shadowInput = () => input;
    }
  },
);
// Server-rendered: the parser made its closed root (no attachShadow call for the page world to hook).
customElements.define(
  'declarative-picker',
  class extends HTMLElement {
    constructor() {
      super();
      const input = this.attachInternals().shadowRoot.getElementById('inner');
      input.addEventListener('change', (e) => receive('declarative', e, input.files));
      window.__declarativeInput = () => input;
    }
  },
);
const zone = document.getElementById('zone');
zone.addEventListener('dragover', (e) => e.preventDefault());
zone.addEventListener('drop', (e) => {
  e.preventDefault();
  receive('drop', e, e.dataTransfer.files);
});
const editor = document.getElementById('editor');
editor.addEventListener('paste', (e) => {
  e.preventDefault();
  receive('paste', e, e.clipboardData.files);
});
