// navigator.clipboard.read(): the page gets image blobs with no event the gate could hold, so the
// promise is held instead; images are checked and the page receives ClipboardItems with only what
// the gate lets through (a processed copy in place of the original where asked).
import { mayBeImage } from '../core/held-files';
import { patchMethod } from './disguise';
import { submit } from './port';

type Read = (this: Clipboard, ...args: unknown[]) => Promise<ClipboardItem[]>;

export function hookClipboardRead(): void {
  if (typeof Clipboard === 'undefined' || typeof ClipboardItem === 'undefined') return;
  patchMethod(Clipboard.prototype, 'read', (original: Read) => {
    const { read } = {
      async read(this: Clipboard, ...args: unknown[]) {
        const items = await original.apply(this, args);
        const images: Array<{ item: number; type: string; file: File }> = [];
        for (const [i, item] of items.entries()) {
          for (const type of item.types.filter((t) => t.startsWith('image/'))) {
            const blob = await item.getType(type);
            images.push({ item: i, type, file: new File([blob], `clipboard-image-${i + 1}`, { type }) });
          }
        }
        if (!images.some((image) => mayBeImage(image.file))) return items;
        const outcomes = await submit(
          'clipboard',
          images.map((image) => image.file),
          '',
        );
        return items.flatMap((item, i) => {
          const record: Record<string, Blob | Promise<Blob>> = {};
          for (const type of item.types) {
            const index = images.findIndex((image) => image.item === i && image.type === type);
            const outcome = index === -1 ? 'keep' : outcomes[index];
            if (outcome === 'keep') record[type] = item.getType(type);
            else if (outcome instanceof File) record[type] = outcome;
          }
          return Object.keys(record).length > 0 ? [new ClipboardItem(record)] : [];
        });
      },
    };
    return read;
  });
}
