import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { browserSpec } from '../../../scripts/preflight.mjs';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** FACEGUARD_DIST points the tests at a copy of dist/ (so a rebuild in the shared tree cannot swap it mid-run). */
const DIST_ROOT = process.env.FACEGUARD_DIST ?? `${REPO}dist`;
export const DIST = { chromium: `${DIST_ROOT}/chrome`, firefox: `${DIST_ROOT}/firefox` } as const;
/** Screenshots and reports: git-ignored. */
export const RESULTS = `${REPO}test-results`;
mkdirSync(`${RESULTS}/screenshots`, { recursive: true });

/** Debian's browsers unless CHROMIUM_PATH / FIREFOX_PATH say otherwise (one place: scripts/preflight.mjs). */
export const CHROMIUM_PATH = browserSpec('chromium').path;
/** Flags Debian's Chromium needs here: no sandbox as root, no GPU, and none of its own network chatter. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
export const FIREFOX_PATH = browserSpec('firefox').path;
export const GECKO_ID = 'faceguard@faceguard.local';
/** Pinned so tests know the moz-extension:// origin before the add-on starts. */
export const FIREFOX_UUID = '6a1f0c52-3f0e-4b8e-9d1e-5fa0e0a4d001';
