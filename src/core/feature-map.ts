// Reading a network's feature map (NHWC, one image) at a point of its input (pure, no DOM).

/**
 * The channels of an h x w x c feature map at input position (x, y) of an input `size` pixels square,
 * interpolated bilinearly between cell centres (a point outside reads the nearest edge cell).
 */
export function featuresAt(
  map: ArrayLike<number>,
  h: number,
  w: number,
  c: number,
  size: number,
  x: number,
  y: number,
): Float32Array {
  const gx = Math.min(w - 1, Math.max(0, (x / size) * w - 0.5));
  const gy = Math.min(h - 1, Math.max(0, (y / size) * h - 0.5));
  const x0 = Math.floor(gx);
  const y0 = Math.floor(gy);
  const x1 = Math.min(w - 1, x0 + 1);
  const y1 = Math.min(h - 1, y0 + 1);
  const fx = gx - x0;
  const fy = gy - y0;
  const out = new Float32Array(c);
  const corners: Array<[number, number, number]> = [
    [y0, x0, (1 - fx) * (1 - fy)],
    [y0, x1, fx * (1 - fy)],
    [y1, x0, (1 - fx) * fy],
    [y1, x1, fx * fy],
  ];
  for (const [yy, xx, wt] of corners) {
    if (wt === 0) continue;
    const base = (yy * w + xx) * c;
    for (let k = 0; k < c; k++) out[k]! += map[base + k]! * wt;
  }
  return out;
}
