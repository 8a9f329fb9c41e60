// Firefox: the uploads a destroyed earlier instance of this script held (held-stash.ts), made into
// deliveries again, each to where it was going, so this instance holds them as if just chosen.
import { embeddedImages } from './capture';
import type { Delivery } from './delivery';
import { dropDelivery } from './drop-delivery';
import { type Inherited, takeOverHeld } from './held-stash';
import { holdInput } from './input-delivery';
import { pasteDelivery } from './paste-delivery';

function delivery({ source, resume }: Inherited, blocked: (messageKey: string) => void): Delivery | null {
  const { target, files, strings, point } = resume;
  if (source === 'input') {
    // The input went with the page's own changes: there is nowhere to deliver the files.
    if (!(target instanceof HTMLInputElement) || target.type !== 'file') return null;
    return holdInput(target, files, new Event('change'), blocked);
  }
  if (source === 'drop') return dropDelivery(target ?? document.documentElement, files, strings, point);
  const html = strings.find(([type]) => type === 'text/html')?.[1] ?? '';
  return pasteDelivery(
    target ?? document.body ?? document.documentElement,
    files,
    embeddedImages(html),
    strings,
  );
}

/** The deliveries to hold again, and how many could not be (their target is gone). */
export function inheritedUploads(blocked: (messageKey: string) => void): {
  deliveries: Delivery[];
  lost: number;
} {
  const deliveries: Delivery[] = [];
  let lost = 0;
  for (const inherited of takeOverHeld()) {
    const made = delivery(inherited, blocked);
    if (made) deliveries.push(made);
    else lost += 1;
  }
  return { deliveries, lost };
}
