#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
// `npm run package`: the three files the stores take, made reproducibly into dist/ (or --out=DIR):
//   faceguard-chrome-<version>.zip    Chrome Web Store package (dist/chrome/ zipped)
//   faceguard-firefox-<version>.zip   addons.mozilla.org package (dist/firefox/ zipped)
//   faceguard-source-<version>.zip    the sources AMO asks for: what `npm ci && npm run build` needs to
//                                     make the Firefox zip again byte for byte, with BUILD.md
// and SHA256SUMS. Two runs on the same sources give the same bytes (test/e2e/package.e2e.ts builds from
// the extracted source archive twice and compares).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles, zipEntries } from './zip.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const OUT = resolve(ROOT, args.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? 'dist');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));

/**
 * What the build reads, and nothing else: no node_modules, dist, tests or test pictures. Folders are
 * taken whole; the reproducibility test proves the list is enough by building from the archive.
 */
export const SOURCE_FILES = [
  'README.md',
  'package.json',
  'package-lock.json',
  'build.mjs',
  'manifest.json',
  'tsconfig.json',
  'biome.json',
  'scripts/locales.mjs',
  'scripts/locales.d.mts',
  'scripts/zip.mjs',
  'scripts/zip.d.mts',
];
export const SOURCE_FOLDERS = ['icons', 'models', 'src'];

export const artifactNames = (version) => ({
  chrome: `faceguard-chrome-${version}.zip`,
  firefox: `faceguard-firefox-${version}.zip`,
  source: `faceguard-source-${version}.zip`,
});

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const locked = (name) => lock.packages[`node_modules/${name}`]?.version ?? '?';

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stderr}`);
  return result.stdout.trim();
}

function buildInstructions(names, hashes) {
  const npmVersion = run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['--version']);
  const runtime = Object.keys(pkg.dependencies)
    .sort()
    .map((name) => `- ${name} ${locked(name)}`)
    .join('\n');
  return `# Building FaceGuard ${pkg.version} from source

This archive holds the sources of FaceGuard ${pkg.version} that its build reads. Built as below, it gives
\`dist/${names.firefox}\`, byte for byte the package submitted to addons.mozilla.org (and
\`dist/${names.chrome}\`, the Chrome Web Store package).

## Requirements

- Node.js ${process.version} and npm ${npmVersion}: the versions this archive and its packages were made
  with (${process.platform} ${process.arch}), and the ones the byte-for-byte check was run with. Node 20
  or newer is required. Nothing in the packages comes from Node itself (esbuild, a pinned binary,
  bundles; a pinned library writes the zips), so other versions are expected to give the same bytes.
- Network access for \`npm ci\` only; the build itself fetches nothing.

## Build

\`\`\`sh
npm ci
npm run build
\`\`\`

\`npm run build\` runs \`node build.mjs\`, which writes:

| file | what it is |
|---|---|
| \`dist/firefox/\` | the unpacked Firefox add-on |
| \`dist/${names.firefox}\` | **the file submitted to addons.mozilla.org** |
| \`dist/chrome/\` | the unpacked Chrome extension |
| \`dist/${names.chrome}\` | the file submitted to the Chrome Web Store |

SHA-256 of the submitted files:

\`\`\`
${hashes.firefox}  ${names.firefox}
${hashes.chrome}  ${names.chrome}
\`\`\`

Check with \`sha256sum dist/*.zip\`.

## What the build does

- Bundles the TypeScript in \`src/\` with esbuild ${locked('esbuild')} (entry points and options in
  \`build.mjs\`: IIFE, minified, no source maps, no legal comments). The only transformation is esbuild's.
- Copies unchanged from \`node_modules\`: the BlazeFace and FaceMesh models
  (\`@vladmandic/human\` ${locked('@vladmandic/human')}, \`models/\`) and the TensorFlow.js WebAssembly binaries
  (\`@tensorflow/tfjs-backend-wasm\` ${locked('@tensorflow/tfjs-backend-wasm')}, \`dist/*.wasm\`).
- Copies unchanged from \`models/\`: FaceGuard's own photo-or-art model (a read-out of FaceMesh's layers
  and of a MobileNetV3 trunk on the face crop) and parts-in-view read-out of FaceMesh (weights as data, no
  code; how they were trained and from what is in README.md, "Model card").
- Merges \`src/i18n/<language>/*.json\` into \`_locales/<language>/messages.json\`, copies \`icons/*.png\`
  and the pages of \`src/ui/\`, and writes each browser's \`manifest.json\` from the one in this folder
  (Firefox's without the \`offscreen\` permission, Chrome's without \`browser_specific_settings\`).
- Zips each folder with sorted entries and one fixed timestamp, so equal sources give equal bytes.

## Third-party code in the package

Bundled from npm, unmodified (versions from \`package-lock.json\`):

${runtime}
`;
}

/** [path, bytes] of every source file, sorted, plus BUILD.md. */
function sourceEntries(buildMd) {
  const paths = [
    ...SOURCE_FILES,
    ...SOURCE_FOLDERS.flatMap((folder) => listFiles(join(ROOT, folder)).map((path) => `${folder}/${path}`)),
  ];
  const missing = paths.filter((path) => !existsSync(join(ROOT, path)));
  if (missing.length) throw new Error(`package: missing ${missing.join(', ')}`);
  return [
    ['BUILD.md', new TextEncoder().encode(buildMd)],
    ...paths.map((path) => [path, readFileSync(join(ROOT, path))]),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = artifactNames(pkg.version);
  const built = spawnSync(process.execPath, ['build.mjs', `--out=${OUT}`], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const hashes = {
    chrome: sha256(readFileSync(join(OUT, names.chrome))),
    firefox: sha256(readFileSync(join(OUT, names.firefox))),
  };
  const source = zipEntries(sourceEntries(buildInstructions(names, hashes)));
  writeFileSync(join(OUT, names.source), source);
  hashes.source = sha256(source);
  const sums = ['chrome', 'firefox', 'source'].map((k) => `${hashes[k]}  ${names[k]}`).join('\n');
  writeFileSync(join(OUT, 'SHA256SUMS'), `${sums}\n`);
  console.log(`\nStore packages in ${OUT}:\n${sums}`);
}
