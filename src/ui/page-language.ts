// Shared by every extension page: picks the language from settings and fills [data-i18n] elements.
import browser from 'webextension-polyfill';
import { type Language, languageTag, resolveLanguage, type Translate, translator } from '../core/i18n';
import type { Settings } from '../core/settings';

export function pageLanguage(settings: Settings): Language {
  return resolveLanguage(settings.language, browser.i18n.getUILanguage());
}

/** Sets text of [data-i18n] elements and [data-i18n-attr="attr:key"] attributes; sets <html lang>. */
export function localizePage(root: ParentNode, language: Language): Translate {
  const t = translator(language);
  document.documentElement.lang = languageTag(language);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n!);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr!.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr, t(key));
    }
  }
  return t;
}
