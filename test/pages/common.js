// Shared by the upload scenario pages: records what the page's own code received into window.__log
// (event, isTrusted, file count, SHA-256 of each file's bytes) and posts the files to the stub
// server like a real site would. Tests read __log and GET /uploads.
window.__log = [];

async function sha256(blob) {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Records one delivery; `done` turns true once hashes are computed and the upload finished. */
window.receive = async (via, event, fileList, { upload = true } = {}) => {
  const files = [...(fileList ?? [])];
  const entry = {
    via,
    event: event?.type ?? null,
    isTrusted: event?.isTrusted ?? null,
    count: files.length,
    files: [],
    done: false,
  };
  window.__log.push(entry);
  for (const file of files) {
    entry.files.push({
      name: file.name,
      type: file.type,
      size: file.size,
      lastModified: file.lastModified,
      sha256: await sha256(file),
    });
  }
  if (upload && files.length > 0) {
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    await fetch(`/upload?page=${encodeURIComponent(location.pathname)}&via=${via}`, {
      method: 'POST',
      body: form,
    });
  }
  entry.done = true;
  return entry;
};

/** Pages call this in a frame: the parent's log records it too (same-origin frames only). */
window.receiveInParent = (via, event, files) => {
  const target = window.parent !== window ? window.parent : window;
  try {
    return target.receive(via, event, files);
  } catch {
    return window.receive(via, event, files);
  }
};

window.sha256 = sha256;

/**
 * A browser's own file picker keeps the input that opened it alive until it answers. Driven over
 * WebDriver BiDi no picker opens, and a detached input that nothing else refers to can be garbage-
 * collected before the test chooses its files (Firefox: "no such node", seen under a soak's memory
 * pressure). Pages with detached inputs keep them here, as the picker would, until they answer.
 */
const picking = new Set();
window.keepWhilePicking = (input) => {
  picking.add(input);
  const answered = () => picking.delete(input);
  input.addEventListener('change', answered);
  input.addEventListener('cancel', answered);
  return input;
};

/** SHA-256 of an image's decoded RGBA pixels: equal for the same picture whatever its encoding. */
window.pixelHash = async (blob) => {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  context.drawImage(bitmap, 0, 0);
  return sha256(new Blob([context.getImageData(0, 0, bitmap.width, bitmap.height).data]));
};
