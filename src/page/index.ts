// MAIN-world script (document_start, every frame of protected sites): hooks for the uploads the
// gate's window listeners cannot see. It decides nothing and shows nothing: files go to the gate
// over a private port (port.ts) and come back as the gate decides. natives.ts is imported first so
// the originals are saved before anything here or on the page patches them.
import './natives';
import { hookClipboardRead } from './clipboard-read';
import { hookDeliveryWatch } from './delivery-watch';
import { installDisguise } from './disguise';
import { hookDropHandles } from './drop-handles';
import { hookOpenFilePicker } from './open-file-picker';
import { hookPickers } from './picker-hooks';
import { receivePort } from './port';
import { listenForReplayTargets } from './replay';
import { hookShadowRoots } from './shadow-roots';

receivePort();
if (__BROWSER__ === 'firefox') listenForReplayTargets();
installDisguise();
hookPickers();
hookShadowRoots();
hookOpenFilePicker();
hookDropHandles();
hookClipboardRead();
hookDeliveryWatch();
