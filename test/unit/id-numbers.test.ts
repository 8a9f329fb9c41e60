// The identity-number detector: every format it reads, the traps it must not fall into, a generated
// corpus of ordinary digit-bearing text with no alarm, and a set of valid synthetic numbers all found.
// Every number here is made up: valid ones are built by computing their check character. The corpus is
// drawn from a seeded generator, so it is the same on every run.
import { describe, expect, it } from 'vitest';
import { prng as seeded } from '../../src/core/cover-faces';
import {
  cnCheckCharacter,
  findIdNumbers,
  type IdMatch,
  isCnIdNumber,
  isHkIdNumber,
  isTwIdNumber,
} from '../../src/core/id-numbers';

const NOW = new Date(2026, 5, 15);
const find = (text: string) => findIdNumbers(text, { now: NOW });
const kinds = (text: string) => find(text).map((m) => m.kind);

/** A valid resident ID number from its region, birth date (YYYYMMDD) and 3-digit sequence. */
function cn(region: string, date: string, seq: string): string {
  const body = `${region}${date}${seq}`;
  return body + cnCheckCharacter(body);
}
/** The same number with a check character that is wrong. */
function cnBadCheck(region: string, date: string, seq: string): string {
  const good = cn(region, date, seq);
  return good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
}
/** One whose sequence makes the check character X (for the X cases). */
function cnWithX(region: string, date: string): string {
  for (let s = 0; s < 1000; s++) {
    const id = cn(region, date, String(s).padStart(3, '0'));
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X');
}

const HK_VALUE = (c: string) => (c === ' ' ? 36 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
/** A valid HKID: prefix letters and six digits, check computed. */
function hk(prefix: string, digits: string): string {
  const body = (prefix.length === 1 ? ` ${prefix}` : prefix) + digits;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += HK_VALUE(body[i]!) * (9 - i);
  const check = (11 - (sum % 11)) % 11;
  return `${prefix}${digits}${check === 10 ? 'A' : check}`;
}
/** A valid Taiwan ID: the letter and the first eight digits, check found by trying all ten. */
function tw(letter: string, digits: string): string {
  for (let c = 0; c < 10; c++) if (isTwIdNumber(`${letter}${digits}${c}`)) return `${letter}${digits}${c}`;
  throw new Error('no check');
}

const FULL_WIDTH = (s: string) =>
  s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('Chinese resident ID numbers', () => {
  const id = cn('110105', '19900101', '002');

  it('reads the plain form and returns the span and a mask of the same length', () => {
    const text = `我的身份证号是${id}，请核对。`;
    const [match] = find(text);
    expect(match).toMatchObject({ kind: 'cn', value: id, start: 7, end: 25 });
    expect(text.slice(match!.start, match!.end)).toBe(id);
    expect(match!.masked).toBe(`110105********${id.slice(14)}`);
    expect(match!.masked).toHaveLength(18);
  });

  it('reads an X check character in either case and full width', () => {
    const withX = cnWithX('440305', '19851231');
    expect(find(withX)[0]?.value).toBe(withX);
    expect(find(withX.replace('X', 'x'))[0]?.value).toBe(withX);
    expect(find(withX.replace('X', '\uff38'))[0]?.value).toBe(withX);
    expect(find(withX.replace('X', '\uff58'))[0]?.value).toBe(withX);
    expect(find(withX.replace('X', 'x'))[0]?.masked).toBe(`440305********${withX.slice(14, 17)}x`);
  });

  it('reads full-width digits and keeps them in the mask', () => {
    const wide = FULL_WIDTH(id);
    const [match] = find(`身份证：${wide}`);
    expect(match).toMatchObject({ value: id, start: 4, end: 22 });
    expect(match!.masked).toBe(`${FULL_WIDTH('110105')}********${FULL_WIDTH(id.slice(14))}`);
  });

  it('reads groups joined by spaces or hyphens, keeping the separators in the mask', () => {
    const cases: Array<[string, string]> = [
      [`${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`, '110105 ******** '],
      [`${id.slice(0, 6)}-${id.slice(6, 14)}-${id.slice(14)}`, '110105-********-'],
      [`${id.slice(0, 6)} ${id.slice(6, 10)} ${id.slice(10, 14)} ${id.slice(14)}`, '110105 **** **** '],
      [
        `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6, 10)} ${id.slice(10, 14)} ${id.slice(14)}`,
        '110 105 **** **** ',
      ],
      [
        `${id.slice(0, 4)} ${id.slice(4, 8)} ${id.slice(8, 12)} ${id.slice(12, 16)} ${id.slice(16)}`,
        '1101 05** **** **',
      ],
      [`${id.slice(0, 6)}\u3000${id.slice(6, 14)}\u3000${id.slice(14)}`, '110105\u3000********\u3000'],
      [`${id.slice(0, 6)}\u2013${id.slice(6, 14)}\u2013${id.slice(14)}`, '110105\u2013********\u2013'],
      [`${id.slice(0, 6)}\u00a0${id.slice(6, 14)}\u00a0${id.slice(14)}`, '110105\u00a0********\u00a0'],
    ];
    for (const [written, maskStart] of cases) {
      const [match] = find(`号码 ${written} 。`);
      expect(match, written).toMatchObject({ kind: 'cn', value: id, start: 3, end: 3 + written.length });
      expect(match!.masked.startsWith(maskStart), `${written} -> ${match!.masked}`).toBe(true);
      expect(match!.masked).toHaveLength(written.length);
    }
  });

  it('finds a number next to other numbers that are separate words', () => {
    const phone = '13800138000';
    expect(find(`${id} ${phone}`).map((m) => m.value)).toEqual([id]);
    expect(find(`2024 ${id}`).map((m) => m.value)).toEqual([id]);
    expect(find(`电话${phone}，身份证${id}`).map((m) => m.value)).toEqual([id]);
  });

  it('finds several numbers and reports them in order', () => {
    const other = cn('310104', '20000229', '123');
    const matches = find(`A: ${id}\nB: ${other}`);
    expect(matches.map((m) => m.value)).toEqual([id, other]);
  });

  it('accepts the residence permits of Hong Kong, Macau and Taiwan people', () => {
    for (const region of ['810000', '820000', '830000']) {
      expect(kinds(cn(region, '19920315', '011')), region).toEqual(['cn']);
    }
  });

  it('accepts birth dates from 1900 up to today, leap days included', () => {
    expect(kinds(cn('110105', '19000101', '001'))).toEqual(['cn']);
    expect(kinds(cn('110105', '20000229', '001'))).toEqual(['cn']);
    expect(kinds(cn('110105', '20260615', '001'))).toEqual(['cn']);
  });

  it('rejects a wrong check character', () => {
    expect(find(cnBadCheck('110105', '19900101', '002'))).toEqual([]);
    expect(isCnIdNumber(cnBadCheck('420106', '19750708', '451'))).toBe(false);
  });

  it('rejects impossible or future dates even with a right check character', () => {
    for (const date of [
      '19900230',
      '19901301',
      '19900001',
      '19900100',
      '18991231',
      '19010229',
      '20260617',
      '20990101',
    ]) {
      expect(find(cn('110105', date, '002')), date).toEqual([]);
    }
  });

  it('rejects unknown regions even with a right check character', () => {
    for (const region of ['000000', '100105', '190105', '710101', '990101', '110005', '810101', '200101']) {
      expect(find(cn(region, '19900101', '002')), region).toEqual([]);
    }
  });

  it('ignores a valid number inside a longer run of digits or letters', () => {
    for (const text of [`1${id}`, `${id}7`, `12${id}34`, `A${id}`, `${id}B`, `No${id}`, `${id}abc`]) {
      expect(find(text), text).toEqual([]);
    }
    // Full-width digits count as digits for the boundary too.
    expect(find(`\uff11${id}`)).toEqual([]);
  });

  it('ignores a valid number that is part of a decimal or a grouped figure', () => {
    expect(find(`0.${id}`)).toEqual([]);
    expect(find(`${id}.5`)).toEqual([]);
    expect(find(`1,${id}`)).toEqual([]);
    // A full stop ending a sentence is not a decimal point.
    expect(kinds(`号码是${id}.`)).toEqual(['cn']);
  });

  it('does not join groups that are too loose: single characters, mixed separators, double spaces', () => {
    const digits = id.split('').join(' ');
    expect(find(digits)).toEqual([]);
    expect(find(`${id.slice(0, 6)} ${id.slice(6, 14)}-${id.slice(14)}`)).toEqual([]);
    expect(find(`${id.slice(0, 6)}  ${id.slice(6, 14)}  ${id.slice(14)}`)).toEqual([]);
    expect(find(`${id.slice(0, 6)}\n${id.slice(6, 14)}\n${id.slice(14)}`)).toEqual([]);
    // More than five groups.
    const six = [
      id.slice(0, 3),
      id.slice(3, 6),
      id.slice(6, 9),
      id.slice(9, 12),
      id.slice(12, 15),
      id.slice(15),
    ];
    expect(find(six.join(' '))).toEqual([]);
  });

  it('does not read an X in the middle, or two groups that overshoot 18 digits', () => {
    expect(find(`${id.slice(0, 10)}X${id.slice(11)}`)).toEqual([]);
    expect(find(`${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}5`)).toEqual([]);
  });
});

describe('Hong Kong identity card numbers', () => {
  const one = hk('A', '123456');
  const two = hk('XA', '654321');

  it('checks the mod-11 check digit with the space pad for one letter', () => {
    expect(one).toBe('A1234563');
    expect(isHkIdNumber(one)).toBe(true);
    expect(isHkIdNumber(two)).toBe(true);
    expect(isHkIdNumber('A1234564')).toBe(false);
  });

  it('reads the bracketed, spaced, full-width bracketed and bare forms', () => {
    const forms = [
      `${one.slice(0, 7)}(${one[7]})`,
      `${one.slice(0, 7)} (${one[7]})`,
      `${one.slice(0, 7)}\uff08${one[7]}\uff09`,
      one,
      `${two.slice(0, 8)}(${two[8]})`,
      two,
    ];
    for (const form of forms) {
      const [match] = find(`香港身份證 ${form} 。`);
      expect(match, form).toMatchObject({ kind: 'hk', start: 6, end: 6 + form.length });
      expect(match!.masked).toHaveLength(form.length);
    }
    expect(find(`${one.slice(0, 7)}(${one[7]})`)[0]!.masked).toBe('A123***(*)');
    expect(find(two)[0]!.masked).toBe('XA654****');
  });

  it('reads a check digit A', () => {
    let found: string | null = null;
    for (let n = 100000; n < 101000 && !found; n++) {
      const id = hk('Z', String(n));
      if (id.endsWith('A')) found = id;
    }
    expect(found).not.toBeNull();
    expect(find(`${found!.slice(0, 7)}(A)`)[0]?.value).toBe(found);
  });

  it('rejects a wrong check, lower-case letters, and numbers inside longer runs', () => {
    expect(find('A123456(4)')).toEqual([]);
    expect(find('a123456(3)')).toEqual([]);
    expect(find(`9${one}`)).toEqual([]);
    expect(find(`${one}0`)).toEqual([]);
    expect(find(`B${one.slice(0, 7)}(${one[7]})`).map((m) => m.value)).not.toContain(one);
  });
});

describe('Taiwan ID numbers', () => {
  it('checks the weighted sum of the letter code and nine digits', () => {
    expect(isTwIdNumber('A123456789')).toBe(true);
    expect(isTwIdNumber('A123456788')).toBe(false);
    // Every letter, both sexes and both resident-certificate digits.
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      for (const first of '1289') {
        const id = tw(letter, `${first}3579246`);
        expect(
          find(`身分證 ${id}`).map((m) => m.kind),
          id,
        ).toEqual(['tw']);
      }
    }
  });

  it('masks all but the letter and three digits', () => {
    expect(find('A123456789')[0]!.masked).toBe('A123******');
    expect(find(FULL_WIDTH('A123456789'))[0]?.value).toBe('A123456789');
  });

  it('rejects other second digits, lower case, wrong checks and longer runs', () => {
    expect(find(tw('A', '12345678').replace(/^A1/, 'A3'))).toEqual([]);
    expect(find('a123456789')).toEqual([]);
    expect(find('A123456788')).toEqual([]);
    expect(find('A1234567890')).toEqual([]);
    expect(find('XA123456789')).toEqual([]);
    expect(find('A123456789.5')).toEqual([]);
  });
});

function corpus(count: number): Array<{ kind: string; text: string }> {
  const random = seeded(20261202);
  const int = (n: number) => Math.floor(random() * n);
  const digits = (n: number) => Array.from({ length: n }, () => int(10)).join('');
  const pick = <T>(items: readonly T[]) => items[int(items.length)]!;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(65 + int(26))).join('');
  const luhn = (body: string) => {
    let sum = 0;
    for (let i = 0; i < body.length; i++) {
      let d = Number(body[body.length - 1 - i]);
      if (i % 2 === 0) d *= 2;
      sum += d > 9 ? d - 9 : d;
    }
    return body + ((10 - (sum % 10)) % 10);
  };
  const date = () => `${2000 + int(26)}${pad(1 + int(12))}${pad(1 + int(28))}`;
  const makers: Record<string, () => string> = {
    phone: () => `${pick(['13', '15', '17', '18', '19'])}${digits(9)}`,
    phoneSpaced: () => `${pick(['138', '159', '186'])} ${digits(4)} ${digits(4)}`,
    phoneIntl: () => `+86 ${pick(['13', '18'])}${digits(9)}`,
    landline: () => `0${pick(['10', '21', '755', '571'])}-${digits(8)}`,
    hkPhone: () => `+852 ${pick(['5', '6', '9'])}${digits(3)} ${digits(4)}`,
    twPhone: () => `09${digits(2)}-${digits(3)}-${digits(3)}`,
    // Order numbers of the big shops: 16-19 digits, often led by a date.
    order: () => digits(16 + int(4)),
    orderDated: () => `${date()}${digits(10)}`,
    // 18 digits of nothing in particular, then with the check character of an ID number made wrong.
    random18WrongCheck: () => {
      const body = `${pick(['11', '31', '44', '51', '62'])}${digits(4)}${1950 + int(70)}${pad(1 + int(12))}${pad(1 + int(28))}${digits(3)}`;
      const right = cnCheckCharacter(body);
      const wrong = pick('0123456789X'.split('').filter((c) => c !== right));
      return body + wrong;
    },
    random18: () => `${1 + int(9)}${digits(17)}`,
    timestampMs: () => `${1_600_000_000_000 + int(200_000_000_000)}`,
    timestampS: () => `${1_600_000_000 + int(200_000_000)}`,
    timestampPacked: () => `${date()}${pad(int(24))}${pad(int(60))}${pad(int(60))}${digits(4)}`,
    bankCard: () => luhn(`${pick(['6222', '6217', '4367', '5187', '6228'])}${digits(11 + int(4))}`),
    bankCardSpaced: () =>
      luhn(`6222${digits(12)}`)
        .match(/.{1,4}/g)!
        .join(' '),
    sfExpress: () => `SF${digits(12 + int(2))}`,
    jdExpress: () => `JD${digits(13)}`,
    ems: () => `E${letters(1)}${digits(9)}CN`,
    zto: () => `7${digits(13 + int(2))}`,
    yto: () => `YT${digits(13)}`,
    ups: () => `1Z${letters(3)}${digits(13)}`,
    price: () => `¥${int(10000)}.${pad(int(100))}`,
    bigPrice: () => `${int(1000)},${pad(int(1000), 3)},${pad(int(1000), 3)}.${pad(int(100))}`,
    isoDate: () => `${date().slice(0, 4)}-${date().slice(4, 6)}-${date().slice(6)}`,
    dateTime: () => `${date()} ${pad(int(24))}:${pad(int(60))}`,
    cnPassport: () => `${pick(['E', 'G'])}${digits(8)}`,
    hkPermit: () => `C${digits(8)}`,
    homeReturn: () => `H${digits(8)}`,
    plate: () => `${pick(['京', '沪', '粤'])}${letters(1)}${digits(5)}`,
    flight: () => `${pick(['CA', 'MU', 'CZ', 'HX', 'BR'])}${digits(3 + int(2))}`,
    train: () => `${pick(['G', 'D', 'K'])}${digits(1 + int(4))}`,
    asin: () => `B0${letters(2)}${digits(6)}`,
    isbn: () => `978-7-${digits(3)}-${digits(5)}-${int(10)}`,
    ip: () => `${int(256)}.${int(256)}.${int(256)}.${int(256)}`,
    version: () => `v${int(20)}.${int(100)}.${int(1000)}`,
    qq: () => `QQ ${digits(9 + int(2))}`,
    wechatId: () => `wxid_${letters(4).toLowerCase()}${digits(8)}`,
    invoice: () => `${digits(12)} ${digits(8)}`,
    unifiedCredit: () => `91${digits(6)}${letters(2)}${digits(8)}`,
    serial: () => `SN${letters(2)}${digits(10)}`,
    zip: () => `${digits(6)}`,
    hex: () => digits(8 + int(24)).replace(/[0-4]/g, (d) => 'abcde'[Number(d)]!),
    score: () => `${int(200)}:${int(200)} ${int(100)}%`,
    coordinates: () => `${(random() * 180 - 90).toFixed(6)}, ${(random() * 360 - 180).toFixed(6)}`,
    longDecimal: () => `0.${digits(18)}`,
    digitList: () => Array.from({ length: 9 }, () => pad(int(50))).join(' '),
    lottery: () => Array.from({ length: 7 }, () => pad(1 + int(35))).join(' '),
    wordyHash: () => `#${letters(1)}${digits(9)}`.toLowerCase(),
  };
  const sentences = [
    (v: string) => v,
    (v: string) => `订单号：${v}`,
    (v: string) => `快递单号 ${v}，明天到。`,
    (v: string) => `Call me at ${v} tomorrow`,
    (v: string) => `编号${v}已完成支付`,
    (v: string) => `(${v})`,
    (v: string) => `参考 ${v} 和 ${digits(4)}`,
  ];
  const names = Object.keys(makers);
  return Array.from({ length: count }, (_, i) => {
    const kind = names[i % names.length]!;
    return { kind, text: pick(sentences)(makers[kind]!()) };
  });
}

describe('corpus of ordinary digit-bearing text', () => {
  it('gives no alarm on 12,000 generated strings of every ordinary kind', () => {
    const strings = corpus(12_000);
    const alarms: Array<{ kind: string; text: string; matches: IdMatch[] }> = [];
    for (const { kind, text } of strings) {
      const matches = find(text);
      if (matches.length > 0) alarms.push({ kind, text, matches });
    }
    expect(new Set(strings.map((s) => s.text)).size).toBeGreaterThan(11_000);
    expect(alarms).toEqual([]);
  });

  it('gives no alarm on the whole corpus joined into long posts', () => {
    const strings = corpus(12_000).map((s) => s.text);
    for (let i = 0; i < strings.length; i += 400) {
      expect(find(strings.slice(i, i + 400).join('，'))).toEqual([]);
    }
  });
});

describe('valid synthetic numbers', () => {
  const random = seeded(7);
  const int = (n: number) => Math.floor(random() * n);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const provinces = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
    61, 62, 63, 64, 65,
  ];

  it('finds every one of 3,000 made-up numbers in every written form', () => {
    const forms = [
      (id: string) => id,
      (id: string) => id.replace(/X$/, 'x'),
      (id: string) => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`,
      (id: string) => `${id.slice(0, 6)}-${id.slice(6, 14)}-${id.slice(14)}`,
      (id: string) => FULL_WIDTH(id),
    ];
    const missed: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const region = `${provinces[int(provinces.length)]}${pad(1 + int(90))}${pad(int(100))}`;
      const date = `${1900 + int(126)}${pad(1 + int(12))}${pad(1 + int(28))}`;
      const id = cn(region, date, pad(int(1000), 3));
      const written = forms[i % forms.length]!(id);
      const found = find(`帮我看看 ${written} 对不对`);
      if (found.length !== 1 || found[0]!.value !== id) missed.push(written);
    }
    expect(missed).toEqual([]);
  });

  it('finds every one of 1,000 made-up Hong Kong and 1,000 Taiwan numbers', () => {
    const missed: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const prefix =
        i % 5 === 0
          ? `${String.fromCharCode(65 + int(26))}${String.fromCharCode(65 + int(26))}`
          : String.fromCharCode(65 + int(26));
      const id = hk(prefix, pad(int(1_000_000), 6));
      const written = i % 2 === 0 ? `${id.slice(0, -1)}(${id.slice(-1)})` : id;
      if (find(`HKID ${written}.`)[0]?.value !== id) missed.push(written);
      const twId = tw(String.fromCharCode(65 + int(26)), `${'1289'[int(4)]}${pad(int(10_000_000), 7)}`);
      if (find(`身分證字號：${twId}`)[0]?.value !== twId) missed.push(twId);
    }
    expect(missed).toEqual([]);
  });
});
