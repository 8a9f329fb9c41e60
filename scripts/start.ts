// `npm start` / `npm run start:firefox`: builds, serves the demo composer on 127.0.0.1 and opens it in
// Debian's Chromium (or Firefox ESR) with FaceGuard loaded. With a display the browser window stays
// open until you close it; without one it runs headless, saves a screenshot and prints its path.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../test/e2e/harness';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, DIST, FIREFOX_PATH, REPO, RESULTS } from '../test/e2e/harness/paths';
import { startServer } from '../test/server.mjs';

const browser = process.argv[2] === 'firefox' ? 'firefox' : 'chromium';

const built = spawnSync(
  process.execPath,
  ['build.mjs', `--browser=${browser === 'firefox' ? 'firefox' : 'chrome'}`],
  {
    cwd: REPO,
    stdio: 'inherit',
  },
);
if (built.status !== 0) process.exit(built.status ?? 1);

const server = await startServer(Number(process.env.PORT ?? 8419)).catch(() => startServer(0));
const url = `${server.origin}/`;
console.log(`Demo composer: ${url}`);

if (process.env.DISPLAY) {
  const child =
    browser === 'chromium'
      ? spawn(
          CHROMIUM_PATH,
          [
            `--user-data-dir=${mkdtempSync(join(tmpdir(), 'faceguard-start-'))}`,
            `--disable-extensions-except=${DIST.chromium}`,
            `--load-extension=${DIST.chromium}`,
            ...CHROMIUM_FLAGS.filter((flag) => flag !== '--disable-gpu'),
            url,
          ],
          { stdio: 'inherit' },
        )
      : spawn(
          join(REPO, 'node_modules/.bin/web-ext'),
          ['run', '--source-dir', DIST.firefox, `--firefox=${FIREFOX_PATH}`, `--start-url=${url}`],
          { stdio: 'inherit' },
        );
  child.on('exit', async () => {
    await server.close();
    process.exit(0);
  });
} else {
  const session = await launch(browser);
  const page = await session.newPage();
  await page.goto(url);
  // Show the extension at work: choose a portrait from the shared test photos when they are present.
  const portrait = join(REPO, '../shared/testdata/faces/dev_041.jpg');
  if (existsSync(portrait)) {
    await page.setInputFiles('#photo-input', [portrait]);
    await page.waitFor(() => document.documentElement.dataset.faceguardDialog === 'open', undefined, 20_000);
  }
  const shot = await page.screenshot(`start-${browser}`);
  await session.close();
  await server.close();
  console.log(`No display: ran ${browser} headless with FaceGuard loaded. Screenshot: ${shot}`);
  console.log(`(results folder: ${RESULTS})`);
}
