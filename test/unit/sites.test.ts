import { describe, expect, it } from 'vitest';
import {
  BUILTIN_SITES,
  builtinSiteFor,
  hostFromInput,
  matchesPattern,
  patternsForHost,
} from '../../src/core/sites';

describe('matchesPattern', () => {
  it('matches hosts, subdomains, schemes and ports like the browser does', () => {
    expect(matchesPattern('*://*.weibo.com/*', new URL('https://weibo.com/'))).toBe(true);
    expect(matchesPattern('*://*.weibo.com/*', new URL('https://m.weibo.com/compose'))).toBe(true);
    expect(matchesPattern('*://*.weibo.com/*', new URL('https://notweibo.com/'))).toBe(false);
    expect(matchesPattern('*://*.weibo.com/*', new URL('ftp://weibo.com/'))).toBe(false);
    expect(matchesPattern('http://127.0.0.1/*', new URL('http://127.0.0.1:8419/pages/s1.html'))).toBe(true);
    expect(matchesPattern('http://127.0.0.1/*', new URL('https://127.0.0.1/'))).toBe(false);
    expect(matchesPattern('*://bsky.app/*', new URL('https://staging.bsky.app/'))).toBe(false);
  });
});

describe('built-in sites', () => {
  it('cover every social site named in the brief', () => {
    const ids = BUILTIN_SITES.map((s) => s.id);
    for (const id of [
      'weibo',
      'xiaohongshu',
      'douyin',
      'zhihu',
      'bilibili',
      'qzone',
      'wechat',
      'x',
      'facebook',
      'instagram',
      'reddit',
      'linkedin',
      'threads',
      'bluesky',
      'mastodon',
      'discord',
      'telegram',
      'whatsapp',
    ]) {
      expect(ids).toContain(id);
    }
    expect(builtinSiteFor(new URL('https://web.whatsapp.com/'))?.id).toBe('whatsapp');
    expect(builtinSiteFor(new URL('https://example.com/'))).toBeUndefined();
  });
});

describe('hostFromInput', () => {
  it('accepts what people type and rejects the rest', () => {
    expect(hostFromInput(' https://www.Example.com/path ')).toBe('example.com');
    expect(hostFromInput('social.example')).toBe('social.example');
    expect(hostFromInput('javascript:alert(1)')).toBeNull();
    expect(hostFromInput('localhost')).toBeNull();
    expect(hostFromInput('')).toBeNull();
    expect(patternsForHost('example.com')).toEqual(['*://example.com/*', '*://*.example.com/*']);
  });
});
