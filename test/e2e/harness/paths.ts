import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const DIST = { chromium: `${REPO}dist/chrome`, firefox: `${REPO}dist/firefox` } as const;
/** Screenshots and reports: git-ignored. */
export const RESULTS = `${REPO}test-results`;
mkdirSync(`${RESULTS}/screenshots`, { recursive: true });

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const GECKO_ID = 'faceguard@faceguard.local';
/** Pinned so tests know the moz-extension:// origin before the add-on starts. */
export const FIREFOX_UUID = '6a1f0c52-3f0e-4b8e-9d1e-5fa0e0a4d001';
