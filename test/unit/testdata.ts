// Where the shared test photos live (repo-root/../shared/testdata), and what to do when they are
// missing: fail on CI (a silently skipped suite proves nothing), skip with a message locally.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface TestdataDir {
  /** Absolute path with a trailing slash, or null when missing (then `skipReason` says why). */
  dir: string | null;
  skipReason: string | null;
}

/**
 * The testdata subfolder (e.g. 'exif', 'faces'). Throws when missing and CI=true; otherwise returns
 * dir null and a reason to pass to `describe.skipIf(!dir)` / `it.skip`.
 */
export function testdataDir(sub: string): TestdataDir {
  const dir = fileURLToPath(new URL(`../../../shared/testdata/${sub}/`, import.meta.url));
  if (existsSync(dir)) return { dir, skipReason: null };
  const message = `test photos not found at ${dir} (expected repo-root/../shared/testdata/${sub})`;
  if (process.env.CI === 'true') throw new Error(`${message}; they are required on CI`);
  console.warn(`SKIPPED: ${message}`);
  return { dir: null, skipReason: message };
}
