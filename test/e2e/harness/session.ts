// One interface over the two drivers (Playwright for Chromium, Puppeteer over WebDriver BiDi for
// Firefox), so each e2e test is written once and runs in both browsers.
import type { NetworkRecorder } from './network-recorder';

export type BrowserName = 'chromium' | 'firefox';
export type Locale = 'en' | 'zh-CN' | 'zh-TW';

export interface LaunchOptions {
  locale?: Locale;
  /** Reuse a profile folder across launches (settings survive a restart). */
  profileDir?: string;
  colorScheme?: 'light' | 'dark';
  /** Ask pages for reduced motion (prefers-reduced-motion: reduce): the warning opens without its
   * fade-in, so a screenshot taken as soon as it is open shows it as a person sees it. */
  reducedMotion?: boolean;
  /** Another build of the extension (a folder holding chrome/ and firefox/, as `node build.mjs --out=DIR`). */
  dist?: string;
  /** Firefox only: run with a window on this X display (see xvfb.ts) instead of headless. */
  display?: string;
}

export interface TestPage {
  goto(url: string): Promise<void>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Runs script text in the page, as the driver does (not subject to the page's CSP). */
  evaluateScript(code: string): Promise<unknown>;
  waitFor<A = undefined>(fn: (arg: A) => unknown, arg?: A, timeoutMs?: number): Promise<void>;
  click(selector: string): Promise<void>;
  /** Sets files on a file input found by selector, as the browser's own file chooser would. */
  setInputFiles(selector: string, paths: string[]): Promise<void>;
  /** Sets files on a file input inside the first frame whose URL contains urlPart. */
  setFrameInputFiles(urlPart: string, selector: string, paths: string[]): Promise<void>;
  /**
   * Answers the file chooser that `open` makes the page show (also for inputs never attached to the
   * page): Chromium over CDP file-chooser interception, Firefox over BiDi input.fileDialogOpened.
   * `whileOpen` runs once the chooser is open, before the files are chosen (a person takes a while).
   */
  chooseFiles(open: string | (() => void), paths: string[], whileOpen?: () => Promise<void>): Promise<void>;
  /** A key press as a person would type it (e.g. 'Escape', 'u', 'Control+z'). */
  press(key: string): Promise<void>;
  /** Types text key by key into whatever has the focus, as a person would. */
  type(text: string): Promise<void>;
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  /** Resizes the viewport (the popup is 360 px wide in the toolbar). */
  setViewport(width: number, height: number): Promise<void>;
  /** The driver's own page object (Playwright Page in Chromium, Puppeteer Page in Firefox), for driver-only steps. */
  native: unknown;
  /** console errors and uncaught exceptions seen on this page. */
  errors: string[];
  close(): Promise<void>;
}

export interface BrowserSession {
  name: BrowserName;
  /** chrome-extension://ID or moz-extension://UUID (no trailing slash). */
  extensionOrigin: string;
  /** The profile folder the browser runs with. */
  profileDir: string;
  newPage(): Promise<TestPage>;
  /** Opens an extension page (popup.html, learn.html …) in a tab. */
  openExtensionPage(path: string): Promise<TestPage>;
  network: NetworkRecorder;
  close(): Promise<void>;
}
