// Folders for the files tests write (made images, copies of a test photo), removed after the test file
// that made them, so runs leave nothing behind in the system's temp folder. Vitest evaluates this module
// anew for each test file, so the hook below belongs to the file that imported it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
