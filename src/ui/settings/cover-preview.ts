// The settings page's preview of each cover style: a drawn portrait (no photo ships in the package),
// covered by the very code that makes the safer copy (src/core/cover-faces.ts, default options), so the
// preview looks like what the copy of a photo will.
import { type CoverStyle, coverFacesInPlace } from '../../core/cover-faces';
import type { Box } from '../../core/verdict';

/** CSS size of a preview; drawn at twice that for sharp edges on high-density screens. */
const WIDTH = 120;
const HEIGHT = 90;
const SCALE = 2;
/** The drawn face as a face detector would box it (brows to chin), in canvas pixels. */
const FACE: Box = { x: 92, y: 52, width: 56, height: 66 };

function ellipse(g: CanvasRenderingContext2D, cx: number, cy: number, rx: number, ry: number, fill: string) {
  g.fillStyle = fill;
  g.beginPath();
  g.ellipse(cx, cy, rx, ry, 0, 0, Math.PI * 2);
  g.fill();
}

/** A head-and-shoulders portrait in front of a window, in flat shapes. */
function drawPortrait(g: CanvasRenderingContext2D): void {
  const w = WIDTH * SCALE;
  const h = HEIGHT * SCALE;
  const wall = g.createLinearGradient(0, 0, 0, h);
  wall.addColorStop(0, '#cfe3ef');
  wall.addColorStop(1, '#9fc3d6');
  g.fillStyle = wall;
  g.fillRect(0, 0, w, h);
  g.fillStyle = '#eef6fa';
  g.fillRect(14, 18, 52, 70);
  g.fillRect(176, 30, 46, 60);
  g.fillStyle = '#5f8a4a';
  ellipse(g, 198, 150, 26, 34, '#5f8a4a');
  // Shoulders and neck.
  g.fillStyle = '#2f6f8f';
  g.beginPath();
  g.moveTo(50, h);
  g.quadraticCurveTo(56, 132, 120, 128);
  g.quadraticCurveTo(184, 132, 190, h);
  g.fill();
  g.fillStyle = '#d9a382';
  g.fillRect(108, 108, 24, 24);
  // Hair behind the head, the head, then the hair's fringe.
  ellipse(g, 120, 74, 36, 42, '#3b2a22');
  ellipse(g, 120, 84, 28, 35, '#e8b892');
  g.fillStyle = '#3b2a22';
  g.beginPath();
  g.ellipse(120, 62, 30, 18, 0, Math.PI, Math.PI * 2);
  g.fill();
  // Ears, brows, eyes, nose and mouth.
  ellipse(g, 92, 86, 5, 8, '#dfa987');
  ellipse(g, 148, 86, 5, 8, '#dfa987');
  g.strokeStyle = '#3b2a22';
  g.lineWidth = 3;
  g.lineCap = 'round';
  for (const x of [108, 132]) {
    g.beginPath();
    g.moveTo(x - 7, 72);
    g.lineTo(x + 7, 71);
    g.stroke();
    ellipse(g, x, 81, 6, 4, '#ffffff');
    ellipse(g, x, 81, 3, 3.5, '#2b1d16');
  }
  g.strokeStyle = '#b9785a';
  g.lineWidth = 2.5;
  g.beginPath();
  g.moveTo(120, 86);
  g.lineTo(117, 98);
  g.lineTo(122, 99);
  g.stroke();
  g.strokeStyle = '#a4424a';
  g.lineWidth = 3;
  g.beginPath();
  g.arc(120, 102, 9, 0.15 * Math.PI, 0.85 * Math.PI);
  g.stroke();
}

/** A canvas showing the drawn portrait with its face covered in the given style (decorative). */
export function coverPreview(style: CoverStyle): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH * SCALE;
  canvas.height = HEIGHT * SCALE;
  canvas.style.setProperty('width', `${WIDTH}px`);
  canvas.style.setProperty('height', `${HEIGHT}px`);
  canvas.setAttribute('aria-hidden', 'true');
  canvas.dataset.coverPreview = style;
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return canvas;
  drawPortrait(g);
  const pixels = g.getImageData(0, 0, canvas.width, canvas.height);
  coverFacesInPlace(pixels, [FACE], style);
  g.putImageData(pixels, 0, 0);
  return canvas;
}
