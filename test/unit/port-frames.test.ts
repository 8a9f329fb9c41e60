import { describe, expect, it } from 'vitest';
import {
  type Frame,
  frameReader,
  PART_BYTES,
  postFrames,
  toFrames,
  type Whole,
} from '../../src/core/port-frames';

const bytesOf = (n: number) => new Uint8Array(n).map((_, i) => (i * 31 + 7) & 0xff);

/** Feeds frames through JSON, as Chrome's port does, and collects what the reader delivers. */
function roundTrip(frames: Iterable<unknown>): Array<Whole | null> {
  const got: Array<Whole | null> = [];
  const feed = frameReader((whole) => got.push(whole));
  for (const frame of frames) feed(JSON.parse(JSON.stringify(frame)));
  return got;
}

describe('port frames', () => {
  it('carries a head and its bytes whole, for sizes around the part boundary', () => {
    for (const size of [0, 1, 2, 3, PART_BYTES - 1, PART_BYTES, PART_BYTES + 1, 3 * PART_BYTES + 5]) {
      const bytes = bytesOf(size);
      const frames = [...toFrames({ type: 'check-image', n: size }, bytes)];
      expect(frames).toHaveLength(1 + Math.ceil(size / PART_BYTES));
      const [whole] = roundTrip(frames);
      expect(whole?.head).toEqual({ type: 'check-image', n: size });
      // Compared as buffers: a deep equality over 600 k elements takes seconds.
      expect(Buffer.from(whole!.bytes).equals(bytes)).toBe(true);
    }
  });

  it('cuts parts on 3-byte boundaries, so no part but the last is padded', () => {
    const frames = [...toFrames(null, bytesOf(2 * PART_BYTES + 1))].slice(1) as Array<{ part: string }>;
    expect(PART_BYTES % 3).toBe(0);
    expect(frames[0]!.part.endsWith('=')).toBe(false);
    expect(frames[2]!.part).toMatch(/==$/);
  });

  it('delivers messages one after another on the same port', () => {
    const got = roundTrip([...toFrames('a', bytesOf(5)), ...toFrames('b'), ...toFrames('c', bytesOf(4))]);
    expect(got.map((w) => w?.head)).toEqual(['a', 'b', 'c']);
    expect(got[2]?.bytes).toEqual(bytesOf(4));
  });

  it('carries the bytes as they are on a port that clones (one part, no base64)', () => {
    const bytes = bytesOf(PART_BYTES + 7);
    const frames = [...toFrames('bin', bytes, { binary: true })];
    expect(frames).toHaveLength(2);
    const got: Array<Whole | null> = [];
    const feed = frameReader((whole) => got.push(whole));
    for (const frame of frames) feed(structuredClone(frame));
    expect(got[0]?.head).toBe('bin');
    expect(Buffer.from(got[0]!.bytes).equals(bytes)).toBe(true);
    expect([...toFrames('empty', new Uint8Array(0), { binary: true })]).toHaveLength(1);
  });

  it('reports a broken stream instead of delivering wrong bytes', () => {
    const frames = [...toFrames('x', bytesOf(10))];
    // A part without a head, bad base64, more bytes than announced, a new head before the bytes end.
    expect(roundTrip([{ part: 'AAAA' }])).toEqual([null]);
    expect(roundTrip([frames[0], { part: '!!!!' }])).toEqual([null]);
    expect(roundTrip([frames[0], ...[...toFrames('y', bytesOf(12))].slice(1)])).toEqual([null]);
    expect(roundTrip([frames[0], ...frames])[0]).toBeNull();
    expect(roundTrip([{ head: 'z', size: -1 } satisfies Frame])).toEqual([null]);
    const got: Array<Whole | null> = [];
    const feed = frameReader((whole) => got.push(whole));
    feed(frames[0]);
    feed({ part: bytesOf(11) });
    expect(got).toEqual([null]);
  });

  it('posts one frame per task, in order, so a big photo is never one long task', async () => {
    const posted: Frame[] = [];
    const bytes = bytesOf(3 * PART_BYTES + 5);
    const sending = postFrames((frame) => posted.push(frame), { type: 'check-image' }, bytes);
    // The rest waits for later tasks, not for microtasks: the page runs its own work in between.
    expect(posted).toHaveLength(1);
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(posted).toHaveLength(1);
    await sending;
    expect(posted).toHaveLength(5);
    expect(roundTrip(posted)).toEqual([{ head: { type: 'check-image' }, bytes }]);
  });
});
