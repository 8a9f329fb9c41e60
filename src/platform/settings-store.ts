// Reads and writes Settings in extension storage: sync where the browser has it (so the choice follows
// the person), local otherwise. Never throws: a broken store reads as defaults.
import browser from 'webextension-polyfill';
import { parseSettings, type Settings, updateSettings } from '../core/settings';

const KEY = 'settings';

function area(): browser.Storage.StorageArea {
  // storage.sync exists but fails without a signed-in profile on some builds; local is the fallback.
  return browser.storage.sync ?? browser.storage.local;
}

export async function loadSettings(): Promise<Settings> {
  try {
    const stored = await area().get(KEY);
    return parseSettings(stored[KEY]);
  } catch {
    try {
      return parseSettings((await browser.storage.local.get(KEY))[KEY]);
    } catch {
      return parseSettings(undefined);
    }
  }
}

export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const next = updateSettings(await loadSettings(), change);
  try {
    await area().set({ [KEY]: next });
  } catch {
    await browser.storage.local.set({ [KEY]: next });
  }
  return next;
}

/** Calls back with fresh settings whenever they change, in any context. Returns an unsubscribe. */
export function onSettingsChanged(callback: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>) => {
    if (KEY in changes) callback(parseSettings(changes[KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
