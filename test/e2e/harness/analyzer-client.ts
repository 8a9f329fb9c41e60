// Runs the extension's real check from one of its own pages with the content script's own code
// (page-check.ts, bundled here), so eval, bench and tests measure exactly what ships.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Sensitivity, Verdict } from '../../../src/core/verdict';
import type { BrowserName, BrowserSession, TestPage } from './session';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface AnalyzerClient {
  check(path: string, type: string, sensitivity?: Sensitivity): Promise<{ verdict: Verdict; ms: number }>;
  page: TestPage;
}

const bundles = new Map<BrowserName, Promise<string>>();

/** Defines `faceguardCheck(blob, sensitivity)` in the page (see page-check.ts): File/Blob in, {verdict, ms} out. */
export async function installPageCheck(page: TestPage, browser: BrowserName): Promise<void> {
  // tsx (eval, bench) keeps function names with an `__name` helper that the page does not have.
  await page.evaluate(() => {
    (globalThis as unknown as { __name: (f: unknown) => unknown }).__name = (f) => f;
  });
  let bundle = bundles.get(browser);
  if (!bundle) {
    bundle = build({
      entryPoints: [join(HERE, 'page-check.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2022',
      define: { __BROWSER__: JSON.stringify(browser === 'chromium' ? 'chrome' : 'firefox') },
    }).then((result) => result.outputFiles[0]!.text);
    bundles.set(browser, bundle);
  }
  await page.evaluateScript(await bundle);
}

export async function analyzerClient(session: BrowserSession): Promise<AnalyzerClient> {
  const page = await session.openExtensionPage('popup.html');
  await installPageCheck(page, session.name);
  return {
    page,
    check: (path, type, sensitivity = 'balanced') =>
      page.evaluate(
        async ({ base64, type, sensitivity }) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const check = (
            globalThis as unknown as { faceguardCheck: (b: Blob, s: string) => Promise<unknown> }
          ).faceguardCheck;
          return check(new Blob([bytes], { type }), sensitivity);
        },
        { base64: readFileSync(path).toString('base64'), type, sensitivity },
      ) as Promise<{ verdict: Verdict; ms: number }>,
  };
}
