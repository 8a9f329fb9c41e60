// The demo composer behaves like a typical social site: photos upload the moment they are chosen,
// dropped or pasted. window.__log records what the page's own code received (used by tests).
window.__log = [];
const composer = document.getElementById('composer');
const input = document.getElementById('photo-input');
const text = document.getElementById('text');
const list = document.getElementById('attachments');
const logList = document.getElementById('log');

async function sha256(file) {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function receive(files, via, event) {
  const images = [...files];
  const entry = { via, isTrusted: event.isTrusted, count: images.length, files: [] };
  window.__log.push(entry);
  for (const file of images) {
    entry.files.push({
      name: file.name,
      type: file.type,
      size: file.size,
      lastModified: file.lastModified,
      sha256: await sha256(file),
    });
    const item = document.createElement('li');
    const img = document.createElement('img');
    img.alt = file.name;
    img.src = URL.createObjectURL(file);
    const state = document.createElement('div');
    state.className = 'state';
    state.textContent = 'uploading…';
    item.append(img, state);
    list.append(item);
    const form = new FormData();
    form.append('photo', file, file.name);
    const res = await fetch(`/upload?via=${via}`, { method: 'POST', body: form });
    state.textContent = res.ok ? 'uploaded ✓' : 'upload failed';
  }
  const line = document.createElement('li');
  line.textContent = `${via}: ${images.map((f) => f.name).join(', ') || '(nothing)'} (trusted: ${event.isTrusted})`;
  logList.append(line);
}

document.getElementById('photo-button').addEventListener('click', () => input.click());
input.addEventListener('change', (event) => {
  if (input.files.length) receive(input.files, 'input', event);
  input.value = '';
});

composer.addEventListener('dragenter', (e) => {
  e.preventDefault();
  composer.classList.add('dragging');
});
composer.addEventListener('dragover', (e) => e.preventDefault());
composer.addEventListener('dragleave', (e) => {
  if (!composer.contains(e.relatedTarget)) composer.classList.remove('dragging');
});
composer.addEventListener('drop', (event) => {
  event.preventDefault();
  composer.classList.remove('dragging');
  const files = [...event.dataTransfer.files].filter((f) => f.type.startsWith('image/'));
  if (files.length) receive(files, 'drop', event);
});

text.addEventListener('paste', (event) => {
  const files = [...(event.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
  if (!files.length) return;
  event.preventDefault();
  receive(files, 'paste', event);
});

document.getElementById('post').addEventListener('click', () => {
  const article = document.createElement('article');
  article.textContent = text.textContent || '(photo post)';
  for (const img of list.querySelectorAll('img')) article.append(img.cloneNode());
  document.getElementById('feed').prepend(article);
  text.textContent = '';
  list.textContent = '';
});
