// One interface over the two drivers (Playwright for Chromium, Puppeteer over WebDriver BiDi for
// Firefox), so each e2e test is written once and runs in both browsers.
import type { NetworkRecorder } from './network-recorder';

export type BrowserName = 'chromium' | 'firefox';
export type Locale = 'en' | 'zh-CN';

export interface LaunchOptions {
  locale?: Locale;
  /** Reuse a profile folder across launches (settings survive a restart). */
  profileDir?: string;
  colorScheme?: 'light' | 'dark';
}

export interface TestPage {
  goto(url: string): Promise<void>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  waitFor<A = undefined>(fn: (arg: A) => unknown, arg?: A, timeoutMs?: number): Promise<void>;
  click(selector: string): Promise<void>;
  /** Sets files on a file input found by selector, as the browser's own file chooser would. */
  setInputFiles(selector: string, paths: string[]): Promise<void>;
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  /** console errors and uncaught exceptions seen on this page. */
  errors: string[];
  close(): Promise<void>;
}

export interface BrowserSession {
  name: BrowserName;
  /** chrome-extension://ID or moz-extension://UUID (no trailing slash). */
  extensionOrigin: string;
  newPage(): Promise<TestPage>;
  /** Opens an extension page (popup.html, learn.html …) in a tab. */
  openExtensionPage(path: string): Promise<TestPage>;
  network: NetworkRecorder;
  close(): Promise<void>;
}
