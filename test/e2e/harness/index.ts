import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { BrowserName, BrowserSession, LaunchOptions } from './session';

export type { BrowserName, BrowserSession, LaunchOptions, TestPage } from './session';

export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

export function launch(name: BrowserName, options?: LaunchOptions): Promise<BrowserSession> {
  return name === 'chromium' ? launchChromium(options) : launchFirefox(options);
}
