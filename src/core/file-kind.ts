// Image type from magic bytes, and the upload gate's "should we hold this file?" rule. PURE.
// Magic bytes beat names and MIME types: sites and OSes often send "" or application/octet-stream
// (HEIC especially), and file names lie.

export type FileKind =
  | 'jpeg'
  | 'png'
  | 'gif'
  | 'webp'
  | 'bmp'
  | 'heic'
  | 'heif'
  | 'avif'
  | 'tiff'
  | 'svg'
  | 'unknown';

/** How many leading bytes detectFileKind needs to decide (ftyp brands, SVG prologue). */
export const SNIFF_BYTES = 512;

const ascii = (b: Uint8Array, at: number, length: number): string => {
  let s = '';
  for (let i = at; i < at + length && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
};

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2', 'miaf']);

function isoBmffKind(b: Uint8Array): FileKind {
  const boxSize = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  const major = ascii(b, 8, 4);
  const brands = [major];
  // Compatible brands follow the minor version; read those we have.
  const end = Math.min(b.length, Math.max(boxSize, 16));
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(b, at, 4));
  if (AVIF_BRANDS.has(major)) return 'avif';
  if (HEIC_BRANDS.has(major)) return 'heic';
  if (brands.some((x) => AVIF_BRANDS.has(x))) return 'avif';
  if (brands.some((x) => HEIC_BRANDS.has(x))) return 'heic';
  if (brands.some((x) => HEIF_BRANDS.has(x))) return 'heif';
  return 'unknown'; // MP4/MOV and other ISO media
}

function looksLikeSvg(b: Uint8Array): boolean {
  let text = ascii(b, 0, Math.min(b.length, SNIFF_BYTES));
  if (text.startsWith('\xef\xbb\xbf')) text = text.slice(3); // UTF-8 BOM
  text = text.trimStart();
  if (!text.startsWith('<')) return false;
  return /<svg[\s>]/i.test(text);
}

export function detectFileKind(b: Uint8Array): FileKind {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return 'gif';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') return isoBmffKind(b);
  if (b.length >= 4) {
    const head = ascii(b, 0, 4);
    if (head === 'II*\0' || head === 'MM\0*' || head === 'II+\0' || head === 'MM\0+') return 'tiff';
  }
  if (b.length >= 18 && b[0] === 0x42 && b[1] === 0x4d) {
    // "BM" alone is too weak; the DIB header size must be one of the known ones.
    const dib = (b[14]! | (b[15]! << 8) | (b[16]! << 16) | (b[17]! << 24)) >>> 0;
    if ([12, 16, 40, 52, 56, 64, 108, 124].includes(dib)) return 'bmp';
  }
  if (looksLikeSvg(b)) return 'svg';
  return 'unknown';
}

const MIME: Record<Exclude<FileKind, 'unknown'>, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  heic: 'image/heic',
  heif: 'image/heif',
  avif: 'image/avif',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
};

export function mimeForKind(kind: FileKind): string | null {
  return kind === 'unknown' ? null : MIME[kind];
}

/** The usual file extension (no dot) for a kind. */
export function extensionForKind(kind: FileKind): string | null {
  if (kind === 'unknown') return null;
  return kind === 'jpeg' ? 'jpg' : kind === 'tiff' ? 'tif' : kind;
}

/** Raster photo kinds a face could be in; SVG (vector, rarely a photo) and unknown are not held. */
export function isPhotoKind(kind: FileKind): boolean {
  return kind !== 'svg' && kind !== 'unknown';
}

const PHOTO_EXTENSIONS = new Set([
  'jpg',
  'jpeg',
  'jpe',
  'jfif',
  'pjpeg',
  'pjp',
  'png',
  'apng',
  'gif',
  'webp',
  'bmp',
  'dib',
  'heic',
  'heif',
  'hif',
  'avif',
  'tif',
  'tiff',
]);
const NOT_PHOTO_MIME = new Set(['image/svg+xml', 'image/x-icon', 'image/vnd.microsoft.icon']);

/** Kind guessed from a name and MIME type only (no bytes). */
export function kindFromNameOrMime(name: string, mimeType: string): FileKind {
  const mime = mimeType.trim().toLowerCase().split(';')[0] ?? '';
  for (const [kind, m] of Object.entries(MIME)) if (m === mime) return kind as FileKind;
  if (mime === 'image/jpg' || mime === 'image/pjpeg') return 'jpeg';
  if (mime === 'image/heic-sequence') return 'heic';
  if (mime === 'image/heif-sequence') return 'heif';
  const ext = /\.([a-z0-9]+)$/i.exec(name.trim())?.[1]?.toLowerCase() ?? '';
  if (['jpg', 'jpeg', 'jpe', 'jfif', 'pjpeg', 'pjp'].includes(ext)) return 'jpeg';
  if (ext === 'png' || ext === 'apng') return 'png';
  if (ext === 'bmp' || ext === 'dib') return 'bmp';
  if (ext === 'tif' || ext === 'tiff') return 'tiff';
  if (ext === 'hif') return 'heif';
  if (ext === 'svg') return 'svg';
  if (PHOTO_EXTENSIONS.has(ext)) return ext as FileKind;
  return 'unknown';
}

/**
 * Whether the upload gate should hold a file for a check. With enough leading bytes the magic bytes
 * decide (a ".jpg" that is really a PDF is not held; a nameless HEIC is). With too few bytes to tell,
 * a photo-like name or an image/* MIME type (other than SVG and icons) is enough.
 */
export function isImageCandidate(name: string, mimeType: string, firstBytes?: Uint8Array): boolean {
  if (firstBytes && firstBytes.length > 0) {
    const kind = detectFileKind(firstBytes);
    if (kind !== 'unknown') return isPhotoKind(kind);
    if (firstBytes.length >= 32) return false;
  }
  const mime = mimeType.trim().toLowerCase();
  if (mime.startsWith('image/') && !NOT_PHOTO_MIME.has(mime.split(';')[0] ?? '')) return true;
  return isPhotoKind(kindFromNameOrMime(name, ''));
}
