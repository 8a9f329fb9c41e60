// Firefox for Android: every extension API the code calls exists there at the manifest's
// gecko_android.strict_min_version (per MDN's compatibility data), and Chrome-only APIs never reach the
// Firefox build. web-ext lint checks the manifest keys against the same version.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildMessagesPlugin } from '../../scripts/locales.mjs';

const SRC = new URL('../../src/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'));
// Read as plain JSON: importing the 15 MB file through the test runner's transform takes ~30 s.
const bcd = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@mdn/browser-compat-data'), 'utf8'),
);
const ANDROID_MIN = Number(manifest.browser_specific_settings.gecko_android.strict_min_version.split('.')[0]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

type Support = { version_added: string | boolean | null; version_removed?: string };

/** The Firefox for Android version that added namespace.member, or null when it never did. */
function androidSince(namespace: string, member: string): number | null {
  const api = (
    bcd.webextensions.api as Record<
      string,
      Record<string, { __compat?: { support: Record<string, unknown> } }>
    >
  )[namespace]?.[member];
  const raw = api?.__compat?.support.firefox_android as Support | Support[] | undefined;
  const current = Array.isArray(raw) ? raw[0] : raw;
  if (!current || current.version_removed || typeof current.version_added !== 'string') return null;
  return Number.parseFloat(current.version_added);
}

describe('Firefox for Android', () => {
  it('is declared with a minimum version that has Manifest V3 and every API used', () => {
    expect(ANDROID_MIN).toBeGreaterThanOrEqual(
      Number(manifest.browser_specific_settings.gecko.strict_min_version.split('.')[0]),
    );
    const used = new Set<string>();
    for (const file of sources(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bbrowser\.([a-z][a-zA-Z]*)\.([a-zA-Z]+)/g)) {
        used.add(`${m[1]}.${m[2]}`);
      }
    }
    expect(used.size).toBeGreaterThan(15);
    expect(used).toContain('storage.session');
    expect(used).toContain('permissions.request');
    const missing = [...used].filter((api) => {
      const [namespace, member] = api.split('.') as [string, string];
      const since = androidSince(namespace, member);
      return since === null || since > ANDROID_MIN;
    });
    expect(missing, `not in Firefox for Android ${ANDROID_MIN}`).toEqual([]);
  });

  it('never gets the Chrome-only offscreen document (Firefox has no offscreen API)', async () => {
    const build = await esbuild.build({
      entryPoints: [join(SRC, 'background/index.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      minify: true,
      logLevel: 'silent',
      define: { __BROWSER__: '"firefox"', 'process.env.NODE_ENV': '"production"' },
      loader: { '.svg': 'text' },
      plugins: [esbuildMessagesPlugin()],
    });
    const code = build.outputFiles[0]!.text;
    expect(code).not.toMatch(/offscreen|getContexts/);
  });
});
