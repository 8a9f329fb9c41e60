// The background: routes messages, keeps recent checks, opens extension pages. Listeners are added
// synchronously at top level so a restarted service worker still receives the message that woke it.
import browser from 'webextension-polyfill';
import { loadSettings, onSettingsChanged } from '../platform/settings-store';
import { analyzerHandlers } from './analyzer-host';
import { completePendingSite, syncCustomSites } from './custom-sites';
import { clearRecent, readRecent, recordCheck, recordIdNumbers } from './recent-checks';
import { listen } from './router';

listen({
  ...analyzerHandlers,
  'record-check': async (summary) => {
    await recordCheck(summary);
    return null;
  },
  'record-id-numbers': async ({ count }) => {
    await recordIdNumbers(count);
    return null;
  },
  'get-recent': () => readRecent(),
  'clear-recent': async () => {
    await clearRecent();
    return null;
  },
  // A frame too small for the dialog asks its tab's top frame to show it (src/content/frames.ts).
  'frame-ask': async (data, sender) => {
    if (sender.tab?.id === undefined) throw new Error('frame-ask comes from a tab');
    return browser.tabs.sendMessage(sender.tab.id, { type: 'frame-ask', data }, { frameId: 0 });
  },
  'open-page': async ({ page }) => {
    await browser.tabs.create({ url: browser.runtime.getURL(`${page}.html`) });
    return null;
  },
});

// First run: show what FaceGuard does and, where the browser withheld it, ask for site access.
browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('welcome.html') });
});

// Sites the person added: keep their registered content scripts in step with settings and permissions.
onSettingsChanged((settings) => void syncCustomSites(settings));
browser.permissions.onAdded.addListener(({ origins }) => void completePendingSite(origins ?? []));
browser.permissions.onRemoved.addListener(() => void loadSettings().then(syncCustomSites));
void loadSettings().then(syncCustomSites);
