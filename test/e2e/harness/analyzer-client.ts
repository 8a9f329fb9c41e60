// Runs the extension's real check from one of its own pages with the same steps as a content script
// (prepare once, then one request over the analyzer port in JSON chunks, src/platform/analyzer-port.ts),
// so eval, bench and tests measure exactly what ships.
import { readFileSync } from 'node:fs';
import type { Verdict } from '../../../src/core/verdict';
import type { BrowserSession, TestPage } from './session';

type Sensitivity = 'strict' | 'balanced' | 'relaxed';

export interface AnalyzerClient {
  check(path: string, type: string, sensitivity?: Sensitivity): Promise<{ verdict: Verdict; ms: number }>;
  page: TestPage;
}

/** Defines `faceguardCheck(blob, sensitivity)` in the page: File/Blob in, {verdict, ms} out. */
export async function installPageCheck(page: TestPage): Promise<void> {
  // tsx (eval, bench) keeps function names with an `__name` helper that the page does not have.
  await page.evaluate(() => {
    (globalThis as unknown as { __name: (f: unknown) => unknown }).__name = (f) => f;
  });
  await page.evaluate(() => {
    type Port = {
      postMessage(m: unknown): void;
      disconnect(): void;
      onMessage: { addListener(f: (m: { chunk: string; last: boolean }) => void): void };
    };
    type Runtime = { sendMessage(message: unknown): Promise<unknown>; connect(o: { name: string }): Port };
    const g = globalThis as unknown as { chrome: { runtime: Runtime }; faceguardCheck: unknown };
    const { runtime } = g.chrome;
    const CHUNK = 1 << 18;
    let prepared: Promise<unknown> | null = null;
    const toBase64 = (blob: Blob) =>
      new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
        reader.readAsDataURL(blob);
      });
    g.faceguardCheck = async (blob: Blob, sensitivity: string) => {
      const start = performance.now();
      prepared ??= runtime.sendMessage({ type: 'prepare-analyzer', data: {} });
      const [base64] = await Promise.all([toBase64(blob), prepared]);
      const port = runtime.connect({ name: 'faceguard-analyzer' });
      const reply = await new Promise<{ result?: unknown; error?: string }>((resolve) => {
        const parts: string[] = [];
        port.onMessage.addListener(({ chunk, last }) => {
          parts.push(chunk);
          if (!last) return;
          port.disconnect();
          resolve(JSON.parse(parts.join('')));
        });
        const text = JSON.stringify({
          type: 'check-image',
          data: { image: { name: 'image', type: blob.type, lastModified: 0, base64 }, sensitivity },
        });
        for (let i = 0; i < text.length; i += CHUNK) {
          port.postMessage({ chunk: text.slice(i, i + CHUNK), last: i + CHUNK >= text.length });
        }
      });
      if (reply.error !== undefined) throw new Error(reply.error);
      return { verdict: reply.result, ms: performance.now() - start };
    };
  });
}

export async function analyzerClient(session: BrowserSession): Promise<AnalyzerClient> {
  const page = await session.openExtensionPage('popup.html');
  await installPageCheck(page);
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
