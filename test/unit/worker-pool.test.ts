import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkerPool, type WorkerLike } from '../../src/analysis/worker-pool';

/** A worker whose replies the test sends by hand. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: Array<{ id: number; job: unknown }> = [];
  terminated = false;
  postMessage(message: unknown): void {
    this.received.push(message as { id: number; job: unknown });
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(result: unknown, index = this.received.length - 1): void {
    this.onmessage?.(new MessageEvent('message', { data: { id: this.received[index]!.id, result } }));
  }
  fail(error: string): void {
    this.onmessage?.(new MessageEvent('message', { data: { id: this.received.at(-1)!.id, error } }));
  }
}

function setup(size = 2, idleMs = 1000, jobMs = 60_000, releaseMs = 5000) {
  const workers: FakeWorker[] = [];
  const released = vi.fn();
  const pool = createWorkerPool({
    spawn: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    size,
    idleMs,
    jobMs,
    releaseMs,
    onRelease: released,
  });
  return { pool, workers, released };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createWorkerPool', () => {
  it('starts no worker until the first job, and a second only when the first is busy', async () => {
    const { pool, workers } = setup();
    expect(workers).toHaveLength(0);
    const a = pool.run('a');
    expect(workers).toHaveLength(1);
    workers[0]!.reply('A');
    await expect(a).resolves.toBe('A');
    const b = pool.run('b');
    expect(workers).toHaveLength(1);
    const c = pool.run('c');
    expect(workers).toHaveLength(2);
    expect(workers[1]!.received.map((m) => m.job)).toEqual(['c']);
    workers[1]!.reply('C');
    workers[0]!.reply('B');
    await expect(Promise.all([b, c])).resolves.toEqual(['B', 'C']);
  });

  it('never gives a worker a second job before it answers the first, and queues in arrival order', async () => {
    const { pool, workers } = setup(1);
    const results = ['a', 'b', 'c'].map((j) => pool.run(j));
    expect(workers[0]!.received.map((m) => m.job)).toEqual(['a']);
    workers[0]!.reply('A');
    await results[0];
    expect(workers[0]!.received.map((m) => m.job)).toEqual(['a', 'b']);
    workers[0]!.reply('B');
    workers[0]!.reply('C');
    await expect(Promise.all(results)).resolves.toEqual(['A', 'B', 'C']);
  });

  it('rejects with the worker error and ignores replies to other ids', async () => {
    const { pool, workers } = setup(1);
    const a = pool.run('a');
    workers[0]!.onmessage?.(new MessageEvent('message', { data: { id: 999, result: 'stale' } }));
    workers[0]!.fail('decode exploded');
    await expect(a).rejects.toThrow('decode exploded');
  });

  it('replaces a worker that crashed, failing only its own job', async () => {
    const { pool, workers } = setup(1);
    const a = pool.run('a');
    const b = pool.run('b');
    workers[0]!.onerror?.(new Event('error') as ErrorEvent);
    await expect(a).rejects.toThrow('analysis worker failed');
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.received.map((m) => m.job)).toEqual(['b']);
    workers[1]!.reply('B');
    await expect(b).resolves.toBe('B');
  });

  it('passes the transfer list along with the job', () => {
    const { pool, workers } = setup(1);
    const post = vi.spyOn(FakeWorker.prototype, 'postMessage');
    const buffer = new ArrayBuffer(8);
    void pool.run('a', [buffer]);
    expect(post).toHaveBeenCalledWith({ id: expect.any(Number), job: 'a' }, [buffer]);
    expect(workers).toHaveLength(1);
    post.mockRestore();
  });

  it('fails a job that cannot be posted without losing the worker', async () => {
    const { pool, workers } = setup(1);
    const post = vi.spyOn(FakeWorker.prototype, 'postMessage').mockImplementationOnce(() => {
      throw new DOMException('could not be cloned', 'DataCloneError');
    });
    await expect(pool.run('bad')).rejects.toThrow('could not be cloned');
    post.mockRestore();
    const ok = pool.run('ok');
    workers[0]!.reply('OK');
    await expect(ok).resolves.toBe('OK');
    expect(workers).toHaveLength(1);
  });

  it('stops an idle extra worker after idleMs but keeps the first warm', async () => {
    vi.useFakeTimers();
    const { pool, workers } = setup(2, 1000);
    const a = pool.run('a');
    const b = pool.run('b');
    workers[0]!.reply('A');
    workers[1]!.reply('B');
    await Promise.all([a, b]);
    vi.advanceTimersByTime(999);
    expect(workers[1]!.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(workers[1]!.terminated).toBe(true);
    expect(workers[0]!.terminated).toBe(false);
    // A later burst starts a fresh second worker.
    void pool.run('c');
    void pool.run('d');
    expect(workers).toHaveLength(3);
  });

  it('a job arriving in time cancels the idle stop', async () => {
    vi.useFakeTimers();
    const { pool, workers } = setup(2, 1000);
    const a = pool.run('a');
    const b = pool.run('b');
    workers[1]!.reply('B');
    await b;
    vi.advanceTimersByTime(500);
    // Worker 0 is still busy, so this goes to worker 1 and cancels its stop.
    void pool.run('c');
    vi.advanceTimersByTime(1000);
    expect(workers[1]!.terminated).toBe(false);
    workers[0]!.reply('A');
    await a;
  });

  it('replaces a worker that hangs, failing its job after jobMs', async () => {
    vi.useFakeTimers();
    const { pool, workers } = setup(1, 1000, 5000, 60_000);
    const a = pool.run('a');
    const b = pool.run('b');
    const failed = expect(a).rejects.toThrow('analysis worker timed out');
    vi.advanceTimersByTime(5000);
    await failed;
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.received.map((m) => m.job)).toEqual(['b']);
    workers[1]!.reply('B');
    await expect(b).resolves.toBe('B');
    // An answered job leaves no timer behind.
    vi.advanceTimersByTime(10_000);
    expect(workers[1]!.terminated).toBe(false);
  });

  it('releases every worker after releaseMs with nothing to do, and starts again on the next job', async () => {
    vi.useFakeTimers();
    const { pool, workers, released } = setup(2, 1000, 60_000, 5000);
    const a = pool.run('a');
    const b = pool.run('b');
    workers[0]!.reply('A');
    await a;
    // Still busy with b: no release clock runs.
    vi.advanceTimersByTime(10_000);
    expect(workers[0]!.terminated).toBe(false);
    expect(pool.state()).toEqual({ workers: 2, jobs: 1 });
    workers[1]!.reply('B');
    await b;
    vi.advanceTimersByTime(4999);
    expect(workers[0]!.terminated).toBe(false);
    expect(released).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(workers.map((w) => w.terminated)).toEqual([true, true]);
    expect(released).toHaveBeenCalledTimes(1);
    expect(pool.state()).toEqual({ workers: 0, jobs: 0 });
    const c = pool.run('c');
    expect(workers).toHaveLength(3);
    workers[2]!.reply('C');
    await expect(c).resolves.toBe('C');
  });

  it('a job in time restarts the release clock from its end', async () => {
    vi.useFakeTimers();
    const { pool, workers, released } = setup(1, 1000, 60_000, 5000);
    const a = pool.run('a');
    workers[0]!.reply('A');
    await a;
    vi.advanceTimersByTime(4000);
    const b = pool.run('b');
    vi.advanceTimersByTime(4000);
    workers[0]!.reply('B');
    await b;
    vi.advanceTimersByTime(4999);
    expect(released).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(released).toHaveBeenCalledTimes(1);
  });

  it('warm starts one worker ahead of a job, which the next job uses, and is released when unused', async () => {
    vi.useFakeTimers();
    const { pool, workers, released } = setup(2, 1000, 60_000, 5000);
    pool.warm();
    pool.warm();
    expect(workers).toHaveLength(1);
    expect(workers[0]!.received).toEqual([]);
    expect(pool.state()).toEqual({ workers: 1, jobs: 0 });
    vi.advanceTimersByTime(3000);
    // A warm-up restarts the clock.
    pool.warm();
    vi.advanceTimersByTime(3000);
    expect(released).not.toHaveBeenCalled();
    const a = pool.run('a');
    expect(workers).toHaveLength(1);
    workers[0]!.reply('A');
    await a;
    vi.advanceTimersByTime(5000);
    expect(released).toHaveBeenCalledTimes(1);
    expect(workers[0]!.terminated).toBe(true);
  });
});
