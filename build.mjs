#!/usr/bin/env node
// Builds the extension for Chrome and Firefox into dist/<browser>/ and zips each for the stores.
//   node build.mjs            build both browsers
//   node build.mjs --watch    rebuild on change
//   node build.mjs --browser=chrome   build one
//   node build.mjs --out=DIR  build into DIR instead of dist/ (the reproducibility test)
//   node build.mjs --out=DIR --analyzer-idle-ms=N   tests only: release the analyzer after N ms idle
//                             (the shipped build always uses 90 s; see src/analysis/analyzer.ts)
// The two builds differ only where a browser needs it (see manifestFor). The output depends only on the
// sources and node_modules: no dates, no absolute paths, zip entries sorted (scripts/zip.mjs).
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { CONTENT_AREAS, esbuildMessagesPlugin, LANGUAGES, loadCatalogs } from './scripts/locales.mjs';
import { zipFolder } from './scripts/zip.mjs';

const ROOT = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const WATCH = args.includes('--watch');
const BROWSERS = (args.find((a) => a.startsWith('--browser='))?.split('=')[1] ?? 'chrome,firefox').split(',');
const OUT = resolve(ROOT, args.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? 'dist');
const ANALYZER_IDLE_MS = Number(
  args.find((a) => a.startsWith('--analyzer-idle-ms='))?.split('=')[1] ?? 90_000,
);
if (!(ANALYZER_IDLE_MS >= 1000)) throw new Error('--analyzer-idle-ms takes a number of ms >= 1000');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Files shipped from node_modules and the repository: the face models, the models trained for FaceGuard
 * (models/, see training/) and the wasm runtime (nothing is fetched at run time). */
const VENDOR_ASSETS = [
  ...['photo-art.json', 'photo-art.bin', 'face-look.json', 'face-look.bin', 'face-parts.json'].map((file) => [
    `models/${file}`,
    `models/${file}`,
  ]),
  ...['blazeface.json', 'blazeface.bin', 'facemesh.json', 'facemesh.bin'].map((file) => [
    `node_modules/@vladmandic/human/models/${file}`,
    `models/${file}`,
  ]),
  // tfjs picks the SIMD build where the CPU has it, the plain one otherwise; the threaded build needs
  // cross-origin isolation, which extension pages do not have, so it is not shipped.
  ...['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'].map((file) => [
    `node_modules/@tensorflow/tfjs-backend-wasm/dist/${file}`,
    `wasm/${file}`,
  ]),
];

/** Script entry points shared by both browsers: [source, output name]. */
const SCRIPTS = [
  ['src/background/index.ts', 'background'],
  ['src/content/index.ts', 'content'],
  ['src/page/index.ts', 'page'],
  // The local check runs in workers started by the analyzer (Chrome: offscreen document; Firefox: background).
  ['src/analysis/analysis-worker.ts', 'analysis-worker'],
];

/** Every folder src/ui/<name>/ holding <name>.html is an extension page whose script is index.ts. */
function uiPages() {
  const dir = join(ROOT, 'src/ui');
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, `${name}.html`)))
    .map((name) => ({ name, html: join(dir, name, `${name}.html`), script: join(dir, name, 'index.ts') }));
}

/** Pages that exist only in one browser's build. */
const BROWSER_PAGES = {
  // Chrome runs the model in an offscreen document; Firefox's background page has a DOM of its own.
  chrome: [
    {
      name: 'offscreen',
      html: join(ROOT, 'src/analysis/offscreen.html'),
      script: join(ROOT, 'src/analysis/offscreen.ts'),
    },
  ],
  firefox: [],
};

function builtinMatches() {
  const sites = JSON.parse(readFileSync(join(ROOT, 'src/core/builtin-sites.json'), 'utf8'));
  return sites.flatMap((site) => site.matches);
}

function manifestFor(browser) {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
  manifest.version = pkg.version;
  const matches = builtinMatches();
  for (const script of manifest.content_scripts) script.matches = matches;
  manifest.host_permissions = matches;
  if (browser === 'firefox') {
    // Firefox has no offscreen API: its event page runs the analyzer itself.
    manifest.permissions = manifest.permissions.filter((p) => p !== 'offscreen');
  } else {
    // Chrome lists unknown keys as errors on its extensions page.
    delete manifest.browser_specific_settings;
  }
  return manifest;
}

function writeLocales(outDir) {
  const catalogs = loadCatalogs();
  for (const lang of LANGUAGES) {
    const dir = join(outDir, '_locales', lang);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'messages.json'), `${JSON.stringify(catalogs[lang], null, 1)}\n`);
  }
}

function copyStatic(browser) {
  const outDir = join(OUT, browser);
  mkdirSync(join(outDir, 'icons'), { recursive: true });
  for (const file of readdirSync(join(ROOT, 'icons')).filter((f) => f.endsWith('.png'))) {
    cpSync(join(ROOT, 'icons', file), join(outDir, 'icons', file));
  }
  for (const page of [...uiPages(), ...BROWSER_PAGES[browser]]) {
    cpSync(page.html, join(outDir, `${page.name}.html`));
  }
  for (const [from, to] of VENDOR_ASSETS) {
    mkdirSync(dirname(join(outDir, to)), { recursive: true });
    cpSync(join(ROOT, from), join(outDir, to));
  }
  writeLocales(outDir);
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifestFor(browser), null, 2)}\n`);
}

/** esbuild options for each bundle set: the content script alone, with only its own strings (it is
 * parsed in every frame of protected sites), and everything else with every string. */
function esbuildOptions(browser) {
  const entries = [
    ...SCRIPTS.map(([src, out]) => ({ in: join(ROOT, src), out })),
    ...[...uiPages(), ...BROWSER_PAGES[browser]].map((page) => ({ in: page.script, out: page.name })),
  ];
  const common = {
    outdir: join(OUT, browser),
    bundle: true,
    format: 'iife',
    target: ['chrome120', 'firefox128'],
    minify: !WATCH,
    sourcemap: WATCH ? 'inline' : false,
    legalComments: 'none',
    logLevel: 'warning',
    define: {
      __BROWSER__: JSON.stringify(browser),
      __ANALYZER_IDLE_MS__: String(ANALYZER_IDLE_MS),
      'process.env.NODE_ENV': '"production"',
    },
    loader: { '.svg': 'text' },
  };
  const isContent = (entry) => entry.out === 'content';
  return [
    {
      ...common,
      entryPoints: entries.filter(isContent),
      plugins: [esbuildMessagesPlugin({ areas: CONTENT_AREAS })],
    },
    { ...common, entryPoints: entries.filter((e) => !isContent(e)), plugins: [esbuildMessagesPlugin()] },
  ];
}

function zip(browser) {
  const archive = join(OUT, `faceguard-${browser}-${pkg.version}.zip`);
  writeFileSync(archive, zipFolder(join(OUT, browser)));
  return archive;
}

async function buildOnce(browser) {
  rmSync(join(OUT, browser), { recursive: true, force: true });
  await Promise.all(esbuildOptions(browser).map((options) => esbuild.build(options)));
  copyStatic(browser);
  const archive = zip(browser);
  console.log(
    `built ${relative(ROOT, join(OUT, browser))}/ and ${relative(ROOT, archive)} (${statSync(archive).size} bytes)`,
  );
}

async function watchBuild(browser) {
  rmSync(join(OUT, browser), { recursive: true, force: true });
  for (const options of esbuildOptions(browser)) await (await esbuild.context(options)).watch();
  copyStatic(browser);
  for (const dir of ['icons', 'src/i18n', 'src/ui', 'src/core']) {
    watch(join(ROOT, dir), { recursive: true }, () => {
      try {
        copyStatic(browser);
      } catch (error) {
        console.error(error.message);
      }
    });
  }
  watch(join(ROOT, 'manifest.json'), () => copyStatic(browser));
  console.log(`watching: ${relative(ROOT, join(OUT, browser))}/`);
}

for (const browser of BROWSERS) {
  if (!(browser in BROWSER_PAGES)) throw new Error(`unknown browser ${browser}`);
  await (WATCH ? watchBuild(browser) : buildOnce(browser));
}
