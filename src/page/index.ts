// MAIN-world script (document_start, every frame of protected sites): hooks for the uploads the
// gate's window listeners cannot see. It decides nothing and shows nothing: files go to the gate
// over a private port (port.ts) and come back as the gate decides. natives.ts is imported first so
// the originals are saved before anything here or on the page patches them.
import { HOST_TAG, removeLeftoverUi } from '../content/warning/leftovers';
import { hookClipboardRead } from './clipboard-read';
import { hookDeliveryWatch } from './delivery-watch';
import { installDisguise } from './disguise';
import { hookDropHandles } from './drop-handles';
import { natives } from './natives';
import { hookOpenFilePicker } from './open-file-picker';
import { hookPickers } from './picker-hooks';
import { anyGateAlive, ownReplay, receivePort } from './port';
import { listenForReplayTargets } from './replay';
import { hookShadowRoots } from './shadow-roots';

receivePort();
// A warning whose content script Firefox destroyed (the extension removed) stays on the page, dead,
// and a modal one leaves the page inert: the next click or key on it takes it away, unless a newer
// version's script runs here (it clears what is left at its start and shows its own).
for (const type of ['pointerdown', 'keydown']) {
  natives.listen(window, type, (event) => {
    if ((event.target as Element | null)?.localName === HOST_TAG && !anyGateAlive()) removeLeftoverUi();
  });
}
if (__BROWSER__ === 'firefox') listenForReplayTargets(ownReplay);
installDisguise();
hookPickers();
hookShadowRoots();
hookOpenFilePicker();
hookDropHandles();
hookClipboardRead();
hookDeliveryWatch();
