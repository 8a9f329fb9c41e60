// The store folder: each language's listing has every field the stores ask for, says what the
// extension's own strings say, stays within the stores' limits and justifies exactly the permissions
// the manifest asks for; the privacy policy given to the stores is the privacy page's text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, loadCatalogs } from '../../scripts/locales.mjs';
import {
  listingSections,
  privacyBlocks,
  privacyPolicyMarkdown,
  STORE_DIR,
} from '../../scripts/store-texts.mjs';

const catalogs = loadCatalogs();
const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as {
  permissions: string[];
  optional_host_permissions?: string[];
};
const PERMISSION_SECTIONS = [...manifest.permissions, 'host permissions'].map((p) => `permission: ${p}`);
const SECTIONS = [
  'name',
  'summary',
  'description',
  'single_purpose',
  ...PERMISSION_SECTIONS,
  'remote_code',
  'data_usage',
];

describe('store listing', () => {
  it('exists for every language of the extension', () => {
    const folders = readdirSync(STORE_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'screenshots')
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES)(
    '%s has every section, in order, and justifies exactly the manifest permissions',
    (lang) => {
      const sections = listingSections(lang);
      expect(Object.keys(sections)).toEqual(SECTIONS);
      for (const [id, text] of Object.entries(sections))
        expect(text.length, `${lang} ${id}`).toBeGreaterThan(0);
    },
  );

  it.each(LANGUAGES)(
    '%s names and sums up the extension as the extension itself does, within store limits',
    (lang) => {
      const sections = listingSections(lang);
      const catalog = catalogs[lang]!;
      expect(sections.name).toBe(catalog.ext_name!.message);
      expect(sections.summary).toBe(catalog.ext_description!.message);
      // Chrome: manifest name <= 75, description <= 132, detailed description <= 16,000; AMO: name <= 50, summary <= 250.
      expect([...sections.name!].length).toBeLessThanOrEqual(50);
      expect([...sections.summary!].length).toBeLessThanOrEqual(132);
      expect([...sections.description!].length).toBeLessThanOrEqual(16_000);
      expect([...sections.single_purpose!].length).toBeLessThanOrEqual(1_000);
    },
  );
});

describe('privacy policy', () => {
  it('is the privacy page: every block of the page, in order', () => {
    const keys = privacyBlocks().map(([, key]) => key);
    expect(keys[0]).toBe('privacy_title');
    expect(keys).toContain('privacy_kept_recent');
    expect(new Set(keys).size).toBe(keys.length);
    // Every string of the privacy area is on the page (none written for the store only or forgotten).
    const area = JSON.parse(readFileSync(new URL('../../src/i18n/en/privacy.json', import.meta.url), 'utf8'));
    expect(keys.sort()).toEqual(
      Object.keys(area)
        .filter((key) => key !== 'privacy_link')
        .sort(),
    );
  });

  it.each(LANGUAGES)(
    '%s in store/ is written from the page strings (node scripts/store-texts.mjs)',
    (lang) => {
      const stored = readFileSync(join(STORE_DIR, lang, 'privacy-policy.md'), 'utf8');
      expect(stored).toBe(privacyPolicyMarkdown(lang, catalogs));
      expect(stored.startsWith(`# ${catalogs[lang]!.privacy_title!.message}\n`)).toBe(true);
    },
  );

  it('names each permission of the manifest', () => {
    const en = catalogs.en!;
    for (const permission of manifest.permissions) {
      expect(en[`privacy_perm_${permission.toLowerCase()}`], permission).toBeTruthy();
    }
    expect(en.privacy_perm_hosts).toBeTruthy();
  });
});
