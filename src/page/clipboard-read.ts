// navigator.clipboard.read(): the page gets image blobs with no event the gate could hold, so the
// promise is held instead; images are checked and the page receives ClipboardItems with only what
// the gate lets through (a processed copy in place of the original where asked).
import { patchMethod } from './disguise';
import { natives } from './natives';
import { submitted } from './port';

type Read = (this: Clipboard, ...args: unknown[]) => Promise<ClipboardItem[]>;

export function hookClipboardRead(): void {
  if (typeof Clipboard === 'undefined' || typeof ClipboardItem === 'undefined') return;
  patchMethod(Clipboard.prototype, 'read', (original: Read) => {
    const { read } = {
      async read(this: Clipboard, ...args: unknown[]) {
        const items = await original.apply(this, args);
        const images: Array<{ item: number; type: string }> = [];
        const files: File[] = [];
        for (let i = 0; i < items.length; i++) {
          const types = natives.clipboardTypes(items[i]!);
          for (let t = 0; t < types.length; t++) {
            const type = types[t]!;
            if (!type.startsWith('image/')) continue;
            const blob = await natives.clipboardBlob(items[i]!, type);
            natives.append(images, { item: i, type });
            natives.append(files, natives.file([blob], `clipboard-image-${i + 1}`, { type }));
          }
        }
        if (!natives.anyImage(files)) return items;
        const outcomes = await submitted('clipboard', files, '');
        const result: ClipboardItem[] = [];
        for (let i = 0; i < items.length; i++) {
          const record: Record<string, Blob | Promise<Blob>> = {};
          const types = natives.clipboardTypes(items[i]!);
          for (let t = 0; t < types.length; t++) {
            const type = types[t]!;
            let index = -1;
            for (let k = 0; k < images.length; k++)
              if (images[k]!.item === i && images[k]!.type === type) index = k;
            const outcome = index === -1 ? 'keep' : outcomes[index];
            if (outcome === 'keep') record[type] = natives.clipboardBlob(items[i]!, type);
            else if (typeof outcome === 'object') record[type] = outcome;
          }
          if (Object.keys(record).length > 0) result.push(new ClipboardItem(record));
        }
        return result;
      },
    };
    return read;
  });
}
