// The faults page (test/pages/faults.html) from the test's side: how each upload path is driven
// there, what the page's own code received, and what FaceGuard shows on it. Shared by the fault
// tests and the soak.
import type { TestPage } from '../harness';
import { dropOn, type Entry, pasteInto } from '../upload-scenarios/steps';

export type { Entry } from '../upload-scenarios/steps';

export type UploadPath =
  | 'input'
  | 'input2'
  | 'detached'
  | 'shadow'
  | 'declarative'
  | 'frame'
  | 'drop'
  | 'paste';
export const PATHS: UploadPath[] = [
  'input',
  'input2',
  'detached',
  'shadow',
  'declarative',
  'frame',
  'drop',
  'paste',
];

/** Offers these files on a path as a person would (picker, drop, paste). */
export async function offer(page: TestPage, path: UploadPath, files: string[]): Promise<void> {
  switch (path) {
    case 'input':
      return page.setInputFiles('#file', files);
    case 'input2':
      return page.setInputFiles('#file2', files);
    case 'detached':
      return page.chooseFiles('#detached', files);
    case 'shadow':
      return page.chooseFiles(() => {
        (window as unknown as { __shadowInput(): HTMLInputElement }).__shadowInput().click();
      }, files);
    case 'declarative':
      return page.chooseFiles(() => {
        (window as unknown as { __declarativeInput(): HTMLInputElement }).__declarativeInput().click();
      }, files);
    case 'frame':
      return page.setFrameInputFiles('faults-frame', '#file', files);
    case 'drop':
      return dropOn({ page }, '#zone', files);
    case 'paste':
      return pasteInto({ page }, '#editor', files);
  }
}

/**
 * Puts the page's tab in front again (after the harness used an extension page in another tab): the
 * notice's countdown only runs while its page is visible, and Firefox opens a file picker for script
 * only in a page that has had a click since (one in the page's corner, unless a question of ours is
 * open there: a click beside the dialog would take the keyboard from it).
 */
export async function toFront(page: TestPage): Promise<void> {
  const native = page.native as {
    bringToFront(): Promise<void>;
    mouse: { click(x: number, y: number): Promise<void> };
  };
  await native.bringToFront();
  const asking = await page.evaluate(
    () =>
      !!(
        document.documentElement.dataset.faceguardDialog || document.documentElement.dataset.faceguardNotice
      ),
  );
  if (!asking) await native.mouse.click(1, 1);
}

/** Every delivery the page's code has finished recording. */
export const received = (page: TestPage) =>
  page.evaluate(() => (window as unknown as { __log: Entry[] }).__log.filter((e) => e.done));

export async function waitForReceived(page: TestPage, count: number, timeoutMs = 20_000): Promise<Entry[]> {
  await page.waitFor(
    (n: number) => (window as unknown as { __log: Entry[] }).__log.filter((e) => e.done).length >= n,
    count,
    timeoutMs,
  );
  return received(page);
}

export interface UiState {
  dialog: boolean;
  notice: boolean;
  toast: boolean;
  progress: boolean;
  /** Our hosts in the page (the warning's shadow host). */
  hosts: number;
}

/** What FaceGuard shows on the page right now (markers on <html>, and its hosts). */
export const uiState = (page: TestPage): Promise<UiState> =>
  page.evaluate(() => {
    const data = document.documentElement.dataset;
    return {
      dialog: data.faceguardDialog === 'open',
      notice: data.faceguardNotice === 'open',
      toast: data.faceguardToast === 'open',
      progress: data.faceguardProgress === 'open',
      hosts: document.querySelectorAll('faceguard-warning').length,
    };
  });

export const waitForDialog = (page: TestPage, timeoutMs = 30_000) =>
  page.waitFor(() => document.documentElement.dataset.faceguardDialog === 'open', undefined, timeoutMs);
export const waitForNoDialog = (page: TestPage, timeoutMs = 10_000) =>
  page.waitFor(() => document.documentElement.dataset.faceguardDialog === undefined, undefined, timeoutMs);
export const waitForToast = (page: TestPage, timeoutMs = 15_000) =>
  page.waitFor(() => document.documentElement.dataset.faceguardToast === 'open', undefined, timeoutMs);
/** Nothing of ours left on screen: no dialog, notice, toast or progress line, and no host. */
export const waitForQuiet = (page: TestPage, timeoutMs = 15_000) =>
  page.waitFor(
    () => {
      const data = document.documentElement.dataset;
      return (
        !data.faceguardDialog &&
        !data.faceguardNotice &&
        !data.faceguardToast &&
        !data.faceguardProgress &&
        document.querySelectorAll('faceguard-warning').length === 0
      );
    },
    undefined,
    timeoutMs,
  );

/** Uncaught exceptions and unhandled rejections the page saw (faults.html records them). */
export const pageErrors = (page: TestPage) =>
  page.evaluate(() => (window as unknown as { __errors?: string[] }).__errors ?? []);

/** Changes stored settings from an extension page, as the settings page does. */
export function changeSettings(extensionPage: TestPage, change: Record<string, unknown>): Promise<void> {
  return extensionPage.evaluate(async (change) => {
    type Area = { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> };
    const g = globalThis as unknown as {
      browser?: { storage: { sync?: Area; local: Area } };
      chrome: { storage: { sync?: Area; local: Area } };
    };
    const storage = (g.browser ?? g.chrome).storage;
    const area = storage.sync ?? storage.local;
    const current = ((await area.get('settings')).settings ?? {}) as Record<string, unknown>;
    await area.set({ settings: { ...current, ...change, version: 1 } });
  }, change);
}
