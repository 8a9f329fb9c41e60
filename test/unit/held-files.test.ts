import { describe, expect, it } from 'vitest';
import { acceptsFile, filesToRelease, mapBounded, mayBeImage } from '../../src/core/held-files';

describe('mayBeImage (the synchronous look inside the event)', () => {
  it.each([
    [{ name: 'a.jpg', type: 'image/jpeg' }, true],
    [{ name: 'IMG_0001.HEIC', type: '' }, true],
    [{ name: 'blob', type: 'application/octet-stream' }, true],
    [{ name: 'paper.pdf', type: 'application/pdf' }, false],
    [{ name: 'clip.mp4', type: 'video/mp4' }, false],
    [{ name: 'logo.svg', type: 'image/svg+xml' }, false],
    [{ name: 'notes.txt', type: 'text/plain' }, false],
  ])('%o -> %s', (file, expected) => {
    expect(mayBeImage(file)).toBe(expected);
  });
});

describe('filesToRelease', () => {
  it('keeps order, drops dropped files and swaps in copies', () => {
    expect(filesToRelease(['a', 'b', 'c', 'd'], ['keep', 'drop', { replace: 'c2' }, 'keep'])).toEqual([
      'a',
      'c2',
      'd',
    ]);
  });
  it('is empty when everything was dropped (a cancel)', () => {
    expect(filesToRelease(['a', 'b'], ['drop', 'drop'])).toEqual([]);
  });
  it('refuses a mismatched outcome list', () => {
    expect(() => filesToRelease(['a'], [])).toThrow();
  });
});

describe('mapBounded', () => {
  it('never runs more than the limit at once and keeps result order', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapBounded([30, 10, 20, 5, 1], 3, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return i;
    });
    expect(results).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(3);
  });
  it('handles an empty list', async () => {
    expect(await mapBounded([], 3, async () => 1)).toEqual([]);
  });
});

describe('acceptsFile', () => {
  const jpeg = { name: 'me.jpg', type: 'image/jpeg' };
  it.each([
    ['', true],
    ['image/*', true],
    ['image/png, image/jpeg', true],
    ['.jpg', true],
    ['image/png', false],
    ['video/*,.pdf', false],
  ])('accept="%s" -> %s', (accept, expected) => {
    expect(acceptsFile(accept, jpeg)).toBe(expected);
  });
});
