// What a drop or paste carried besides files (text, HTML, URLs), copied out synchronously: the
// browser empties the DataTransfer once the event is over, and the replay must carry it all.
export type StringData = Array<[type: string, value: string]>;

export function copyStrings(transfer: DataTransfer): StringData {
  return transfer.types.filter((type) => type !== 'Files').map((type) => [type, transfer.getData(type)]);
}

export function filledTransfer(files: readonly File[], strings: StringData): DataTransfer {
  const transfer = new DataTransfer();
  for (const [type, value] of strings) transfer.setData(type, value);
  for (const file of files) transfer.items.add(file);
  return transfer;
}

/** Images embedded as data: URLs in pasted HTML (e.g. copied from a web page or an editor). */
export function dataUrlImages(html: string): string[] {
  if (!html.includes('data:image/')) return [];
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return [...doc.images]
    .map((img) => img.getAttribute('src') ?? '')
    .filter((src) => src.startsWith('data:image/'));
}

/** The pasted HTML with each data: image replaced by a new URL, or removed (null). */
export function rewriteDataUrlImages(html: string, replacements: ReadonlyMap<string, string | null>): string {
  if (replacements.size === 0) return html;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const img of [...doc.images]) {
    const src = img.getAttribute('src') ?? '';
    if (!replacements.has(src)) continue;
    const next = replacements.get(src);
    if (next === null || next === undefined) img.remove();
    else img.setAttribute('src', next);
  }
  return doc.body.innerHTML;
}

export function fileFromDataUrl(url: string, name: string): File | null {
  const match = /^data:(image\/[a-z0-9.+-]+)(;[^,]*)?,(.*)$/is.exec(url);
  if (!match) return null;
  const [, type, params = '', body = ''] = match;
  try {
    const text = params.includes(';base64') ? atob(body) : decodeURIComponent(body);
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    return new File([bytes], `${name}.${type!.split('/')[1]!.replace('jpeg', 'jpg').replace(/\+.*/, '')}`, {
      type: type!,
    });
  } catch {
    return null;
  }
}

export function dataUrlOf(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
