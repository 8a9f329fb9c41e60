// A new analysis worker's rehearsal: the check's analysis, once, on a picture made here, before any
// photo arrives. Loading the models and running each graph once is not enough for a fast first photo:
// the check's own code (windows, crops, pixel measures, the document step) still runs cold in the
// worker's fresh JavaScript engine, and the first real photo paid for that (measured: its measures and
// document steps took 3-8x their warm time). Nothing of the rehearsal leaves the worker.
import { CANONICAL_FACE } from '../core/canonical-face';
import { readLines } from '../core/document-lines';
import {
  ANALYSIS_PIXELS,
  analyzePixels,
  type FindFaces,
  type ModelOptions,
  type Pixels,
} from './analyze-pixels';
import { detectFaces, type RawFace, warmFaceModels } from './face-model';

/**
 * The largest picture the check analyses (ANALYSIS_PIXELS, 4:3), already decoded: the glyph reader's
 * working memory (document-lines.ts) then grows here, not in the first photo's check (measured: after a
 * rehearsal at 800x600, the first 12 MP photo read its glyph lines in 66 ms, against 11 once warm). Made
 * here, not decoded: rehearsing on a 3 MP JPEG, decoded as a camera photo is, made the first photo slower
 * on a busy machine.
 */
const HEIGHT = Math.floor(Math.sqrt((ANALYSIS_PIXELS * 3) / 4));
const WIDTH = Math.floor((HEIGHT * 4) / 3);
/**
 * The glyph reader reaches its fast code on its third call, not its first (in Node on a 1000x750 picture:
 * 53, 36, 13, then 9-10 ms), so the rehearsal reads the picture's lines this many times more.
 */
const EXTRA_LINE_READS = 2;

/**
 * Runs the rehearsal, ending it at the next step when `busy()` says a real job has come: that job then
 * warms the code itself, and a rehearsal beside it would only make it wait. Rejects when ended so.
 */
export async function rehearseCheck(models: ModelOptions, busy: () => boolean): Promise<void> {
  await warmFaceModels(models);
  if (busy()) return;
  const pixels = madeUpPicture();
  await analyzePixels(pixels, pixels, 1, 'balanced', models, withMadeUpFace(busy));
  for (let i = 0; i < EXTRA_LINE_READS && !busy(); i++) readLines(pixels);
}

/** Ends the rehearsal in the middle: a real photo has come. */
class Interrupted extends Error {}

/**
 * The real detector, in the single pass a portrait takes (scale 1: no tiles, which only repeat that pass),
 * plus one face it could not find here; or, when a real job has come meanwhile, an end to the rehearsal.
 */
const withMadeUpFace =
  (busy: () => boolean): FindFaces =>
  async (img, models) => {
    if (busy()) throw new Interrupted();
    const found = await detectFaces(img, models, 1);
    if (busy()) throw new Interrupted();
    return { ...found, faces: [...found.faces, madeUpFace(img.width / 2, img.height / 2, img.height / 3)] };
  };

/** MediaPipe's canonical face as a frontal mesh `side` px tall, centred on (cx, cy). */
export function madeUpFace(cx: number, cy: number, side: number): RawFace {
  // The canonical face is about 18 cm from chin to hairline (0.01 mm units), y up and z towards the
  // camera; the mesh's y runs down and its z away from the camera.
  const k = side / 18_000;
  const mesh: Array<[number, number, number]> = [];
  for (let i = 0; i < CANONICAL_FACE.length; i += 3) {
    mesh.push([cx + CANONICAL_FACE[i]! * k, cy - CANONICAL_FACE[i + 1]! * k, -CANONICAL_FACE[i + 2]! * k]);
  }
  const at = (i: number): [number, number] => [mesh[i]![0], mesh[i]![1]];
  const between = (a: number, b: number): [number, number] => [
    (mesh[a]![0] + mesh[b]![0]) / 2,
    (mesh[a]![1] + mesh[b]![1]) / 2,
  ];
  return {
    box: { x: cx - side / 2, y: cy - side / 2, width: side, height: side },
    score: 0.9,
    keypoints: [between(33, 133), between(362, 263), at(1), between(61, 291), at(234), at(454)],
    mesh,
    meshScore: 0.9,
    meshFrame: { cx, cy, side: side * 1.5, angle: 0 },
    photoLogit: 0,
    parts: null,
  };
}

/** A picture with texture, a face-coloured oval and two lines of fixed-pitch text. */
function madeUpPicture(): Pixels {
  const canvas = new OffscreenCanvas(WIDTH, HEIGHT);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const sky = ctx.createLinearGradient(0, 0, 0, HEIGHT);
  sky.addColorStop(0, '#9db4c8');
  sky.addColorStop(1, '#5a4a3c');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  // Blocks of varied shade, so the pixel measures see edges in every direction.
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let i = 0; i < 160; i++) {
    ctx.fillStyle = `hsl(${Math.floor(next() * 360)} 30% ${Math.floor(20 + next() * 60)}%)`;
    ctx.fillRect(next() * WIDTH, next() * HEIGHT, 4 + next() * 50, 4 + next() * 50);
  }
  ctx.fillStyle = '#d9a383';
  ctx.beginPath();
  ctx.ellipse(WIDTH / 2, HEIGHT / 2, HEIGHT / 7, HEIGHT / 5, 0, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#111';
  ctx.font = '16px monospace';
  ctx.fillText('P<XXXSAMPLE<<REHEARSAL<<<<<<<<<<<<<<<<<<<<<', 30, HEIGHT - 56);
  ctx.fillText('0000000000XXX0001011X0001011<<<<<<<<<<<<<<00', 30, HEIGHT - 32);
  return { data: ctx.getImageData(0, 0, WIDTH, HEIGHT).data, width: WIDTH, height: HEIGHT };
}
