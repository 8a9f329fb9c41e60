// Reading and changing the extension's state from one of its own pages, as the pages themselves do.
import type { Browser as Ext } from 'webextension-polyfill';
import type { BrowserSession, TestPage } from './session';

type Json = Record<string, unknown>;

/** Reads or changes stored settings from an extension page. */
export function storedSettings(page: TestPage, change?: Json): Promise<Json> {
  return page.evaluate(async (change: Json | null) => {
    const g = globalThis as unknown as { browser?: Ext; chrome: Ext };
    const api = g.browser ?? g.chrome;
    const area = api.storage.sync ?? api.storage.local;
    const current = ((await area.get('settings')).settings ?? {}) as Json;
    if (!change) return current;
    const next = { ...current, ...change, version: 1 };
    await area.set({ settings: next });
    return next;
  }, change ?? null);
}

/** The id of the first tab whose address starts with prefix (-1 when none), asked from an extension page. */
export async function tabIdOf(session: BrowserSession, prefix: string): Promise<number> {
  const helper = await session.openExtensionPage('learn.html');
  try {
    return await helper.evaluate(async (prefix: string) => {
      const g = globalThis as unknown as { browser?: Ext; chrome: Ext };
      const tabs = await (g.browser ?? g.chrome).tabs.query({});
      return tabs.find((tab) => tab.url?.startsWith(prefix))?.id ?? -1;
    }, prefix);
  } finally {
    await helper.close();
  }
}
