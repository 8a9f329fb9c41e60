// Decoding and resampling for the Node-side runs of the check (eval-node, training): stands in for the
// browser's decoders and its 'medium' drawImage, so Node sees about what the extension sees.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** RGBA pixels of a PNG or JPEG file; other formats (WebP, GIF, BMP) through ImageMagick as PNG. */
export function decodeFile(file) {
  const buf = readFileSync(file);
  if (buf[0] === 0x89 && buf[1] === 0x50) return decodePng(buf);
  if (buf[0] === 0xff && buf[1] === 0xd8) {
    const j = jpeg.decode(buf, {
      useTArray: true,
      formatAsRGBA: true,
      maxMemoryUsageInMB: 2048,
      maxResolutionInMP: 200,
    });
    return {
      data: new Uint8ClampedArray(j.data.buffer, j.data.byteOffset, j.data.length),
      width: j.width,
      height: j.height,
    };
  }
  // Flattened on white, as the extension reads transparent areas (decode-for-check).
  const png = execFileSync('convert', [`${file}[0]`, '-background', 'white', '-flatten', 'png:-'], {
    maxBuffer: 1 << 30,
  });
  return decodePng(png);
}

function decodePng(buf) {
  const png = PNG.sync.read(buf);
  // Transparent pixels read as white, the way the extension draws them on a white canvas.
  const d = png.data;
  for (let i = 0; i < d.length; i += 4) {
    const a = d[i + 3] / 255;
    if (a < 1) {
      d[i] = d[i] * a + 255 * (1 - a);
      d[i + 1] = d[i + 1] * a + 255 * (1 - a);
      d[i + 2] = d[i + 2] * a + 255 * (1 - a);
      d[i + 3] = 255;
    }
  }
  return {
    data: new Uint8ClampedArray(d.buffer, d.byteOffset, d.length),
    width: png.width,
    height: png.height,
  };
}

/** Box-filter resize of the rectangle (x, y, w, h) of `img` to W x H (stands in for the browser's
 * 'medium' drawImage, which is mipmapped). */
export function resize(img, x, y, w, h, W, H) {
  const out = new Uint8ClampedArray(W * H * 4);
  const sx = w / W;
  const sy = h / H;
  for (let oy = 0; oy < H; oy++) {
    const y0 = y + Math.floor(oy * sy);
    const y1 = Math.min(img.height, Math.max(y0 + 1, y + Math.floor((oy + 1) * sy)));
    for (let ox = 0; ox < W; ox++) {
      const x0 = x + Math.floor(ox * sx);
      const x1 = Math.min(img.width, Math.max(x0 + 1, x + Math.floor((ox + 1) * sx)));
      const acc = [0, 0, 0, 0];
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const i = (yy * img.width + xx) * 4;
          acc[0] += img.data[i];
          acc[1] += img.data[i + 1];
          acc[2] += img.data[i + 2];
          acc[3] += img.data[i + 3];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (oy * W + ox) * 4;
      out[o] = acc[0] / n;
      out[o + 1] = acc[1] / n;
      out[o + 2] = acc[2] / n;
      out[o + 3] = acc[3] / n;
    }
  }
  return { data: out, width: W, height: H };
}

export function downscale(img, s) {
  if (s <= 1) return img;
  const W = Math.max(1, Math.round(img.width / s));
  const H = Math.max(1, Math.round(img.height / s));
  return resize(img, 0, 0, img.width, img.height, W, H);
}

/** What the extension gets for a big JPEG (decode-for-check: ImageDecoder with a desired size): the
 * largest n/8 DCT scale that fits the budget size; box filtering stands in for the DCT scaling. */
export function jpegScaled(img, s) {
  const W = Math.round(img.width / s);
  const H = Math.round(img.height / s);
  for (let n = 8; n >= 1; n--) {
    const w = Math.ceil((img.width * n) / 8);
    const h = Math.ceil((img.height * n) / 8);
    if (w <= W && h <= H)
      return w * 2.2 < W || h * 2.2 < H ? downscale(img, s) : resize(img, 0, 0, img.width, img.height, w, h);
  }
  return downscale(img, s);
}

/** The analysis image the extension would check for `file` decoded as `img`, under `budgetScale`. */
export function analysisImage(file, img, scale) {
  return /\.jpe?g$/i.test(file) && scale > 1.5 ? jpegScaled(img, scale) : downscale(img, scale);
}
