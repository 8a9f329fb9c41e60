// What the photo's metadata means for privacy: exifr's raw output -> PhotoMetadata, plus the small
// formatters the UI needs. PURE (plain objects in, plain data out).
import type { PhotoMetadata, Reason } from './verdict';
import { NO_METADATA } from './verdict';

/** Longest make/model we keep; longer values are junk or an attempt to flood the UI. */
const MAX_TEXT = 64;

function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Cameras pad fixed-size ASCII fields with NULs and spaces.
  const text = value
    .split('')
    .map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return null;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Degrees from [deg, min, sec] (exifr's raw GPSLatitude) or a plain number. */
function dmsToDegrees(value: unknown): number | null {
  const single = toNumber(value);
  if (single !== null) return single;
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) return null;
  const parts = Array.from(value as ArrayLike<unknown>, toNumber);
  if (parts.length === 0 || parts.some((p) => p === null)) return null;
  const [d = 0, m = 0, s = 0] = parts as number[];
  if (d < 0 || m < 0 || s < 0 || m >= 60 || s >= 60) return null;
  return d + m / 60 + s / 3600;
}

function refSign(ref: unknown, negative: string): number {
  return typeof ref === 'string' && ref.trim().toUpperCase().startsWith(negative) ? -1 : 1;
}

/** First byte of exifr's GPSAltitudeRef, which arrives as a number, an array or a Uint8Array. */
function altitudeRef(ref: unknown): number {
  if (typeof ref === 'number') return ref;
  if (ArrayBuffer.isView(ref) || Array.isArray(ref)) return Number((ref as ArrayLike<unknown>)[0] ?? 0);
  if (ref && typeof ref === 'object' && '0' in ref) return Number((ref as Record<string, unknown>)['0']);
  return 0;
}

/**
 * A usable position or null. 0/0 is what many apps write when they have no fix ("Null Island"), so it
 * is not reported as a location.
 */
export function validGps(latitude: unknown, longitude: unknown, altitude?: unknown): PhotoMetadata['gps'] {
  const lat = toNumber(latitude);
  const lon = toNumber(longitude);
  if (lat === null || lon === null) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  if (Math.abs(lat) < 1e-6 && Math.abs(lon) < 1e-6) return null;
  const gps: NonNullable<PhotoMetadata['gps']> = { latitude: lat, longitude: lon };
  const alt = toNumber(altitude);
  // Dead Sea shore to above airliners: anything else is a broken tag.
  if (alt !== null && alt > -500 && alt < 20000) gps.altitude = alt;
  return gps;
}

function gpsFrom(raw: Record<string, unknown>): PhotoMetadata['gps'] {
  let lat = toNumber(raw.latitude);
  let lon = toNumber(raw.longitude);
  if (lat === null || lon === null) {
    // exifr computes latitude/longitude only when both refs were read; fall back to the raw tags.
    const dLat = dmsToDegrees(raw.GPSLatitude);
    const dLon = dmsToDegrees(raw.GPSLongitude);
    if (dLat === null || dLon === null) return null;
    lat = dLat * refSign(raw.GPSLatitudeRef, 'S');
    lon = dLon * refSign(raw.GPSLongitudeRef, 'W');
  }
  const altRaw = toNumber(raw.GPSAltitude);
  const altitude = altRaw === null ? undefined : altitudeRef(raw.GPSAltitudeRef) === 1 ? -altRaw : altRaw;
  return validGps(lat, lon, altitude);
}

const ORIENTATION_NAMES: Record<string, number> = {
  'horizontal (normal)': 1,
  'mirror horizontal': 2,
  'rotate 180': 3,
  'mirror vertical': 4,
  'mirror horizontal and rotate 270 cw': 5,
  'rotate 90 cw': 6,
  'mirror horizontal and rotate 90 cw': 7,
  'rotate 270 cw': 8,
};

/** 1..8 or null; also accepts exifr's translated names in case translateValues was left on. */
export function validOrientation(value: unknown): number | null {
  const n =
    typeof value === 'string'
      ? (ORIENTATION_NAMES[value.trim().toLowerCase()] ?? toNumber(value))
      : toNumber(value);
  return n !== null && Number.isInteger(n) && n >= 1 && n <= 8 ? n : null;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** EXIF date text "YYYY:MM:DD HH:MM:SS", from a string as written or a revived Date. */
function dateText(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return `${value.getFullYear()}:${pad(value.getMonth() + 1)}:${pad(value.getDate())} ${pad(value.getHours())}:${pad(value.getMinutes())}:${pad(value.getSeconds())}`;
  }
  const text = cleanText(value);
  // Blank dates are written as zeros or spaces.
  if (text === null || /^[0: -]*$/.test(text)) return null;
  return text;
}

/** Removes the make when the model repeats it ("Canon" + "Canon PowerShot SX60 HS" -> "PowerShot SX60 HS"). */
export function modelWithoutMake(make: string | null, model: string | null): string | null {
  if (make === null || model === null) return model;
  const candidates = [make, make.split(' ')[0] ?? make].filter((m) => m.length >= 2);
  for (const m of candidates) {
    if (model.length > m.length && model.toLowerCase().startsWith(`${m.toLowerCase()} `)) {
      return model.slice(m.length).trim();
    }
  }
  return model;
}

/** exifr's merged output (parse with mergeOutput) -> PhotoMetadata. Anything unexpected becomes null. */
export function metadataFromExif(raw: unknown): PhotoMetadata {
  if (raw === null || typeof raw !== 'object') return { ...NO_METADATA };
  const r = raw as Record<string, unknown>;
  const make = cleanText(r.Make);
  const model = modelWithoutMake(make, cleanText(r.Model));
  return {
    gps: gpsFrom(r),
    orientation: validOrientation(r.Orientation),
    make,
    model,
    takenAt:
      dateText(r.DateTimeOriginal) ??
      dateText(r.CreateDate) ??
      dateText(r.DateTime) ??
      dateText(r.ModifyDate),
  };
}

/** "23.13° N, 113.26° E". decimals: 2 ≈ 1 km, 1 ≈ 10 km (what a reminder needs, not a pin). */
export function formatCoordinates(gps: { latitude: number; longitude: number }, decimals = 2): string {
  const d = Math.min(6, Math.max(0, Math.round(decimals)));
  const part = (value: number, pos: string, neg: string): string => {
    const text = Math.abs(value).toFixed(d);
    // No hemisphere letter flip for values that round to zero.
    const hemisphere = Number(text) === 0 ? '' : value < 0 ? ` ${neg}` : ` ${pos}`;
    return `${text}°${hemisphere}`;
  };
  return `${part(gps.latitude, 'N', 'S')}, ${part(gps.longitude, 'E', 'W')}`;
}

/** Corporate suffixes that only lengthen a label ("NIKON CORPORATION" -> "NIKON"). */
const CORPORATE =
  /[\s,]+(corporation|corp\.?|co\.?,?\s*ltd\.?|ltd\.?|inc\.?|imaging corp\.?|company|gmbh|ag|s\.a\.)$/i;

/** "Apple iPhone 13 Pro Max", "Jolla", or null when neither is known. */
export function cameraLabel(meta: Pick<PhotoMetadata, 'make' | 'model'>): string | null {
  let make = meta.make;
  for (let i = 0; make !== null && i < 3; i++) make = make.replace(CORPORATE, '').trim() || meta.make;
  const model = modelWithoutMake(make, meta.model);
  if (make === null) return model;
  if (model === null || model.toLowerCase() === make.toLowerCase()) return make;
  return `${make} ${model}`;
}

/** "2022-02-16 12:55" from "2022:02:16 12:55:41"; other text is returned as it is. */
export function formatTakenAt(takenAt: string): string {
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2})/.exec(takenAt);
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}` : takenAt;
}

export function hasLocation(meta: PhotoMetadata): boolean {
  return meta.gps !== null;
}

/** Whether the copy maker has anything to remove that a user would care about. */
export function hasPrivateMetadata(meta: PhotoMetadata): boolean {
  return meta.gps !== null || meta.make !== null || meta.model !== null || meta.takenAt !== null;
}

/** The metadata lines for the UI, most sensitive first, as i18n keys of src/i18n/<lang>/metadata.json. */
export function metadataReasons(meta: PhotoMetadata): Reason[] {
  const reasons: Reason[] = [];
  if (meta.gps) reasons.push({ key: 'meta_gps', values: [formatCoordinates(meta.gps)] });
  const camera = cameraLabel(meta);
  if (camera) reasons.push({ key: 'meta_camera', values: [camera] });
  if (meta.takenAt) reasons.push({ key: 'meta_taken_at', values: [formatTakenAt(meta.takenAt)] });
  return reasons;
}
