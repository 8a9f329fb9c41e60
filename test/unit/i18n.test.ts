import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_AREAS, loadCatalogs } from '../../scripts/locales.mjs';
import { hasMessage, languageTag, resolveLanguage, translate } from '../../src/core/i18n';

const catalogs = loadCatalogs() as Record<string, Record<string, { message: string }>>;
const SRC = new URL('../../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|html)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const LOCALES = ['en', 'zh_CN', 'zh_TW'] as const;
const placeholders = (text: string) => [...new Set(text.match(/\$\d/g) ?? [])].sort();

/** Every character of WHATWG Big5 (Traditional Chinese, with the Hong Kong additions). */
function big5Characters(): Set<string> {
  const decoder = new TextDecoder('big5');
  const chars = new Set<string>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      for (const ch of decoder.decode(new Uint8Array([lead, trail]))) chars.add(ch);
    }
  }
  return chars;
}

describe('locale catalogs', () => {
  it('are English, Simplified Chinese and Traditional Chinese, each from its own folder', () => {
    expect(Object.keys(catalogs).sort()).toEqual([...LOCALES].sort());
    for (const lang of LOCALES) {
      expect(readdirSync(join(SRC, 'i18n', lang)).sort(), lang).toEqual(
        readdirSync(join(SRC, 'i18n', 'en')).sort(),
      );
    }
  });

  it.each(LOCALES.slice(1))('%s has exactly the keys of English', (lang) => {
    expect(Object.keys(catalogs[lang]!).sort()).toEqual(Object.keys(catalogs.en!).sort());
  });

  it.each(LOCALES.slice(1))('%s uses the same placeholders as English', (lang) => {
    for (const [key, { message }] of Object.entries(catalogs.en!)) {
      expect(placeholders(catalogs[lang]![key]!.message), `${lang}/${key}`).toEqual(placeholders(message));
    }
  });

  it('writes Traditional Chinese in Traditional characters and Taiwan/Hong Kong words', () => {
    const big5 = big5Characters();
    // Words a character conversion of Simplified text would leave in: mainland usage, not Taiwan's
    // or Hong Kong's (影片, 預設, 網路, 軟體, 使用者, 帳號, 點按, 設定, 畫質, 連結, 螢幕, 載入, 選單).
    const mainland = [
      '視頻',
      '默認',
      '網絡',
      '軟件',
      '用戶',
      '賬號',
      '點擊',
      '設置',
      '質量',
      '鏈接',
      '屏幕',
      '加載',
      '菜單',
    ];
    for (const [key, { message }] of Object.entries(catalogs.zh_TW!)) {
      const han = [...message].filter((ch) => /\p{Script=Han}/u.test(ch));
      expect(
        han.filter((ch) => !big5.has(ch)),
        `zh_TW/${key}`,
      ).toEqual([]);
      // Names of mainland laws and crimes are quoted as they are written.
      const own = message.replace(/《[^》]*》|「[^」]*罪」/g, '');
      expect(
        mainland.filter((word) => own.includes(word)),
        `zh_TW/${key}`,
      ).toEqual([]);
    }
    // Not Simplified under another name: most messages differ from their zh_CN text.
    const same = Object.keys(catalogs.zh_TW!).filter(
      (key) =>
        /\p{Script=Han}/u.test(catalogs.zh_TW![key]!.message) &&
        catalogs.zh_TW![key]!.message === catalogs.zh_CN![key]!.message,
    );
    expect(same.length, same.join(', ')).toBeLessThan(Object.keys(catalogs.en!).length * 0.05);
  });

  it('have non-empty messages and keys Chrome accepts', () => {
    for (const lang of Object.keys(catalogs)) {
      for (const [key, entry] of Object.entries(catalogs[lang]!)) {
        expect(key).toMatch(/^[a-z0-9_]+$/);
        expect(entry.message.trim().length, `${lang}/${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('contain every key the source code refers to', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/data-i18n="([a-z0-9_]+)"|\bt\('([a-z0-9_]+)'|__MSG_([a-z0-9_]+)__/g)) {
        used.add((m[1] ?? m[2] ?? m[3])!);
      }
    }
    for (const m of readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8').matchAll(
      /__MSG_([a-z0-9_]+)__/g,
    )) {
      used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((key) => !hasMessage(key))).toEqual([]);
  });
});

describe("the content script's strings", () => {
  it("hold every key named outside the extension pages (the analyzer's reasons included)", () => {
    const content = loadCatalogs(CONTENT_AREAS);
    const keys = new Set(Object.keys(catalogs.en!));
    const missing: string[] = [];
    let named = 0;
    for (const file of sourceFiles(SRC).filter((f) => !f.startsWith(join(SRC, 'ui')))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`]([a-z0-9_]+)['"`]/g)) {
        if (!keys.has(m[1]!)) continue;
        named++;
        if (!(m[1]! in content.en!)) missing.push(`${file.slice(SRC.length)}: ${m[1]}`);
      }
    }
    expect(named).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it("leave out the pages' own strings", () => {
    const content = loadCatalogs(CONTENT_AREAS);
    expect(Object.keys(content.zh_TW!).sort()).toEqual(Object.keys(content.en!).sort());
    expect(Object.keys(content.en!).length).toBeLessThan(Object.keys(catalogs.en!).length / 2);
  });
});

describe('translate', () => {
  it('fills placeholders in order and falls back to the key when unknown', () => {
    expect(translate('en', 'ext_name')).toBe('FaceGuard');
    expect(translate('zh_CN', 'ext_name')).toBe('护脸 FaceGuard');
    expect(translate('zh_TW', 'ext_name')).toBe('護臉 FaceGuard');
    expect(translate('en', 'no_such_key')).toBe('no_such_key');
  });

  it('resolves the browser language to Simplified, Traditional or English', () => {
    expect(resolveLanguage('browser', 'zh-CN')).toBe('zh_CN');
    expect(resolveLanguage('browser', 'zh')).toBe('zh_CN');
    expect(resolveLanguage('browser', 'zh-SG')).toBe('zh_CN');
    expect(resolveLanguage('browser', 'zh-Hans-HK')).toBe('zh_CN');
    expect(resolveLanguage('browser', 'zh-TW')).toBe('zh_TW');
    expect(resolveLanguage('browser', 'zh-HK')).toBe('zh_TW');
    expect(resolveLanguage('browser', 'zh-MO')).toBe('zh_TW');
    expect(resolveLanguage('browser', 'zh_TW')).toBe('zh_TW');
    expect(resolveLanguage('browser', 'zh-Hant')).toBe('zh_TW');
    expect(resolveLanguage('browser', 'zh-hant-cn')).toBe('zh_TW');
    expect(resolveLanguage('browser', 'en-US')).toBe('en');
    expect(resolveLanguage('browser', 'zht')).toBe('en');
    expect(resolveLanguage('browser', 'fr')).toBe('en');
    expect(resolveLanguage('en', 'zh-CN')).toBe('en');
    expect(resolveLanguage('zh_TW', 'en-US')).toBe('zh_TW');
  });

  it('gives each language its BCP 47 tag', () => {
    expect(languageTag('en')).toBe('en');
    expect(languageTag('zh_CN')).toBe('zh-CN');
    expect(languageTag('zh_TW')).toBe('zh-TW');
  });
});
