// Environment-agnostic entry of the local check: decoded pixels in, risk + reasons + faces out.
import { facesBesideDocument } from '../core/document-finding';
import { decideRiskWithDocument } from '../core/risk';
import type { DocumentFinding, FaceMeasures, Reason, Risk, Sensitivity } from '../core/verdict';
import { documentStep } from './document-step';
import { type FaceView, lookCrops, measureFaces, regionsToReread } from './face-measures';
import { detectFaces, lookLogits, type ModelOptions, type Pixels } from './face-model';

export type { ModelOptions, Pixels } from './face-model';

/**
 * Reads the rectangle (x, y, w, h) of the original image (original px, inside the image) resampled to
 * outW x outH pixels. Lets a face too small in the downscaled analysis image be measured at (up to) its
 * original resolution without ever holding the whole original as pixels.
 */
export type RegionReader = (
  x: number,
  y: number,
  w: number,
  h: number,
  outW: number,
  outH: number,
) => Pixels | Promise<Pixels>;

export interface OriginalImage {
  /** Displayed size of the original (orientation applied). */
  width: number;
  height: number;
  region?: RegionReader;
  /** Frees what `region` reads from; called once the analysis is over. */
  release?: () => void;
}

/**
 * Pixel budget of the analysis image. Detection needs only ~256 px per detector window (the whole image
 * plus tiles of ~0.6 of the long side), so ~1.2 MP (about 1265x950) feeds every window at >= 2x
 * oversampling; faces too small here to be measured are re-read from the original (see RegionReader).
 * A smaller image is what makes the check fast: drawing and reading back 4 MP cost more than the
 * detector itself. Measured on the dev set: same verdicts at 4, 2 and 1.2 MP, and with big JPEGs at the
 * decoder's n/8 scale (0.75 MP for 12 MP).
 */
export const ANALYSIS_PIXELS = 1_200_000;

/** How faces are found: the detector, or (in the worker's rehearsal, rehearsal.ts) a made-up face. */
export type FindFaces = typeof detectFaces;

export interface AnalysisResult {
  risk: Risk;
  reasons: Reason[];
  faces: FaceMeasures[];
  document: DocumentFinding | null;
  timings: Record<string, number>;
}

/**
 * @param pixels RGBA, orientation already applied, possibly downscaled from the original.
 * @param original size of the original (displayed) image, and optionally a reader of its regions.
 * @param scale original px per given px (>= 1 when the caller downscaled).
 */
export async function analyzePixels(
  pixels: Pixels,
  original: OriginalImage,
  scale: number,
  sensitivity: Sensitivity,
  models: ModelOptions,
  findFaces: FindFaces = detectFaces,
): Promise<AnalysisResult> {
  try {
    const t0 = performance.now();
    const { faces: raw, timings } = await findFaces(pixels, models, scale);
    const t1 = performance.now();
    const views: Array<FaceView | null> = [];
    if (original.region) {
      const plan = regionsToReread(raw, scale, original);
      for (const r of plan) {
        views.push(
          r && {
            img: await original.region(r.x, r.y, r.w, r.h, r.outW, r.outH),
            k: r.w / r.outW,
            ox: r.x,
            oy: r.y,
          },
        );
      }
    }
    const t2a = performance.now();
    const looks = await lookLogits(lookCrops(raw, pixels, scale, views), models);
    const t2b = performance.now();
    const measured = measureFaces(raw, pixels, scale, views, looks);
    const t2 = performance.now();
    const closer = original.region && {
      region: original.region,
      detect: async (img: Pixels, k: number) => (await detectFaces(img, models, k)).faces,
    };
    const document = await documentStep(pixels, raw, scale, closer);
    const faces = facesBesideDocument(measured, document);
    const t3 = performance.now();
    const { risk, reasons } = decideRiskWithDocument(
      faces,
      { width: original.width, height: original.height },
      sensitivity,
      document,
    );
    return {
      risk,
      reasons,
      faces,
      document,
      timings: {
        ...timings,
        look: t2b - t2a,
        measure: t2 - t1 - (t2b - t2a),
        document: t3 - t2,
        total: performance.now() - t0,
      },
    };
  } finally {
    original.release?.();
  }
}

/** Downscale factor (>= 1) that brings an image within `maxPixels`; the caller resizes by it. */
export function budgetScale(width: number, height: number, maxPixels = ANALYSIS_PIXELS): number {
  return Math.max(1, Math.sqrt((width * height) / maxPixels));
}
