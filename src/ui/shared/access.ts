// Host access for the built-in sites and for sites the person adds. Requests must start inside the
// click handler, synchronously: Firefox only allows permissions.request while handling user input.
import browser from 'webextension-polyfill';
import { addCustomSite, removeCustomSite } from '../../core/settings';
import { BUILTIN_SITES, patternsForHost } from '../../core/sites';
import { changeSettings } from './page';

/** Must match PENDING_KEY in src/background/custom-sites.ts. */
const PENDING_KEY = 'pendingCustomSite';

export const BUILTIN_ORIGINS: string[] = BUILTIN_SITES.flatMap((site) => site.matches);

/** False when the browser withholds access to some built-in site (Firefox lets people do that in MV3). */
export async function hasBuiltinAccess(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: BUILTIN_ORIGINS });
  } catch {
    return true;
  }
}

/** Call directly from a click handler. */
export function requestBuiltinAccess(): Promise<boolean> {
  return browser.permissions.request({ origins: BUILTIN_ORIGINS }).catch(() => false);
}

/**
 * Asks for the host's origins and, when granted, adds it to settings (the background then registers
 * the content scripts). Call directly from a click handler. The host is also noted as pending, because
 * Firefox closes the popup when its permission prompt opens; the background finishes the job then.
 */
export function protectSite(host: string): Promise<boolean> {
  void browser.storage.local.set({ [PENDING_KEY]: host });
  return browser.permissions
    .request({ origins: patternsForHost(host) })
    .then(async (granted) => {
      if (granted) await changeSettings((s) => addCustomSite(s, host));
      await browser.storage.local.remove(PENDING_KEY);
      return granted;
    })
    .catch(() => false);
}

/** Removes an added site from settings and gives its permission back. */
export async function unprotectSite(host: string): Promise<void> {
  await changeSettings((s) => removeCustomSite(s, host));
  try {
    await browser.permissions.remove({ origins: patternsForHost(host) });
  } catch {
    // Already gone, or the browser refuses: the background has unregistered the scripts either way.
  }
}
