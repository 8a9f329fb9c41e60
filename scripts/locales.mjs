// Locale fragments: src/i18n/<lang>/<area>.json (Chrome messages.json format), merged here into one
// catalog per language. Fragments keep each feature's strings beside the feature's owner and avoid
// one giant file; the merge fails loudly on a duplicate key.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LANGUAGES = ['en', 'zh_CN', 'zh_TW'];
const ROOT = new URL('../src/i18n/', import.meta.url).pathname;

/** @returns {Record<string, Record<string, {message: string, description?: string}>>} */
export function loadCatalogs() {
  const catalogs = {};
  for (const lang of LANGUAGES) {
    const merged = {};
    const dir = join(ROOT, lang);
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const entries = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      for (const [key, value] of Object.entries(entries)) {
        if (key in merged) throw new Error(`i18n: duplicate key ${key} in ${lang}/${file}`);
        merged[key] = value;
      }
    }
    catalogs[lang] = merged;
  }
  return catalogs;
}

/** Only what the runtime needs: key -> message text. */
export function runtimeCatalogs() {
  const out = {};
  for (const [lang, entries] of Object.entries(loadCatalogs())) {
    out[lang] = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, v.message]));
  }
  return out;
}

const VIRTUAL_ID = 'faceguard:messages';

/** Vite/vitest plugin serving the merged catalogs as a virtual module. */
export function messagesPlugin() {
  return {
    name: 'faceguard-messages',
    resolveId: (id) => (id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : null),
    load: (id) => (id === `\0${VIRTUAL_ID}` ? `export default ${JSON.stringify(runtimeCatalogs())};` : null),
  };
}

/** esbuild plugin serving the same virtual module. */
export function esbuildMessagesPlugin() {
  return {
    name: 'faceguard-messages',
    setup(build) {
      build.onResolve({ filter: /^faceguard:messages$/ }, () => ({
        path: VIRTUAL_ID,
        namespace: 'faceguard',
      }));
      build.onLoad({ filter: /.*/, namespace: 'faceguard' }, () => ({
        contents: JSON.stringify(runtimeCatalogs()),
        loader: 'json',
        watchDirs: LANGUAGES.map((lang) => join(ROOT, lang)),
      }));
    },
  };
}
