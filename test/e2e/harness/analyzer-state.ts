// What the analyzer runs right now, asked from one of the extension's pages over the analyzer port
// ('analyzer-state'), and a build of the extension whose analyzer is released after a short idle period
// (`node build.mjs --analyzer-idle-ms=N`: the shipped build always waits 90 s).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser as Ext } from 'webextension-polyfill';
import { REPO } from './paths';
import type { BrowserName, TestPage } from './session';

export interface AnalyzerSnapshot {
  /** Workers running in the analyzer's host (0 when released, or when there is no host). */
  workers: number;
  /** Chrome: whether the offscreen document is open. Firefox: always true (the background page). */
  host: boolean;
}

/** Builds the extension into a temporary folder with the analyzer released after idleMs. */
export function buildWithIdle(idleMs: number): string {
  const out = mkdtempSync(join(tmpdir(), 'fg-dist-idle-'));
  execFileSync('node', ['build.mjs', `--out=${out}`, `--analyzer-idle-ms=${idleMs}`], {
    cwd: REPO,
    stdio: 'ignore',
  });
  return out;
}

export function analyzerSnapshot(page: TestPage, browser: BrowserName): Promise<AnalyzerSnapshot> {
  return page.evaluate(async (offscreen: boolean) => {
    const g = globalThis as unknown as { browser?: Ext; chrome: Ext };
    const api = g.browser ?? g.chrome;
    const runtime = api.runtime as Ext['runtime'] & {
      getContexts?: (filter: { contextTypes: string[] }) => Promise<unknown[]>;
    };
    const host = offscreen
      ? (await runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length > 0
      : true;
    if (!host) return { workers: 0, host };
    const workers = await new Promise<number>((resolve) => {
      const port = runtime.connect({ name: 'faceguard-analyzer' });
      port.onMessage.addListener((frame: unknown) => {
        const head = (frame as { head?: { result?: { workers?: number } } }).head;
        port.disconnect();
        resolve(head?.result?.workers ?? -1);
      });
      // Closed before it closes in between: no analyzer served the port.
      port.onDisconnect.addListener(() => resolve(0));
      port.postMessage({ head: { type: 'analyzer-state', data: {} }, size: 0 });
    });
    return { workers, host };
  }, browser === 'chromium');
}
