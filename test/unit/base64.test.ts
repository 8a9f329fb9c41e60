import { describe, expect, it } from 'vitest';
import { base64Into, base64ToBytes, bytesToBase64 } from '../../src/core/base64';

describe('base64', () => {
  it('round-trips every byte value and sizes across chunk boundaries', () => {
    for (const size of [0, 1, 2, 3, 255, 0x8000, 0x8001, 100_000]) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 7 + 3) & 0xff);
      const encoded = bytesToBase64(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(encoded)).toEqual(bytes);
    }
  });

  it('decodes into a buffer at an offset, and refuses what does not fit', () => {
    const target = new Uint8Array(8);
    expect(base64Into(target, 2, Buffer.from([1, 2, 3, 4]).toString('base64'))).toBe(4);
    expect([...target]).toEqual([0, 0, 1, 2, 3, 4, 0, 0]);
    expect(() => base64Into(target, 6, Buffer.from([9, 9, 9]).toString('base64'))).toThrow();
  });
});
