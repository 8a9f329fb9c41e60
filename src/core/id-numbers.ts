// Identity numbers in text someone is about to post: Chinese resident ID numbers (GB 11643-1999),
// Hong Kong identity card numbers and Taiwan ID numbers, each only when its check character is right.
// Pure: the content script passes the text of one field and gets back where each number is, so it can
// replace exactly those characters. Nothing here keeps or sends the text.
//
// A number counts only as a whole "word": a run of letters and digits (ASCII or full-width) with no
// letter or digit right before or after it, so a valid number inside a longer run of digits (an order
// number, a bank card) is not a match. A Chinese number may be written in groups joined by single
// spaces or hyphens ("110105 19900101 002X"); then the groups must add up to exactly 18 characters.

export type IdKind = 'cn' | 'hk' | 'tw';

export interface IdMatch {
  kind: IdKind;
  /** Offsets into the original text: text.slice(start, end) is the number as written. */
  start: number;
  end: number;
  /** The number normalised: ASCII, upper case, no separators or brackets. */
  value: string;
  /** What replaces text.slice(start, end) when masking: the same length, separators kept. */
  masked: string;
}

export interface FindOptions {
  /** Today, for "a birth date not in the future" (default: the current date). */
  now?: Date;
}

/** GB/T 2260 province-level codes that lead a resident ID number (71, Taiwan, issues none). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65,
]);
/** Residence permits for people from Hong Kong, Macau and Taiwan carry 810000, 820000, 830000. */
const PERMIT_PREFIXES = new Set(['810000', '820000', '830000']);

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = '10X98765432';

/** Earliest birth year accepted: older numbers would belong to people no longer posting. */
const MIN_YEAR = 1900;

const HK_MASK_KEEP = 3;
const TW_MASK_KEEP = 4;

/** ASCII for one UTF-16 unit: digits and letters, full-width forms folded; null for anything else. */
function fold(code: number): string | null {
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) {
    return String.fromCharCode(code);
  }
  // Full-width digits and Latin letters (U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A) as IMEs type them.
  if (
    (code >= 0xff10 && code <= 0xff19) ||
    (code >= 0xff21 && code <= 0xff3a) ||
    (code >= 0xff41 && code <= 0xff5a)
  ) {
    return String.fromCharCode(code - 0xfee0);
  }
  return null;
}

/** Separators allowed between the groups of a Chinese number: spaces and hyphen-like dashes. */
function separatorKind(code: number): 'space' | 'hyphen' | null {
  switch (code) {
    case 0x20:
    case 0xa0:
    case 0x202f:
    case 0x3000:
      return 'space';
    case 0x2d:
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2212:
    case 0xfe63:
    case 0xff0d:
      return 'hyphen';
    default:
      return null;
  }
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isUpper = (c: string) => c >= 'A' && c <= 'Z';

/** A maximal run of letters and digits. */
interface Word {
  start: number;
  end: number;
  /** Folded to ASCII, case kept. */
  text: string;
  /** The separator right after the word when one joins it to the next word, else null. */
  joint: 'space' | 'hyphen' | null;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (fold(text.charCodeAt(i)) === null) {
      i++;
      continue;
    }
    const start = i;
    let folded = '';
    for (let c = fold(text.charCodeAt(i)); c !== null; c = i < n ? fold(text.charCodeAt(i)) : null) {
      folded += c;
      i++;
    }
    const joint = i + 1 < n ? separatorKind(text.charCodeAt(i)) : null;
    // A single separator joins two words; two in a row, or one at the end, do not.
    const joins = joint !== null && fold(text.charCodeAt(i + 1)) !== null;
    out.push({ start, end: i, text: folded, joint: joins ? joint : null });
  }
  return out;
}

/** A decimal point or thousands comma between this word and a digit: part of a longer number. */
function inNumber(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  const digitAt = (i: number) => i >= 0 && i < text.length && isDigit(fold(text.charCodeAt(i)) ?? '');
  return (
    ((before === '.' || before === ',') && digitAt(start - 2)) ||
    ((after === '.' || after === ',') && digitAt(end + 1))
  );
}

function ymd(date: Date): number {
  return date.getFullYear() * 10000 + (date.getMonth() + 1) * 100 + date.getDate();
}

function realDate(year: number, month: number, day: number, today: number): boolean {
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  // A day of slack for time zones: a baby born today somewhere east of here.
  return day <= days && year * 10000 + month * 100 + day <= today + 1;
}

/** GB 11643-1999 check character (ISO 7064 MOD 11-2) of the first 17 digits. */
export function cnCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * CN_WEIGHTS[i]!;
  return CN_CHECK[sum % 11]!;
}

/** A region code that can lead a number: a real province and a prefecture part that is not 00. */
function realRegion(prefix: string): boolean {
  if (PERMIT_PREFIXES.has(prefix)) return true;
  return PROVINCES.has(Number(prefix.slice(0, 2))) && prefix.slice(2, 4) !== '00';
}

/** Whether 18 normalised characters (17 digits and a digit or X) are a valid resident ID number. */
export function isCnIdNumber(value: string, today = ymd(new Date())): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  if (!realRegion(value.slice(0, 6))) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (!realDate(year, month, day, today)) return false;
  return cnCheckCharacter(value.slice(0, 17)) === value[17];
}

/** Value of a character in the HKID check: digits as themselves, A-Z as 10-35, the space pad as 36. */
const hkValue = (c: string) => (isDigit(c) ? Number(c) : c === ' ' ? 36 : c.charCodeAt(0) - 55);

/** Hong Kong identity card: one or two letters, six digits, and a check digit or A (mod 11). */
export function isHkIdNumber(value: string): boolean {
  if (!/^[A-Z]{1,2}\d{6}[\dA]$/.test(value)) return false;
  const body = value.length === 8 ? ` ${value.slice(0, 7)}` : value.slice(0, 8);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += hkValue(body[i]!) * (9 - i);
  const check = (11 - (sum % 11)) % 11;
  return value[value.length - 1] === (check === 10 ? 'A' : String(check));
}

/** Taiwan letters in the order of their two-digit codes 10-35 (I, O, W, X, Y, Z were added later). */
const TW_LETTERS = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';

/**
 * Taiwan national ID (letter, 1 or 2, eight digits) and the new resident certificate number (letter,
 * 8 or 9, eight digits): the letter's two-digit code and the nine digits, weighted 1 9 8 7 6 5 4 3 2 1 1,
 * sum to a multiple of 10.
 */
export function isTwIdNumber(value: string): boolean {
  if (!/^[A-Z][1289]\d{8}$/.test(value)) return false;
  const code = TW_LETTERS.indexOf(value[0]!) + 10;
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 1; i < 9; i++) sum += Number(value[i]) * (9 - i);
  sum += Number(value[9]);
  return sum % 10 === 0;
}

/** Replaces characters of the span by '*' where hide(index in the normalised number) says so. */
function maskSpan(text: string, start: number, end: number, hide: (index: number) => boolean): string {
  let out = '';
  let index = 0;
  for (let i = start; i < end; i++) {
    const c = fold(text.charCodeAt(i));
    if (c === null) {
      out += text[i];
      continue;
    }
    out += hide(index) ? '*' : text[i];
    index++;
  }
  return out;
}

/** Most groups a spaced or hyphenated number is written in (6-8-4, 6-4-4-4, 3-3-4-4-4, 4-4-4-4-2). */
const MAX_GROUPS = 5;

function findCn(text: string, all: Word[], today: number, out: IdMatch[]): void {
  for (let i = 0; i < all.length; i++) {
    let value = '';
    for (let j = i; j < all.length && j - i < MAX_GROUPS; j++) {
      const word = all[j]!;
      // Groups of one character are too loose (a row of single digits); one separator kind throughout.
      if (j > i && (word.text.length < 2 || all[i]!.text.length < 2 || all[j - 1]!.joint !== all[i]!.joint)) {
        break;
      }
      value += word.text;
      if (
        value.length > 18 ||
        !/^\d*[Xx]?$/.test(word.text) ||
        (/[Xx]$/.test(word.text) && value.length !== 18)
      ) {
        break;
      }
      if (value.length === 18) {
        const normal = value.toUpperCase();
        if (isCnIdNumber(normal, today) && !inNumber(text, all[i]!.start, word.end)) {
          const start = all[i]!.start;
          out.push({
            kind: 'cn',
            start,
            end: word.end,
            value: normal,
            masked: maskSpan(text, start, word.end, (k) => k >= 6 && k < 14),
          });
        }
        break;
      }
      if (word.joint === null) break;
    }
  }
}

const OPEN = new Set(['(', '\uff08']);
const CLOSE = new Set([')', '\uff09']);

/** "A123456(7)", "A123456 (7)" or full-width brackets: the span up to the closing bracket, or null. */
function bracketedCheck(text: string, end: number): { check: string; end: number } | null {
  let i = end;
  if (text[i] === ' ') i++;
  if (!OPEN.has(text[i] ?? '')) return null;
  const check = fold(text.charCodeAt(i + 1));
  if (check === null || !CLOSE.has(text[i + 2] ?? '')) return null;
  return { check, end: i + 3 };
}

function findHkTw(text: string, word: Word, out: IdMatch[]): void {
  const t = word.text;
  // The letters of both are written in capitals; a lower-case start is some other code.
  if (!isUpper(t[0]!)) return;
  if (t.length === 10 && isTwIdNumber(t)) {
    out.push({
      kind: 'tw',
      start: word.start,
      end: word.end,
      value: t,
      masked: maskSpan(text, word.start, word.end, (k) => k >= TW_MASK_KEEP),
    });
    return;
  }
  const letters = isUpper(t[1] ?? '') ? 2 : 1;
  if (t.length === letters + 6 && /^[A-Z]{1,2}\d{6}$/.test(t)) {
    const bracket = bracketedCheck(text, word.end);
    if (bracket && isHkIdNumber(t + bracket.check)) {
      out.push({
        kind: 'hk',
        start: word.start,
        end: bracket.end,
        value: t + bracket.check,
        masked: maskSpan(text, word.start, bracket.end, (k) => k >= letters + HK_MASK_KEEP),
      });
    }
    return;
  }
  if (t.length === letters + 7 && isHkIdNumber(t)) {
    out.push({
      kind: 'hk',
      start: word.start,
      end: word.end,
      value: t,
      masked: maskSpan(text, word.start, word.end, (k) => k >= letters + HK_MASK_KEEP),
    });
  }
}

/** Every identity number in text, in order of position. */
export function findIdNumbers(text: string, options: FindOptions = {}): IdMatch[] {
  const today = ymd(options.now ?? new Date());
  const all = words(text);
  const out: IdMatch[] = [];
  findCn(text, all, today, out);
  for (const word of all) {
    if (!inNumber(text, word.start, word.end)) findHkTw(text, word, out);
  }
  return out.sort((a, b) => a.start - b.start);
}
