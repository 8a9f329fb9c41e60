// Isolated-world content script (document_start, every frame of protected sites).
// Foundation step: notices images chosen in file inputs and marks the document; the upload gate
// replaces this with hold-check-release.
let noticed = 0;

window.addEventListener(
  'change',
  (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.files) return;
    const images = [...input.files].filter((file) => file.type.startsWith('image/'));
    if (images.length === 0) return;
    noticed += images.length;
    document.documentElement.dataset.faceguardNoticed = String(noticed);
  },
  true,
);
