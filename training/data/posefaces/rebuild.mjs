// Rebuilds /work/data/posefaces (or --out DIR) from manifest.json: renders a photo-textured 3D head scan at the
// recorded yaw, pitch and roll with three.js in headless Chromium (SwiftShader), and checks each file's sha256.
// The scan (Lee Perry-Smith's "Infinite" head, CC BY 3.0) is read from a three.js snapshot with git, three.js
// itself comes from the npm registry (`npm pack three@0.160.0`), the browser driver is the project's puppeteer-core.
//   node training/data/posefaces/rebuild.mjs [--mirrors /work/.mirror] [--out DIR]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const mirrors = arg('--mirrors', '/work/.mirror');
const out = arg('--out', '/work/data/posefaces');
const records = JSON.parse(readFileSync(join(here, 'manifest.json'), 'utf8'));
const SCAN = {
  repo: 'alteredq+three.js',
  commit: 'c32f89a1d8f5bcdd08b4503963c5fb29daa0a87f',
  dir: 'examples/obj/leeperrysmith',
};

const work = mkdtempSync(join(tmpdir(), 'posefaces-'));
execFileSync('npm', ['pack', 'three@0.160.0', '--silent'], { cwd: work });
execFileSync('tar', ['xzf', 'three-0.160.0.tgz'], { cwd: work });
const git = (path) =>
  execFileSync(
    'git',
    ['--git-dir', join(mirrors, SCAN.repo, 'repo'), 'show', `${SCAN.commit}:${SCAN.dir}/${path}`],
    {
      maxBuffer: 1 << 26,
    },
  );
writeFileSync(join(work, 'Map-COL.jpg'), git('Map-COL.jpg'));
writeFileSync(join(work, 'head.json'), JSON.stringify(triangles(git('LeePerrySmith.js').toString())));
writeFileSync(join(work, 'render.html'), PAGE());

/** The 2011 three.js model format (JSON inside a JS file): quads and triangles with a bit mask per face. */
function triangles(js) {
  const m = JSON.parse(js.slice(js.indexOf('{', js.indexOf('var model')), js.lastIndexOf('}') + 1));
  const V = m.vertices;
  const UV = m.uvs[0];
  const F = m.faces;
  const pos = [];
  const uv = [];
  for (let k = 0; k < F.length; ) {
    const t = F[k++];
    const n = t & 1 ? 4 : 3;
    const vi = F.slice(k, k + n);
    k += n;
    if (t & 2) k += 1;
    if (t & 4) k += 1;
    let fuv = null;
    if (t & 8) {
      fuv = F.slice(k, k + n);
      k += n;
    }
    if (t & 16) k += 1;
    if (t & 32) k += n;
    if (t & 64) k += 1;
    if (t & 128) k += n;
    for (const tri of n === 4
      ? [
          [0, 1, 3],
          [1, 2, 3],
        ]
      : [[0, 1, 2]]) {
      for (const c of tri) {
        pos.push(V[3 * vi[c]], V[3 * vi[c] + 1], V[3 * vi[c] + 2]);
        uv.push(fuv ? UV[2 * fuv[c]] : 0, fuv ? UV[2 * fuv[c] + 1] : 0);
      }
    }
  }
  return { pos, uv };
}

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.jpg': 'image/jpeg',
};
const server = createServer((req, res) => {
  const path = join(work, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  try {
    const body = readFileSync(path);
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/render.html`;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
const page = await browser.newPage();
mkdirSync(out, { recursive: true });
let differ = 0;
for (const r of records) {
  const q = new URLSearchParams({ ...r.pose, ...r.render });
  await page.goto(`${base}?${q}`);
  await page.waitForFunction(() => document.title === 'done' || document.title.startsWith('ERR'), {
    timeout: 120000,
  });
  const src = await page.evaluate(() => document.getElementById('out')?.src ?? document.title);
  if (!src.startsWith('data:')) throw new Error(`${r.file}: ${src}`);
  const png = Buffer.from(src.split(',')[1], 'base64');
  writeFileSync(join(out, r.file), png);
  if (r.sha256 && createHash('sha256').update(png).digest('hex') !== r.sha256) differ++;
}
await browser.close();
server.close();
writeFileSync(join(out, 'labels.json'), JSON.stringify(records, null, 1));
console.log(
  `${records.length} renders written to ${out}; ${differ} differ from the recorded sha256 (another Chromium or SwiftShader build renders slightly differently; the poses are exact either way)`,
);

function PAGE() {
  return `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;overflow:hidden}</style>
<script type="importmap">{"imports":{"three":"./package/build/three.module.js"}}</script></head><body><script type="module">
import * as THREE from 'three';
const q = new URLSearchParams(location.search);
const deg = Math.PI / 180, S = 512;
const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
renderer.setSize(S, S); renderer.setPixelRatio(1); renderer.outputColorSpace = THREE.SRGBColorSpace;
document.body.appendChild(renderer.domElement);
const scene = new THREE.Scene(); scene.background = new THREE.Color(q.get('bg'));
const camera = new THREE.PerspectiveCamera(30, 1, 0.1, 100); camera.position.set(0, 0, +q.get('dist')); camera.lookAt(0, 0, 0);
scene.add(new THREE.AmbientLight(0xffffff, 0.9));
const key = new THREE.DirectionalLight(0xffffff, 2.2); key.position.set(+q.get('lx') * 5, +q.get('ly') * 5, 5); scene.add(key);
const tex = new THREE.TextureLoader().load('Map-COL.jpg', () => go()); tex.colorSpace = THREE.SRGBColorSpace; tex.flipY = false;
let head, n = 0;
fetch('head.json').then((r) => r.json()).then((d) => {
  const geo = new THREE.BufferGeometry();
  geo.setAttribute('position', new THREE.Float32BufferAttribute(d.pos, 3));
  geo.setAttribute('uv', new THREE.Float32BufferAttribute(d.uv, 2));
  geo.computeVertexNormals();
  const mesh = new THREE.Mesh(geo, new THREE.MeshPhongMaterial({ map: tex, specular: 0x111111, shininess: 15, side: THREE.DoubleSide }));
  mesh.position.sub(new THREE.Box3().setFromObject(mesh).getCenter(new THREE.Vector3()));
  mesh.position.y -= 1.6; // pivot in the middle of the head, so the face stays near the optical axis
  head = new THREE.Group(); head.add(mesh);
  // yaw +: nose towards the image right (the person's left); pitch +: looking up; roll +: clockwise in the image
  head.rotation.order = 'YXZ';
  head.rotation.set(-q.get('pitch') * deg, +q.get('yaw') * deg, -q.get('roll') * deg);
  scene.add(head); go();
}).catch((e) => { document.title = 'ERR ' + e.message; });
function go() {
  if (++n < 2) return;
  renderer.render(scene, camera);
  const im = new Image(); im.id = 'out'; im.src = renderer.domElement.toDataURL('image/png');
  document.body.innerHTML = ''; document.body.appendChild(im); document.title = 'done';
}
</script></body></html>`;
}
