// The store packages are reproducible (no browser involved; here because it is slow): `npm run package`
// twice into two temp folders gives the same three files byte for byte; the source archive, extracted
// into two more folders and built there with `node build.mjs` as BUILD.md says, gives the very zips that
// were packaged. `npm ci` is replaced by a link to this checkout's node_modules (the same locked
// packages, and no network here). The archive holds sources only, and no output holds a path of the
// machine it was built on.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { artifactNames } from '../../scripts/package.mjs';
import { listFiles } from '../../scripts/zip.mjs';
import { REPO } from './harness/paths';
import { tempDir } from './harness/temp-dir';

const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
const names = artifactNames(version);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function node(cwd: string, args: string[]): void {
  const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  expect(run.status, `${args.join(' ')} in ${cwd}:\n${run.stdout}\n${run.stderr}`).toBe(0);
}

/** Extracts the source archive into a fresh folder with node_modules linked, and builds there. */
function buildFromSource(source: Uint8Array, prefix: string): string {
  const dir = tempDir(prefix);
  for (const [path, bytes] of Object.entries(unzipSync(source))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  node(dir, ['build.mjs']);
  return dir;
}

describe('store packages', () => {
  it('are byte-identical across clean builds, also from the extracted source archive', () => {
    const tmp = tempDir('fg-package-');
    const first = join(tmp, 'first');
    const second = join(tmp, 'second');
    node(REPO, ['scripts/package.mjs', `--out=${first}`]);
    node(REPO, ['scripts/package.mjs', `--out=${second}`]);
    const files = ['chrome', 'firefox', 'source'] as const;
    const read = (dir: string, kind: (typeof files)[number]) => readFileSync(join(dir, names[kind]));
    for (const kind of files) {
      expect(sha256(read(second, kind)), kind).toBe(sha256(read(first, kind)));
    }
    expect(readFileSync(join(second, 'SHA256SUMS'), 'utf8')).toBe(
      readFileSync(join(first, 'SHA256SUMS'), 'utf8'),
    );

    const source = read(first, 'source');
    const builds = [buildFromSource(source, 'fg-source-a-'), buildFromSource(source, 'fg-source-b-')];
    for (const dir of builds) {
      for (const kind of ['chrome', 'firefox'] as const) {
        expect(sha256(readFileSync(join(dir, 'dist', names[kind]))), `${kind} built in ${dir}`).toBe(
          sha256(read(first, kind)),
        );
      }
    }

    // BUILD.md names the submitted file and its hash.
    const buildMd = new TextDecoder().decode(unzipSync(source)['BUILD.md']);
    expect(buildMd).toContain(`${sha256(read(first, 'firefox'))}  ${names.firefox}`);
    expect(buildMd).toContain('npm ci\nnpm run build');

    // Sources only: no dependencies, outputs, tests or test pictures.
    const paths = Object.keys(unzipSync(source));
    expect(paths).toContain('package-lock.json');
    expect(paths.filter((p) => /^(node_modules|dist|test|test-results|store)\//.test(p))).toEqual([]);
    expect(
      paths.filter((p) => /\.(png|jpe?g|webp|gif|heic|tiff?|bmp)$/i.test(p) && !p.startsWith('icons/')),
    ).toEqual([]);

    // No path of the building machine in anything the stores get.
    const built = builds[0]!;
    for (const browser of ['chrome', 'firefox']) {
      const root = join(built, 'dist', browser);
      for (const path of listFiles(root).filter((p) => /\.(js|json|html|css)$/.test(p))) {
        const text = readFileSync(join(root, path), 'utf8');
        for (const local of [built, REPO, tmp, '/home/', '/root/', '/tmp/']) {
          expect(text.includes(local), `${browser}/${path} mentions ${local}`).toBe(false);
        }
      }
    }
  }, 240_000);
});
