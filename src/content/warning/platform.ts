// What the warning needs from the extension: the language setting and opening the explanation page.
// The preview harness (test/e2e/warning-preview/) replaces this module with a stub at bundle time.
import { type Language, resolveLanguage } from '../../core/i18n';
import { send } from '../../platform/messaging';
import { loadSettings } from '../../platform/settings-store';

export async function currentLanguage(): Promise<Language> {
  const settings = await loadSettings();
  return resolveLanguage(settings.language, navigator.language);
}

export function openLearnPage(): void {
  void send('open-page', { page: 'learn' }).catch(() => undefined);
}
