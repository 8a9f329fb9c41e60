// `npm start` on a machine without the browser: install it where the script may (root on Debian),
// otherwise print one command and stop, before building anything.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { browserSpec, decide } from '../../scripts/preflight.mjs';

const chromium = browserSpec('chromium', {});
const firefox = browserSpec('firefox', {});
const machine = {
  spec: chromium,
  modulesPresent: true,
  browserPresent: false,
  custom: false,
  isRoot: false,
  isDebian: true,
  missingPackages: ['chromium', 'fonts-noto-cjk'],
};

describe('npm start preflight', () => {
  it('looks where Debian puts the browsers unless told otherwise', () => {
    expect(chromium).toMatchObject({
      path: '/usr/lib/chromium/chromium',
      custom: false,
      packages: ['chromium'],
    });
    expect(firefox).toMatchObject({ path: '/usr/bin/firefox-esr', custom: false, packages: ['firefox-esr'] });
    expect(browserSpec('chromium', { CHROMIUM_PATH: '/opt/c' })).toMatchObject({
      path: '/opt/c',
      custom: true,
    });
  });

  it('runs when everything is there', () => {
    expect(decide({ ...machine, browserPresent: true })).toEqual({ action: 'run' });
  });

  it('asks for npm ci first when the dependencies are missing', () => {
    expect(decide({ ...machine, modulesPresent: false })).toEqual({ action: 'npm-ci', command: 'npm ci' });
  });

  it('installs exactly the missing packages as root on Debian', () => {
    expect(decide({ ...machine, isRoot: true })).toEqual({
      action: 'install',
      packages: ['chromium', 'fonts-noto-cjk'],
      command: 'apt-get install -y --no-install-recommends chromium fonts-noto-cjk',
    });
    expect(
      decide({ ...machine, spec: firefox, isRoot: true, missingPackages: ['firefox-esr'] }),
    ).toMatchObject({
      action: 'install',
      command: 'apt-get install -y --no-install-recommends firefox-esr',
    });
  });

  it('prints the one command with sudo when not root', () => {
    expect(decide(machine)).toEqual({
      action: 'instruct',
      reason: 'Chromium is not installed.',
      command: 'sudo apt-get install -y --no-install-recommends chromium fonts-noto-cjk',
    });
  });

  it('says how to point at a browser elsewhere when not on Debian, and never installs', () => {
    const decision = decide({ ...machine, isRoot: true, isDebian: false, missingPackages: [] });
    expect(decision).toMatchObject({
      action: 'instruct',
      command: 'CHROMIUM_PATH=/path/to/chromium npm start',
    });
  });

  it('does not install over a path the person chose', () => {
    const spec = browserSpec('firefox', { FIREFOX_PATH: '/nowhere/firefox' });
    expect(decide({ ...machine, spec, custom: true, isRoot: true })).toMatchObject({
      action: 'instruct',
      reason: 'FIREFOX_PATH is set to /nowhere/firefox, and no browser is there.',
    });
  });

  it('stops with exit code 1 and the instruction, before building, when the browser is missing', () => {
    const run = spawnSync(
      process.execPath,
      [fileURLToPath(new URL('../../scripts/preflight.mjs', import.meta.url)), 'chromium'],
      {
        env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('CHROMIUM_PATH is set to /nonexistent/chromium, and no browser is there.');
    expect(run.stderr).toContain('unset CHROMIUM_PATH');
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/); // a message, not a stack trace
  });
});
