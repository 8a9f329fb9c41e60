// Stands in for src/content/warning/platform.ts in the preview bundle (no extension APIs on a plain page).
import type { Language } from '../../../src/core/i18n';

declare global {
  interface Window {
    __fgOpened?: number;
  }
}

export async function currentLanguage(): Promise<Language> {
  return new URLSearchParams(location.search).get('lang') === 'zh_CN' ? 'zh_CN' : 'en';
}

export function openLearnPage(): void {
  window.__fgOpened = (window.__fgOpened ?? 0) + 1;
}
