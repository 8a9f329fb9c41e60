// Runs the extension's real check from one of its own pages (the same messages a content script
// sends), so eval, bench and tests measure exactly what ships.
import { readFileSync } from 'node:fs';
import type { Verdict } from '../../../src/core/verdict';
import type { BrowserSession, TestPage } from './session';

export interface AnalyzerClient {
  check(
    path: string,
    type: string,
    sensitivity?: 'strict' | 'balanced' | 'relaxed',
  ): Promise<{ verdict: Verdict; ms: number }>;
  page: TestPage;
}

export async function analyzerClient(session: BrowserSession): Promise<AnalyzerClient> {
  const page = await session.openExtensionPage('popup.html');
  return {
    page,
    check: (path, type, sensitivity = 'balanced') =>
      page.evaluate(
        async ({ base64, type, sensitivity }) => {
          // The same steps as the content script: prepare, then one request over the analyzer port.
          type Port = {
            postMessage(m: unknown): void;
            disconnect(): void;
            onMessage: { addListener(f: (m: { result?: unknown; error?: string }) => void): void };
          };
          type Runtime = {
            sendMessage(message: unknown): Promise<unknown>;
            connect(o: { name: string }): Port;
          };
          const runtime = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome.runtime;
          const start = performance.now();
          await runtime.sendMessage({ type: 'prepare-analyzer', data: {} });
          const port = runtime.connect({ name: 'faceguard-analyzer' });
          const verdict = await new Promise((resolve, reject) => {
            port.onMessage.addListener((reply) => {
              port.disconnect();
              if (reply.error) reject(new Error(reply.error));
              else resolve(reply.result);
            });
            port.postMessage({
              type: 'check-image',
              data: { image: { name: 'image', type, lastModified: 0, base64 }, sensitivity },
            });
          });
          return { verdict, ms: performance.now() - start };
        },
        { base64: readFileSync(path).toString('base64'), type, sensitivity },
      ) as Promise<{ verdict: Verdict; ms: number }>,
  };
}
