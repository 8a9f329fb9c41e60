// Loads the extension's own analysis code into Node (bundled from src/ with esbuild), with the model
// files read from node_modules, for the Node-side runs of the check (eval-node, training).
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `entry` (a path from the repo root) for Node and imports it. */
export async function loadBundle(entry) {
  const outfile = join(tmpdir(), `faceguard-node-${entry.replace(/[^a-z0-9]+/gi, '-')}-${process.pid}.mjs`);
  await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; import { dirname as __dn } from 'node:path'; import { fileURLToPath as __fu } from 'node:url'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);",
    },
  });
  return import(pathToFileURL(outfile).href);
}

/** ModelOptions for the analysis code: the same files the build copies into the extension. */
export const nodeModels = {
  modelBase: join(ROOT, 'node_modules/@vladmandic/human/models'),
  trainedBase: join(ROOT, 'models'),
  wasmBase: join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist'),
  readFile: async (p) => {
    const b = readFileSync(p);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  },
};
