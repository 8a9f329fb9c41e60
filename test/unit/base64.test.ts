import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../src/core/base64';

describe('base64', () => {
  it('round-trips every byte value and sizes across chunk boundaries', () => {
    for (const size of [0, 1, 2, 3, 255, 0x8000, 0x8001, 100_000]) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 7 + 3) & 0xff);
      const encoded = bytesToBase64(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(encoded)).toEqual(bytes);
    }
  });
});
