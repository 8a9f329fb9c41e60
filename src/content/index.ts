// Isolated-world content script (document_start, every frame of protected sites): the upload gate.
// Cheap until an upload happens: four capture listeners on window, one MessageChannel for the
// page-world hooks, and a settings read; the warning UI is created on first need.

import { DEFAULT_SETTINGS, type Settings, setSiteEnabled, siteState } from '../core/settings';
import { builtinSiteFor } from '../core/sites';
import { send } from '../platform/messaging';
import { loadSettings, onSettingsChanged, saveSettings } from '../platform/settings-store';
import { listenForUploads } from './capture';
import { checkImage, makeCopy } from './check';
import type { WarningUi } from './decision';
import { answerFrameAsks, uiForFrame } from './frames';
import { createGate } from './gate';
import { openPagePort } from './page-port';
import { watchShadowRoots } from './shadow-roots';
import { createWarningUi } from './warning/index';

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
});
const currentSettings = async () => settings ?? (await settingsReady);
const isProtected = (s: Settings) => siteState(pageUrl, s).protected;

let warningUi: WarningUi | null = null;
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
  disableSite: () => {
    void currentSettings().then((s) => {
      const key = siteState(pageUrl, s).key;
      if (key) void saveSettings({ disabledSites: setSiteEnabled(s, key, false).disabledSites });
    });
  },
});

const hold = (delivery: Parameters<typeof gate.hold>[0]) => void gate.hold(delivery);
const captureOptions = {
  // Before settings arrive, hold anyway: the gate waits for them and lets the upload through if the site is off.
  active: () => settings === null || isProtected(settings),
  hold,
  blocked: (messageKey: string) => ui().toast(messageKey),
};
listenForUploads(window, captureOptions);
watchShadowRoots((root) => listenForUploads(root, captureOptions));
openPagePort(hold);
answerFrameAsks(localUi);
// A held upload must never be stranded: when the page goes (or bfcache freezes it), release it.
window.addEventListener('pagehide', () => gate.releaseAll());
