// Translation for every context. Catalogs are bundled (not read through browser.i18n) so the
// language setting can differ from the browser's. Placeholders are $1..$9 as in messages.json.
import catalogsJson from 'faceguard:messages';

export type Language = 'en' | 'zh_CN' | 'zh_TW';

let parsed: Record<Language, Record<string, string>> | null = null;
/** Parsed on first use (see scripts/locales.mjs): most frames a content script runs in never need a word. */
const catalogs = () => {
  parsed ??= JSON.parse(catalogsJson) as Record<Language, Record<string, string>>;
  return parsed;
};
export type LanguageSetting = 'browser' | Language;

/**
 * Traditional Chinese for Taiwan, Hong Kong and Macau and for any tag that names the Hant script;
 * Simplified for every other Chinese; English otherwise.
 */
export function resolveLanguage(setting: LanguageSetting, browserLanguage: string): Language {
  if (setting !== 'browser') return setting;
  const tag = browserLanguage.toLowerCase().replace(/_/g, '-');
  if (!/^zh(-|$)/.test(tag)) return 'en';
  if (/-hans(-|$)/.test(tag)) return 'zh_CN';
  return /-(hant|tw|hk|mo)(-|$)/.test(tag) ? 'zh_TW' : 'zh_CN';
}

/** The BCP 47 tag for <html lang> and Intl (dates, times). */
export function languageTag(language: Language): string {
  return language.replace('_', '-');
}

export function hasMessage(key: string): boolean {
  return key in catalogs().en;
}

export function translate(language: Language, key: string, values: readonly string[] = []): string {
  const template = catalogs()[language][key] ?? catalogs().en[key];
  if (template === undefined) return key;
  return template.replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1] ?? '');
}

/** A translator bound to one language, the shape UI code passes around. */
export type Translate = (key: string, values?: readonly string[]) => string;

export function translator(language: Language): Translate {
  return (key, values) => translate(language, key, values);
}
