import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../../scripts/locales.mjs';
import { hasMessage, resolveLanguage, translate } from '../../src/core/i18n';

const catalogs = loadCatalogs() as Record<string, Record<string, { message: string }>>;
const SRC = new URL('../../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|html)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('locale catalogs', () => {
  it('have the same keys in English and Chinese', () => {
    expect(Object.keys(catalogs.zh_CN!).sort()).toEqual(Object.keys(catalogs.en!).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, { message }] of Object.entries(catalogs.en!)) {
      const placeholders = (text: string) => [...new Set(text.match(/\$\d/g) ?? [])].sort();
      expect(placeholders(catalogs.zh_CN![key]!.message), key).toEqual(placeholders(message));
    }
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

describe('translate', () => {
  it('fills placeholders in order and falls back to the key when unknown', () => {
    expect(translate('en', 'ext_name')).toBe('FaceGuard');
    expect(translate('zh_CN', 'ext_name')).toBe('护脸 FaceGuard');
    expect(translate('en', 'no_such_key')).toBe('no_such_key');
  });

  it('resolves the browser language to Chinese or English', () => {
    expect(resolveLanguage('browser', 'zh-CN')).toBe('zh_CN');
    expect(resolveLanguage('browser', 'zh-TW')).toBe('zh_CN');
    expect(resolveLanguage('browser', 'en-US')).toBe('en');
    expect(resolveLanguage('browser', 'fr')).toBe('en');
    expect(resolveLanguage('en', 'zh-CN')).toBe('en');
  });
});
