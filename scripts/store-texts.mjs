// Store texts: the privacy policy in store/<lang>/privacy-policy.md is written from the privacy page
// itself (src/ui/privacy/privacy.html for its structure, src/i18n/<lang>/privacy.json for its words), so
// the page shipped in the extension and the text given to the stores cannot drift apart; and
// store/<lang>/listing.md is read into its sections (## id). test/unit/store-texts.test.ts checks both.
//   node scripts/store-texts.mjs     rewrites store/<lang>/privacy-policy.md for every language
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, loadCatalogs } from './locales.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const STORE_DIR = join(ROOT, 'store');

/** The privacy page's text blocks in page order: [tag, message key] for each h1, h2, p and li. */
export function privacyBlocks() {
  const html = readFileSync(join(ROOT, 'src/ui/privacy/privacy.html'), 'utf8');
  const body = html.slice(html.indexOf('<body'));
  return [...body.matchAll(/<(h1|h2|p|li)\b[^>]*\bdata-i18n="([a-z0-9_]+)"/g)].map((m) => [m[1], m[2]]);
}

/** The privacy policy as Markdown in one language. */
export function privacyPolicyMarkdown(lang, catalogs = loadCatalogs()) {
  const t = (key) => {
    const entry = catalogs[lang][key];
    if (!entry) throw new Error(`store texts: no ${lang}/${key}`);
    return entry.message;
  };
  const lines = [];
  let inList = false;
  for (const [tag, key] of privacyBlocks()) {
    if (tag !== 'li' && inList) lines.push('');
    inList = tag === 'li';
    if (tag === 'h1') lines.push(`# ${t(key)}`, '');
    else if (tag === 'h2') lines.push(`## ${t(key)}`, '');
    else if (tag === 'li') lines.push(`- ${t(key)}`);
    else lines.push(t(key), '');
  }
  if (inList) lines.push('');
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A listing's sections: '## id' headings, each with the text up to the next one (trimmed). */
export function listingSections(lang) {
  const text = readFileSync(join(STORE_DIR, lang, 'listing.md'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const sections = {};
  let current = null;
  for (const line of text.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) {
      current = heading[1].trim();
      if (current in sections) throw new Error(`store texts: ${lang} repeats ## ${current}`);
      sections[current] = [];
    } else if (current) {
      sections[current].push(line);
    }
  }
  return Object.fromEntries(Object.entries(sections).map(([id, body]) => [id, body.join('\n').trim()]));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const catalogs = loadCatalogs();
  for (const lang of LANGUAGES) {
    mkdirSync(join(STORE_DIR, lang), { recursive: true });
    writeFileSync(join(STORE_DIR, lang, 'privacy-policy.md'), privacyPolicyMarkdown(lang, catalogs));
    console.log(`wrote store/${lang}/privacy-policy.md`);
  }
}
