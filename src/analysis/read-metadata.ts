// Reads the privacy-relevant EXIF (GPS, orientation, camera, date) from file bytes with exifr.
// Works in Node (tests) and extension pages: only Uint8Array input, no Blob/URL/fs readers.
import { parse } from 'exifr/dist/full.esm.mjs';
import { metadataFromExif } from '../core/exif-meaning';
import { detectFileKind } from '../core/file-kind';
import type { PhotoMetadata } from '../core/verdict';
import { NO_METADATA } from '../core/verdict';
import { findWebpExif } from '../core/webp-metadata';

/** Only the tags we report; everything else (maker notes, thumbnails, XMP, ICC, IPTC) is not even parsed. */
const OPTIONS = {
  tiff: true,
  ifd0: { pick: ['Make', 'Model', 'Orientation', 'DateTime'] },
  exif: { pick: ['DateTimeOriginal', 'CreateDate'] },
  gps: {
    pick: [
      'GPSLatitude',
      'GPSLatitudeRef',
      'GPSLongitude',
      'GPSLongitudeRef',
      'GPSAltitude',
      'GPSAltitudeRef',
    ],
  },
  ifd1: false,
  interop: false,
  makerNote: false,
  userComment: false,
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  // Raw numbers (orientation 6, not "Rotate 90 CW") and dates as written, not revived into local-time Dates.
  translateKeys: true,
  translateValues: false,
  reviveValues: false,
  sanitize: true,
  mergeOutput: true,
  silentErrors: true,
};

/** Formats exifr reads itself; others are either pre-processed (WebP) or have no EXIF to find. */
const EXIFR_KINDS = new Set(['jpeg', 'png', 'heic', 'heif', 'avif', 'tiff']);

/** PhotoMetadata of an image file. Unreadable, unsupported or metadata-free files give NO_METADATA; never throws. */
export async function readMetadata(bytes: ArrayBuffer | Uint8Array): Promise<PhotoMetadata> {
  try {
    let data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const kind = detectFileKind(data.subarray(0, 512));
    if (kind === 'webp') {
      // exifr does not parse WebP; its EXIF chunk is a plain TIFF block, which exifr does.
      const tiff = findWebpExif(data);
      if (tiff === null) return { ...NO_METADATA };
      data = tiff.slice(); // own buffer: exifr reads from offset 0 of the view's buffer in some paths
    } else if (!EXIFR_KINDS.has(kind)) {
      return { ...NO_METADATA };
    }
    const raw: unknown = await parse(data, OPTIONS);
    return metadataFromExif(raw);
  } catch {
    return { ...NO_METADATA };
  }
}
