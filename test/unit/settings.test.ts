import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  parseSettings,
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
    expect(parsed).toMatchObject({ version: 1, mode: 'off', language: 'zh_CN' });
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
