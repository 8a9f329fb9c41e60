// Faults the e2e tests and the soak inject into a running extension, each the way its browser allows:
//   reload   the extension loaded again, as an update does. Chromium: CDP Extensions.loadUnpacked (the
//            content scripts of open tabs stay, orphaned; chrome.runtime.reload() would leave an
//            extension loaded from the command line disabled). Firefox: the add-on installed again over
//            BiDi (Firefox destroys the old content scripts and injects the new version's into open tabs).
//   stop     the background stopped: Chromium closes the service worker's target over CDP; Firefox
//            terminates the event page (privileged evaluation, as about:debugging's "Terminate").
//   host     the analyzer's host closed: Chromium's offscreen document (chrome.offscreen.closeDocument);
//            Firefox has none (its analyzer runs in the event page, so this is `stop`).
//   worker   an analysis worker ended mid-check: terminated from outside (it just stops, no error event)
//            or crashed (it stops and an error event reports it). Reached from an extension page through the host's
//            window (Chromium: chrome.extension.getViews(), Firefox: runtime.getBackgroundPage()), whose
//            Worker constructor is wrapped to record the workers the pool starts.
import type { BrowserContext, Page as PlaywrightPage } from 'playwright-core';
import type { Browser } from 'puppeteer-core';
import { DIST, GECKO_ID } from './paths';
import type { BrowserSession, TestPage } from './session';

export type FaultSession = BrowserSession & { context?: BrowserContext; browser?: Browser };
export type WorkerKill = 'terminate' | 'crash';

interface WorkerRecord {
  worker: globalThis.Worker;
  busy: boolean;
  killed: boolean;
}
interface HostWindow extends Window {
  Worker: typeof globalThis.Worker;
  ErrorEvent: typeof ErrorEvent;
  __fgWorkers?: WorkerRecord[];
  /** A kill waiting for the next job: done by the host itself, a moment after the job is posted. */
  __fgArmed?: WorkerKill | null;
  __fgKill?: (record: WorkerRecord, how: WorkerKill) => void;
}

/** Privileged code in Firefox's parent process (the harness starts it with --remote-allow-system-access). */
export async function firefoxChrome<T>(session: FaultSession, expression: string): Promise<T> {
  const connection = (session.browser as unknown as { connection: BidiConnection }).connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const context = (tree.result as { contexts: Array<{ context: string }> }).contexts[0]!.context;
  const reply = await connection.send('script.evaluate', {
    expression,
    target: { context },
    awaitPromise: true,
  });
  const result = reply.result as { type: string; result?: { value?: unknown }; exceptionDetails?: unknown };
  if (result.type !== 'success') throw new Error(`privileged evaluation failed: ${JSON.stringify(result)}`);
  return result.result?.value as T;
}
interface BidiConnection {
  send(method: string, params: unknown): Promise<{ result: unknown }>;
}

export interface Faults {
  /** Reloads (Chromium) or updates (Firefox) the extension; resolves once the new one runs. */
  reload(): Promise<void>;
  /** Removes the extension (reload() brings it back). */
  uninstall(): Promise<void>;
  /** Stops the service worker (Chromium) or the event page (Firefox). */
  stopBackground(): Promise<void>;
  /** Closes the analyzer's host: Chromium's offscreen document; Firefox: its event page. */
  closeHost(): Promise<void>;
  /** Restarts the analyzer's host and records the workers it starts from now on. */
  watchWorkers(): Promise<void>;
  /** Resolves once a recorded worker is running a job (a check is under way). */
  waitUntilChecking(timeoutMs?: number): Promise<void>;
  /** Waits until a recorded worker is running a job, then ends it; resolves with how many it ended. */
  killBusyWorker(how: WorkerKill, timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

export function faultsFor(session: FaultSession): Faults {
  let hostPage: TestPage | null = null;
  const extensionPage = async () => {
    hostPage ??= await session.openExtensionPage('popup.html');
    return hostPage;
  };

  const stopBackground = async () => {
    if (session.name === 'chromium') {
      const page = session.context!.pages()[0] ?? (await session.context!.newPage());
      const cdp = await session.context!.newCDPSession(page as PlaywrightPage);
      try {
        const { targetInfos } = await cdp.send('Target.getTargets');
        const target = targetInfos.find(
          (t) => t.type === 'service_worker' && t.url.startsWith(session.extensionOrigin),
        );
        if (target) await cdp.send('Target.closeTarget', { targetId: target.targetId });
      } finally {
        await cdp.detach().catch(() => undefined);
      }
      return;
    }
    await firefoxChrome(
      session,
      `WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true }).then(() => true)`,
    );
  };

  const closeHost = async () => {
    if (session.name === 'firefox') return stopBackground();
    const page = await extensionPage();
    await page.evaluate(async () => {
      const chrome = (globalThis as unknown as { chrome: { offscreen: { closeDocument(): Promise<void> } } })
        .chrome;
      await chrome.offscreen.closeDocument().catch(() => undefined);
    });
  };

  return {
    async reload() {
      if (session.name === 'chromium') {
        // Loading the unpacked extension again replaces the running one, as an update does.
        // (chrome.runtime.reload() leaves an extension loaded from the command line disabled here.)
        const cdp = await session.context!.browser()!.newBrowserCDPSession();
        try {
          await cdp.send('Extensions.loadUnpacked' as never, { path: DIST.chromium } as never);
        } finally {
          await cdp.detach().catch(() => undefined);
        }
      } else {
        await session.browser!.installExtension(DIST.firefox);
      }
      // Its pages belonged to the old extension.
      await hostPage?.close().catch(() => undefined);
      hostPage = null;
    },
    async uninstall() {
      if (session.name === 'chromium') {
        const cdp = await session.context!.browser()!.newBrowserCDPSession();
        const id = new URL(session.extensionOrigin).host;
        try {
          await cdp.send('Extensions.uninstall' as never, { id } as never);
        } finally {
          await cdp.detach().catch(() => undefined);
        }
      } else {
        await session.browser!.uninstallExtension(GECKO_ID);
      }
      await hostPage?.close().catch(() => undefined);
      hostPage = null;
    },
    stopBackground,
    closeHost,
    async watchWorkers() {
      await closeHost();
      const page = await extensionPage();
      await page.evaluate(async (browserName) => {
        const g = globalThis as unknown as {
          chrome: {
            extension: { getViews(): Window[] };
            offscreen: { createDocument(o: object): Promise<void> };
            runtime: { getContexts(o: object): Promise<unknown[]> };
          };
          browser: { runtime: { getBackgroundPage(): Promise<Window> } };
        };
        let host: HostWindow | undefined;
        if (browserName === 'chromium') {
          const find = () =>
            g.chrome.extension.getViews().find((w) => w.location.pathname === '/offscreen.html') as
              | HostWindow
              | undefined;
          // The closed one may still be listed for a moment: wrapping it would miss the new one's workers.
          for (let i = 0; i < 50 && find(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
          // Created here as the background would (same URL and reason), so it is there to wrap.
          for (let i = 0; i < 50 && !find(); i++) {
            await g.chrome.offscreen
              .createDocument({ url: 'offscreen.html', reasons: ['WORKERS'], justification: 'test' })
              .catch(() => undefined);
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          host = find();
        } else {
          host = (await g.browser.runtime.getBackgroundPage()) as HostWindow;
        }
        if (!host) throw new Error('no analyzer host window');
        const records: WorkerRecord[] = [];
        const live = host;
        live.__fgWorkers = records;
        live.__fgArmed = null;
        live.__fgKill = (record, how) => {
          record.killed = true;
          // A termination: it simply stops, no event. A crash: it stops and the browser reports an error
          // event on the Worker (what an out-of-memory or a script error in it gives the pool).
          record.worker.terminate();
          if (how === 'crash') {
            record.worker.dispatchEvent(new live.ErrorEvent('error', { message: 'crashed' }));
          }
        };
        const Native = live.Worker;
        live.Worker = new Proxy(Native, {
          construct(target, args) {
            const worker = Reflect.construct(target, args) as globalThis.Worker;
            const record: WorkerRecord = { worker, busy: false, killed: false };
            records.push(record);
            const post = Native.prototype.postMessage;
            // The pool posts one job at a time; a reply (message) means the job is over.
            worker.postMessage = function (this: globalThis.Worker, ...rest: unknown[]) {
              record.busy = true;
              const posted = (post as (...a: unknown[]) => void).apply(this, rest);
              const armed = live.__fgArmed;
              if (armed) {
                live.__fgArmed = null;
                // In the middle of the job (the host's timers run unthrottled; a test tab's may not).
                live.setTimeout(() => live.__fgKill!(record, armed), 30);
              }
              return posted;
            } as typeof worker.postMessage;
            worker.addEventListener('message', () => {
              record.busy = false;
            });
            return worker;
          },
        });
      }, session.name);
    },
    async waitUntilChecking(timeoutMs = 30_000) {
      if ((await busyWorkers(await extensionPage(), session.name, null, timeoutMs)) === 0) {
        throw new Error('no analysis worker started a job (watchWorkers first)');
      }
    },
    async killBusyWorker(how, timeoutMs = 30_000) {
      return busyWorkers(await extensionPage(), session.name, how, timeoutMs);
    },
    async close() {
      await hostPage?.close().catch(() => undefined);
      hostPage = null;
    },
  };
}

/**
 * Until a recorded worker of the analyzer's host runs a job: with `kill`, the next job is ended by the
 * host itself a moment after it starts (or a job already running, now). Polled from here, one quick
 * evaluation at a time: timers in the extension page's tab, which is in the background, run late.
 * Resolves with how many workers were hit or busy (0: none within the time; the kill is then disarmed).
 */
async function busyWorkers(
  page: TestPage,
  browserName: BrowserSession['name'],
  kill: WorkerKill | null,
  timeoutMs: number,
): Promise<number> {
  const look = (arm: boolean, disarm = false) =>
    page.evaluate(
      async ({ kill, arm, disarm, browserName }) => {
        const g = globalThis as unknown as {
          chrome: { extension: { getViews(): Window[] } };
          browser: { runtime: { getBackgroundPage(): Promise<Window> } };
        };
        const host = (
          browserName === 'chromium'
            ? g.chrome.extension.getViews().find((w) => w.location.pathname === '/offscreen.html')
            : await g.browser.runtime.getBackgroundPage()
        ) as HostWindow | undefined;
        const records = host?.__fgWorkers ?? [];
        const busy = records.filter((r) => r.busy && !r.killed);
        if (disarm) {
          // Nothing was hit within the time: an armed kill must not end a later job.
          if (host) host.__fgArmed = null;
        } else if (kill && busy.length > 0) {
          host!.__fgArmed = null;
          for (const record of busy) host!.__fgKill!(record, kill);
        } else if (kill && arm && host) {
          host.__fgArmed = kill;
        }
        return { busy: busy.length, killed: records.filter((r) => r.killed).length };
      },
      { kill, arm, disarm, browserName },
    );
  const before = kill ? (await look(false)).killed : 0;
  let first = true;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; first = false) {
    const { busy, killed } = await look(first);
    if (kill && killed > before) return killed - before;
    if (!kill && busy > 0) return busy;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (kill) {
    // A kill may land between the last look and now: count it.
    const { killed } = await look(false, true);
    return killed - before;
  }
  return 0;
}
