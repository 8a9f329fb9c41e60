// The local check for one image: sniff, read metadata, decode, detect, measure, decide. Returns a
// Verdict for every input: what cannot be checked is 'unknown' with a reason, never an exception.
import { metadataReasons } from '../core/exif-meaning';
import { detectFileKind, isPhotoKind, SNIFF_BYTES } from '../core/file-kind';
import { NO_METADATA, type Sensitivity, type Verdict } from '../core/verdict';
import { analyzePixels, type ModelOptions } from './analyze-pixels';
import { decodeForCheck, UncheckableImage } from './decode-for-check';
import { readMetadata } from './read-metadata';

function unknown(reasonKey: string, metadata = NO_METADATA, timings: Record<string, number> = {}): Verdict {
  return {
    risk: 'unknown',
    reasons: [{ key: reasonKey }, ...metadataReasons(metadata)],
    faces: [],
    document: null,
    metadata,
    width: 0,
    height: 0,
    timings,
  };
}

export async function checkImage(
  bytes: Uint8Array,
  type: string,
  sensitivity: Sensitivity,
  models: ModelOptions,
): Promise<Verdict> {
  const start = performance.now();
  if (bytes.length === 0) return unknown('reason_unknown_empty');
  const kind = detectFileKind(bytes.subarray(0, SNIFF_BYTES));
  // Metadata first: it is cheap, works for HEIC too, and decode needs the orientation.
  const metadata = await readMetadata(bytes);
  if (kind === 'heic' || kind === 'heif' || kind === 'tiff')
    return unknown('reason_unknown_format', metadata);
  if (!isPhotoKind(kind)) return unknown('reason_unknown_decode', metadata);
  const timings: Record<string, number> = { metadata: performance.now() - start };
  try {
    const decoded = await decodeForCheck(bytes, type || 'application/octet-stream');
    timings.decode = performance.now() - start - timings.metadata!;
    const result = await analyzePixels(decoded.pixels, decoded, decoded.scale, sensitivity, models);
    return {
      risk: result.risk,
      reasons: [...result.reasons, ...metadataReasons(metadata)],
      faces: result.faces,
      document: result.document,
      metadata,
      width: decoded.width,
      height: decoded.height,
      timings: { ...timings, ...result.timings, total: performance.now() - start },
    };
  } catch (error) {
    if (error instanceof UncheckableImage) return unknown(error.reasonKey, metadata, timings);
    throw error;
  }
}
