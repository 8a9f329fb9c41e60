// What the warning needs from the extension: the language and cover-style settings and opening the
// explanation page.
// The preview harness (test/e2e/warning-preview/) replaces this module with a stub at bundle time.
import { type Language, resolveLanguage } from '../../core/i18n';
import type { BlurStyle } from '../../core/settings';
import { send } from '../../platform/messaging';
import { loadSettings } from '../../platform/settings-store';

export async function currentLanguage(): Promise<Language> {
  const settings = await loadSettings();
  return resolveLanguage(settings.language, navigator.language);
}

/** How the safer copy will cover faces (the words of the actions depend on it). */
export async function currentCoverStyle(): Promise<BlurStyle> {
  return (await loadSettings()).blurStyle;
}

export function openLearnPage(): void {
  void send('open-page', { page: 'learn' }).catch(() => undefined);
}
