// Isolated-world content script (document_start, every frame of protected sites): the upload gate,
// and the watch for identity numbers in what the person writes. Cheap until an upload happens or a
// field holds a number: capture listeners on window, one MessageChannel for the page-world hooks, and
// a settings read; the warning UI is created on first need.

import browser from 'webextension-polyfill';
import {
  DEFAULT_SETTINGS,
  idNumberNoticesOn,
  type Settings,
  setIdNumberQuiet,
  setSiteEnabled,
  siteState,
} from '../core/settings';
import { builtinSiteFor } from '../core/sites';
import { send } from '../platform/messaging';
import { loadSettings, onSettingsChanged, saveSettings } from '../platform/settings-store';
import { listenForUploads } from './capture';
import { checkImage, makeCopy, warmAnalyzer } from './check';
import type { Delivery } from './delivery';
import { answerFrameAsks, uiForFrame } from './frames';
import { createGate } from './gate';
import { HELD_TAG, keepHeld } from './held-stash';
import { createIdNumberWatch } from './id-numbers/watch';
import { watchIntent } from './intent';
import { openPagePort } from './page-port';
import { watchShadowRoots } from './shadow-roots';
import { inheritedUploads } from './take-over';
import { createWarningUi } from './warning/index';
import { HOST_TAG, removeLeftoverUi } from './warning/leftovers';

// about:blank and srcdoc frames have no URL of their own; they belong to the origin that made them.
const pageUrl = new URL(location.protocol === 'about:' ? self.origin : location.href);

let settings: Settings | null = null;
const settingsReady = loadSettings().then((loaded) => {
  settings ??= loaded;
  return settings;
});
// The per-site switch and every other setting apply at once, to uploads held from then on.
onSettingsChanged((changed) => {
  settings = changed;
  idNumbers.refresh();
});
const currentSettings = async () => settings ?? (await settingsReady);
const isProtected = (s: Settings) => siteState(pageUrl, s).protected;

let warningUi: ReturnType<typeof createWarningUi> | null = null;
const localUi = () => {
  warningUi ??= createWarningUi();
  return warningUi;
};
const ui = uiForFrame(localUi);

const siteKey = siteState(pageUrl, DEFAULT_SETTINGS).key;
const gate = createGate({
  settings: currentSettings,
  isProtected,
  context: {
    siteKey: siteKey ?? pageUrl.hostname,
    siteLabel: builtinSiteFor(pageUrl)?.name ?? pageUrl.hostname,
  },
  ui,
  check: (file, s) => checkImage(file, s.sensitivity, s.timeLimitSeconds * 1000),
  makeCopy: (file, kind, verdict, faces, s) =>
    makeCopy(
      file,
      kind,
      (faces ?? verdict.faces.map((_, i) => i)).flatMap((i) => verdict.faces[i]?.box ?? []),
      s.blurStyle,
      // A document's copy also covers its portrait and identifying lines.
      kind === 'blur' ? (verdict.document?.cover ?? []) : [],
    ),
  record: (summary) => void send('record-check', summary).catch(() => undefined),
  // Chrome keeps an updated or reloaded extension's content scripts running, cut off from it.
  orphaned: () => {
    try {
      return !browser.runtime?.id;
    } catch {
      return true;
    }
  },
  disableSite: () => {
    void currentSettings().then((s) => {
      const key = siteState(pageUrl, s).key;
      if (key) void saveSettings({ disabledSites: setSiteEnabled(s, key, false).disabledSites });
    });
  },
});

const idNumbers = createIdNumberWatch({
  active: () => settings !== null && idNumberNoticesOn(pageUrl, settings),
  ui: localUi,
  found: (count) => void send('record-id-numbers', { count }).catch(() => undefined),
  quiet: () => {
    void currentSettings().then((s) => {
      const key = siteState(pageUrl, s).key;
      if (key) void saveSettings({ idNumberQuietSites: setIdNumberQuiet(s, key, true).idNumberQuietSites });
    });
  },
});

const hold = (delivery: Delivery) => {
  if (__BROWSER__ !== 'firefox') {
    void gate.hold(delivery);
    return;
  }
  // Kept where this script's successor finds it, should Firefox destroy this one meanwhile: until the
  // page has what was released (a replay is the page world's to dispatch, a moment later).
  const forget = keepHeld(delivery);
  void gate.hold({
    ...delivery,
    settle(outcomes) {
      const handedOver = delivery.settle(outcomes);
      if (handedOver) void handedOver.then(forget, forget);
      else forget();
    },
  });
};
const captureOptions = {
  // Before settings arrive, hold anyway: the gate waits for them and lets the upload through if the site is off.
  active: () => settings === null || isProtected(settings),
  hold,
  blocked: (messageKey: string) => ui().toast(messageKey),
};
listenForUploads(window, captureOptions);
idNumbers.listen(window);
watchShadowRoots((root) => {
  listenForUploads(root, captureOptions);
  idNumbers.listen(root);
});
openPagePort(hold);
answerFrameAsks(localUi);
// A held upload must never be stranded: when the page goes (or bfcache freezes it), settle it.
window.addEventListener('pagehide', () => gate.releaseAll());

// Firefox destroys this script when the extension is updated or reloaded and runs the new version in
// open tabs: the old one's dead warning is taken away and its held uploads are held again here.
if (__BROWSER__ === 'firefox' && document.querySelector(`${HOST_TAG}, ${HELD_TAG}`)) {
  const questionClosed = removeLeftoverUi();
  const { deliveries, lost } = inheritedUploads(captureOptions.blocked);
  if (deliveries.length + lost > 0) ui().toast('gate_taken_over', [String(deliveries.length + lost)]);
  // Its question was about a photo the page world held: that photo stays with the person.
  else if (questionClosed) ui().toast('gate_question_closed');
  for (const delivery of deliveries) hold(delivery);
}

// No cold first photo: a sign of an upload coming warms the analyzer (never the page load itself).
watchIntent(window, {
  active: () => settings !== null && isProtected(settings),
  warm: () => void warmAnalyzer(),
});
