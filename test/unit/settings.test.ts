import { describe, expect, it } from 'vitest';
import {
  addCustomSite,
  BLUR_STYLES,
  DEFAULT_SETTINGS,
  idNumberNoticesOn,
  LANGUAGES,
  MODES,
  parseSettings,
  removeCustomSite,
  SENSITIVITIES,
  SETTINGS_VERSION,
  setIdNumberQuiet,
  setSiteEnabled,
  siteState,
  updateSettings,
} from '../../src/core/settings';

describe('parseSettings', () => {
  it('returns defaults for missing or corrupted storage', () => {
    for (const stored of [undefined, null, 'garbage', 42, [], { mode: 7 }]) {
      expect(parseSettings(stored)).toEqual(DEFAULT_SETTINGS);
    }
  });

  it('keeps valid fields and replaces only invalid ones', () => {
    const parsed = parseSettings({ version: 1, mode: 'notify', sensitivity: 'loud', timeLimitSeconds: 9999 });
    expect(parsed.mode).toBe('notify');
    expect(parsed.sensitivity).toBe('balanced');
    expect(parsed.timeLimitSeconds).toBe(4);
  });

  it('migrates an unversioned store and stamps the current version', () => {
    const parsed = parseSettings({ mode: 'off', language: 'zh_CN' });
    expect(parsed).toMatchObject({ version: SETTINGS_VERSION, mode: 'off', language: 'zh_CN' });
  });

  it('migrates a version-1 store to 2 with ID-number notices on and its other fields kept', () => {
    const parsed = parseSettings({ version: 1, mode: 'notify', disabledSites: ['weibo'] });
    expect(parsed).toMatchObject({
      version: 2,
      mode: 'notify',
      disabledSites: ['weibo'],
      idNumberNotices: true,
      idNumberQuietSites: [],
    });
  });

  it('accepts each language the settings page offers and nothing else', () => {
    for (const language of LANGUAGES) expect(parseSettings({ version: 1, language }).language).toBe(language);
    expect(parseSettings({ version: 1, language: 'zh_HK' }).language).toBe('browser');
  });

  it('drops duplicate and non-string site entries', () => {
    expect(parseSettings({ disabledSites: ['weibo', 'weibo'] }).disabledSites).toEqual(['weibo']);
    expect(parseSettings({ disabledSites: ['weibo', 3] }).disabledSites).toEqual([]);
  });

  it('ignores invalid changes in updateSettings', () => {
    const next = updateSettings(DEFAULT_SETTINGS, { mode: 'sometimes' as never, blurStyle: 'blur' });
    expect(next.mode).toBe('ask');
    expect(next.blurStyle).toBe('blur');
  });
});

describe('siteState', () => {
  const weibo = new URL('https://weibo.com/home');
  it('protects built-in sites unless switched off', () => {
    expect(siteState(weibo, DEFAULT_SETTINGS)).toMatchObject({
      key: 'weibo',
      builtin: true,
      protected: true,
    });
    const off = setSiteEnabled(DEFAULT_SETTINGS, 'weibo', false);
    expect(siteState(weibo, off).protected).toBe(false);
    expect(siteState(weibo, setSiteEnabled(off, 'weibo', true)).protected).toBe(true);
  });

  it('protects added hosts and their subdomains, nothing else', () => {
    const settings = updateSettings(DEFAULT_SETTINGS, { customSites: ['example.org'] });
    expect(siteState(new URL('https://m.example.org/x'), settings)).toMatchObject({
      key: 'example.org',
      protected: true,
    });
    expect(siteState(new URL('https://example.com/'), settings)).toMatchObject({
      listed: false,
      protected: false,
    });
  });

  it('protects nothing when FaceGuard is off', () => {
    expect(siteState(weibo, updateSettings(DEFAULT_SETTINGS, { mode: 'off' })).protected).toBe(false);
  });
});

describe('schema', () => {
  it('has a valid default for every field and accepts each offered choice', () => {
    expect(parseSettings(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.version).toBe(SETTINGS_VERSION);
    for (const mode of MODES) expect(parseSettings({ mode }).mode).toBe(mode);
    for (const sensitivity of SENSITIVITIES)
      expect(parseSettings({ sensitivity }).sensitivity).toBe(sensitivity);
    for (const language of LANGUAGES) expect(parseSettings({ language }).language).toBe(language);
    for (const blurStyle of BLUR_STYLES) expect(parseSettings({ blurStyle }).blurStyle).toBe(blurStyle);
  });

  it('falls back field by field for every kind of corruption', () => {
    const parsed = parseSettings({
      version: 1,
      mode: 'notify',
      sensitivity: null,
      warnMetadata: 'yes',
      mediumNotices: false,
      timeLimitSeconds: Number.NaN,
      language: 'fr',
      blurStyle: { style: 'blur' },
      disabledSites: 'weibo',
      customSites: ['Example.COM', 'https://evil.example/'],
    });
    expect(parsed).toEqual({ ...DEFAULT_SETTINGS, mode: 'notify', mediumNotices: false });
  });

  it('rejects time limits outside the range and accepts the bounds', () => {
    expect(parseSettings({ timeLimitSeconds: 0 }).timeLimitSeconds).toBe(4);
    expect(parseSettings({ timeLimitSeconds: 31 }).timeLimitSeconds).toBe(4);
    expect(parseSettings({ timeLimitSeconds: '10' }).timeLimitSeconds).toBe(4);
    expect(parseSettings({ timeLimitSeconds: 1 }).timeLimitSeconds).toBe(1);
    expect(parseSettings({ timeLimitSeconds: 30 }).timeLimitSeconds).toBe(30);
  });

  it('reads a newer version as far as it understands it, ignoring unknown fields', () => {
    const parsed = parseSettings({ version: 99, mode: 'off', futureField: true });
    expect(parsed.mode).toBe('off');
    expect(parsed).not.toHaveProperty('futureField');
  });

  it('does not let a prototype-polluting key through', () => {
    const parsed = parseSettings(JSON.parse('{"__proto__": {"mode": "off"}, "version": 1}'));
    expect(parsed.mode).toBe('ask');
    expect(({} as Record<string, unknown>).mode).toBeUndefined();
  });

  it('never throws on hostile input', () => {
    const hostile = [Symbol('x'), () => 1, new Date(), { version: -1 }, { version: 1.5 }, { version: 'x' }];
    for (const stored of hostile) expect(() => parseSettings(stored)).not.toThrow();
  });
});

describe('added sites', () => {
  it('adds a normalised host once and switches it on', () => {
    let settings = setSiteEnabled(DEFAULT_SETTINGS, 'example.org', false);
    settings = addCustomSite(settings, 'https://www.Example.org/path');
    settings = addCustomSite(settings, 'example.org');
    expect(settings.customSites).toEqual(['example.org']);
    expect(settings.disabledSites).toEqual([]);
  });

  it('ignores invalid and built-in hosts', () => {
    expect(addCustomSite(DEFAULT_SETTINGS, 'not a host')).toBe(DEFAULT_SETTINGS);
    expect(addCustomSite(DEFAULT_SETTINGS, 'weibo.com')).toBe(DEFAULT_SETTINGS);
    expect(addCustomSite(DEFAULT_SETTINGS, 'www.zhihu.com')).toBe(DEFAULT_SETTINGS);
  });

  it('removes a host together with its switch-off', () => {
    const added = setSiteEnabled(addCustomSite(DEFAULT_SETTINGS, 'example.org'), 'example.org', false);
    expect(siteState(new URL('https://example.org/'), added)).toMatchObject({
      listed: true,
      protected: false,
    });
    const removed = removeCustomSite(added, 'example.org');
    expect(removed.customSites).toEqual([]);
    expect(removed.disabledSites).toEqual([]);
    expect(siteState(new URL('https://example.org/'), removed).listed).toBe(false);
  });

  it('marks the local demo site as built in', () => {
    expect(siteState(new URL('http://127.0.0.1:8123/'), DEFAULT_SETTINGS)).toMatchObject({
      key: 'demo',
      builtin: true,
      protected: true,
    });
  });
});

describe('ID-number notices', () => {
  const weibo = new URL('https://weibo.com/compose');
  const other = new URL('https://example.com/');

  it('are on for protected sites only, and off with the switch or FaceGuard off', () => {
    expect(idNumberNoticesOn(weibo, DEFAULT_SETTINGS)).toBe(true);
    expect(idNumberNoticesOn(other, DEFAULT_SETTINGS)).toBe(false);
    expect(idNumberNoticesOn(weibo, updateSettings(DEFAULT_SETTINGS, { idNumberNotices: false }))).toBe(
      false,
    );
    expect(idNumberNoticesOn(weibo, updateSettings(DEFAULT_SETTINGS, { mode: 'off' }))).toBe(false);
    expect(idNumberNoticesOn(weibo, setSiteEnabled(DEFAULT_SETTINGS, 'weibo', false))).toBe(false);
  });

  it('are quieted per site, once, and can be turned back on', () => {
    let settings = setIdNumberQuiet(DEFAULT_SETTINGS, 'weibo', true);
    settings = setIdNumberQuiet(settings, 'weibo', true);
    expect(settings.idNumberQuietSites).toEqual(['weibo']);
    expect(idNumberNoticesOn(weibo, settings)).toBe(false);
    // Photos are still checked there: only the ID-number notice is quiet.
    expect(siteState(weibo, settings).protected).toBe(true);
    expect(idNumberNoticesOn(weibo, setIdNumberQuiet(settings, 'weibo', false))).toBe(true);
  });

  it('fall back to their defaults when stored values are invalid', () => {
    const parsed = parseSettings({ version: 2, idNumberNotices: 'no', idNumberQuietSites: [1, 'weibo'] });
    expect(parsed.idNumberNotices).toBe(true);
    expect(parsed.idNumberQuietSites).toEqual([]);
    expect(parseSettings({ version: 2, idNumberQuietSites: ['weibo', 'weibo'] }).idNumberQuietSites).toEqual([
      'weibo',
    ]);
  });
});
