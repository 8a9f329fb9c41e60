#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
// First step of `npm start` / `npm run start:firefox` (plain Node, so it runs before `npm ci` too): are
// the dependencies and the browser there? When the browser is missing, it is installed where this script
// may do so (root on Debian: apt-get, as .ci/run does), and otherwise the one command to run is printed
// and the start stops with exit code 1, before anything is built or launched.
//   node scripts/preflight.mjs chromium|firefox
import { accessSync, constants, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));

const BROWSERS = {
  chromium: {
    name: 'Chromium',
    variable: 'CHROMIUM_PATH',
    debianPath: '/usr/lib/chromium/chromium',
    packages: ['chromium'],
  },
  firefox: {
    name: 'Firefox ESR',
    variable: 'FIREFOX_PATH',
    debianPath: '/usr/bin/firefox-esr',
    packages: ['firefox-esr'],
  },
};

/** Where a browser is looked for (Debian's path unless the environment says otherwise), and its packages. */
export function browserSpec(browser, env = process.env) {
  const { debianPath, ...spec } = BROWSERS[browser === 'firefox' ? 'firefox' : 'chromium'];
  const chosen = env[spec.variable];
  return { ...spec, path: chosen ?? debianPath, custom: chosen !== undefined };
}

/** Chinese text in the demo and the extension renders as boxes without a CJK font. */
export const FONT_PACKAGE = 'fonts-noto-cjk';

/**
 * What to do, from the facts of this machine (pure, unit-tested):
 *   run:      all there
 *   npm-ci:   the dependencies are not installed
 *   install:  apt-get install these packages, then run (root on Debian, browser at the default path)
 *   instruct: print this command and stop
 */
export function decide({ modulesPresent, browserPresent, custom, isRoot, isDebian, missingPackages, spec }) {
  if (!modulesPresent) return { action: 'npm-ci', command: 'npm ci' };
  if (browserPresent) return { action: 'run' };
  if (custom) {
    return {
      action: 'instruct',
      reason: `${spec.variable} is set to ${spec.path}, and no browser is there.`,
      command: `unset ${spec.variable}   # or point it at the ${spec.name} program`,
    };
  }
  if (!isDebian) {
    return {
      action: 'instruct',
      reason: `${spec.name} is not at ${spec.path} (the Debian package's path).`,
      command: `${spec.variable}=/path/to/${spec.packages[0]} npm ${spec.packages[0] === 'chromium' ? 'start' : 'run start:firefox'}`,
    };
  }
  const packages = missingPackages.length > 0 ? missingPackages : spec.packages;
  const command = `apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  if (isRoot) return { action: 'install', packages, command };
  return { action: 'instruct', reason: `${spec.name} is not installed.`, command: `sudo ${command}` };
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const hasPackage = (name) => spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status === 0;
const isDebian = () =>
  existsSync('/etc/debian_version') &&
  spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

function facts(spec) {
  const debian = isDebian();
  return {
    spec,
    modulesPresent: existsSync(`${REPO}node_modules/.bin/tsx`),
    browserPresent: isExecutable(spec.path),
    custom: spec.custom,
    isRoot: process.getuid?.() === 0,
    isDebian: debian,
    missingPackages: debian ? [...spec.packages, FONT_PACKAGE].filter((name) => !hasPackage(name)) : [],
  };
}

function stop(lines) {
  console.error(['', ...lines, ''].join('\n'));
  process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const browser = process.argv[2] === 'firefox' ? 'firefox' : 'chromium';
  const spec = browserSpec(browser);
  const decision = decide(facts(spec));
  if (decision.action === 'npm-ci') {
    stop([
      'FaceGuard: the project dependencies are not installed. Run this first, then start again:',
      '',
      `  ${decision.command}`,
    ]);
  }
  if (decision.action === 'instruct') {
    stop([`FaceGuard: ${decision.reason} Run this, then start again:`, '', `  ${decision.command}`]);
  }
  if (decision.action === 'install') {
    console.log(
      `FaceGuard: ${spec.name} is not installed; installing ${decision.packages.join(', ')} with apt-get…`,
    );
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install =
      update.status === 0 ? spawnSync('sh', ['-c', decision.command], { stdio: 'inherit', env }) : update;
    if (install.status !== 0 || !isExecutable(spec.path)) {
      stop([
        `FaceGuard: installing ${spec.name} did not work (see above). Run this yourself, then start again:`,
        '',
        `  ${decision.command}`,
      ]);
    }
  }
  // Not a reason to stop: only Chinese text is affected.
  if (isDebian() && !hasPackage(FONT_PACKAGE)) {
    console.warn(
      `FaceGuard: Chinese text shows as boxes without a CJK font: sudo apt-get install -y ${FONT_PACKAGE}`,
    );
  }
}
