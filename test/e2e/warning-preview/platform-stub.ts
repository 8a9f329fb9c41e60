// Stands in for src/content/warning/platform.ts in the preview bundle (no extension APIs on a plain page).
import type { Language } from '../../../src/core/i18n';
import type { BlurStyle } from '../../../src/core/settings';

declare global {
  interface Window {
    __fgOpened?: number;
  }
}

const params = new URLSearchParams(location.search);

export async function currentLanguage(): Promise<Language> {
  const lang = params.get('lang');
  return lang === 'zh_CN' || lang === 'zh_TW' ? lang : 'en';
}

/** ?style=blur|fill (default: fill, as in settings). */
export async function currentCoverStyle(): Promise<BlurStyle> {
  return params.get('style') === 'blur' ? 'blur' : 'fill';
}

export function openLearnPage(): void {
  window.__fgOpened = (window.__fgOpened ?? 0) + 1;
}
