// Locale fragments: src/i18n/<lang>/<area>.json (Chrome messages.json format), merged here into one
// catalog per language. Fragments keep each feature's strings beside the feature's owner and avoid
// one giant file; the merge fails loudly on a duplicate key.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LANGUAGES = ['en', 'zh_CN', 'zh_TW'];
/**
 * The fragments the content script needs (it runs in every frame of protected sites, so it carries
 * no page's strings but its own): every key named outside src/ui/ lives in one of these, which
 * test/unit/i18n.test.ts checks. The extension's pages get every fragment.
 */
export const CONTENT_AREAS = ['check', 'common', 'gate', 'idnumber', 'metadata', 'reasons', 'warning'];
const ROOT = new URL('../src/i18n/', import.meta.url).pathname;

/**
 * @param {string[]} [areas] only these fragments (file names without .json); all when absent
 * @returns {Record<string, Record<string, {message: string, description?: string}>>}
 */
export function loadCatalogs(areas) {
  const catalogs = {};
  for (const lang of LANGUAGES) {
    const merged = {};
    const dir = join(ROOT, lang);
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json') && (!areas || areas.includes(f.slice(0, -'.json'.length))))
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

/** Only what the runtime needs: key -> message text. @param {string[]} [areas] */
export function runtimeCatalogs(areas) {
  const out = {};
  for (const [lang, entries] of Object.entries(loadCatalogs(areas))) {
    out[lang] = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, v.message]));
  }
  return out;
}

const VIRTUAL_ID = 'faceguard:messages';

/**
 * The virtual module's text: the catalogs as one JSON string, which src/core/i18n.ts parses on first
 * use. A string costs a frame that never shows a word (most of them) far less to load than an object
 * literal of hundreds of entries. @param {string[]} [areas]
 */
function catalogsModule(areas) {
  return `export default ${JSON.stringify(JSON.stringify(runtimeCatalogs(areas)))};`;
}

/** Vite/vitest plugin serving the merged catalogs as a virtual module. */
export function messagesPlugin() {
  return {
    name: 'faceguard-messages',
    resolveId: (id) => (id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : null),
    load: (id) => (id === `\0${VIRTUAL_ID}` ? catalogsModule() : null),
  };
}

/** esbuild plugin serving the same virtual module. @param {{areas?: string[]}} [options] */
export function esbuildMessagesPlugin({ areas } = {}) {
  return {
    name: 'faceguard-messages',
    setup(build) {
      build.onResolve({ filter: /^faceguard:messages$/ }, () => ({
        path: VIRTUAL_ID,
        namespace: 'faceguard',
      }));
      build.onLoad({ filter: /.*/, namespace: 'faceguard' }, () => ({
        contents: catalogsModule(areas),
        loader: 'js',
        watchDirs: LANGUAGES.map((lang) => join(ROOT, lang)),
      }));
    },
  };
}
