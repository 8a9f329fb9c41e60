// Sites the person added themselves: their content scripts are registered at run time (the manifest
// only lists the built-in sites). The background keeps the registrations in step with
// settings.customSites and the host permissions actually granted, on start and on every settings change,
// so what the person chose survives restarts and a revoked permission never leaves a broken registration.
import browser from 'webextension-polyfill';
import type { Settings } from '../core/settings';
import { addCustomSite } from '../core/settings';
import { patternsForHost } from '../core/sites';
import { loadSettings, saveSettings } from '../platform/settings-store';

const PREFIX = 'custom:';
/** A host the popup asked permission for; Firefox closes the popup when its prompt opens. */
export const PENDING_KEY = 'pendingCustomSite';

function scriptsFor(host: string): browser.Scripting.RegisteredContentScript[] {
  const common = {
    matches: patternsForHost(host),
    runAt: 'document_start' as const,
    allFrames: true,
    persistAcrossSessions: true,
  };
  return [
    { ...common, id: `${PREFIX}${host}:content`, js: ['content.js'] },
    { ...common, id: `${PREFIX}${host}:page`, js: ['page.js'], world: 'MAIN' as const },
  ];
}

async function granted(host: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: patternsForHost(host) });
  } catch {
    return false;
  }
}

let queue: Promise<unknown> = Promise.resolve();

/** Registers scripts for added hosts with permission, unregisters the rest. Serialised; never throws. */
export function syncCustomSites(settings: Settings): Promise<void> {
  const run = async () => {
    const registered = (await browser.scripting.getRegisteredContentScripts()).filter((s) =>
      s.id.startsWith(PREFIX),
    );
    const wanted: browser.Scripting.RegisteredContentScript[] = [];
    for (const host of settings.customSites) {
      if (await granted(host)) wanted.push(...scriptsFor(host));
    }
    const wantedIds = new Set(wanted.map((s) => s.id));
    const stale = registered.filter((s) => !wantedIds.has(s.id)).map((s) => s.id);
    if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale });
    const have = new Set(registered.map((s) => s.id));
    const missing = wanted.filter((s) => !have.has(s.id));
    if (missing.length > 0) await browser.scripting.registerContentScripts(missing);
  };
  const next = queue.then(run, run).catch((error: unknown) => {
    console.warn('FaceGuard: could not update content scripts for added sites', error);
  });
  queue = next;
  return next;
}

/** After a permission is granted: finish adding the host the popup or settings page asked for. */
export async function completePendingSite(origins: readonly string[]): Promise<void> {
  const pending = (await browser.storage.local.get(PENDING_KEY))[PENDING_KEY];
  if (typeof pending !== 'string') return;
  if (!patternsForHost(pending).every((p) => origins.includes(p))) return;
  await browser.storage.local.remove(PENDING_KEY);
  const settings = await loadSettings();
  const next = addCustomSite(settings, pending);
  if (next !== settings) await saveSettings(next);
  else await syncCustomSites(settings);
}
