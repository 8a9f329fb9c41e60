// Runs analysis jobs on a few dedicated workers, one job per worker at a time: a batch of photos is
// checked on several cores, and memory stays bounded (at most `size` images decoded at once). Workers
// start only when a job finds every running one busy (or when `warm` asks for one ahead of a check);
// extra ones stop after a quiet spell, and after a longer one (`releaseMs`) the whole pool is released:
// every worker, and with it the model's memory, until the next job or warm-up. A worker that crashes or
// hangs fails its job and is replaced, so one bad image cannot stall every later check. Free of browser
// APIs beyond the minimal worker shape below.

/** The part of a Worker the pool uses (a fake in unit tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** What a worker posts back for the job with `id`. */
export type JobReply = { id: number; result: unknown } | { id: number; error: string };

interface Job {
  id: number;
  message: unknown;
  transfer: Transferable[];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: WorkerLike;
  job: Job | null;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  jobTimer: ReturnType<typeof setTimeout> | undefined;
}

export interface PoolOptions {
  spawn: () => WorkerLike;
  size: number;
  /** How long an extra worker may sit idle before it is stopped. */
  idleMs: number;
  /** A job still running after this long counts as a hung worker. */
  jobMs: number;
  /** How long the whole pool may sit idle (no job running or waiting) before every worker is stopped. */
  releaseMs: number;
  /** Called once the pool has released its workers after `releaseMs` idle. */
  onRelease?: () => void;
}

export interface PoolState {
  /** Workers running (0 once released). */
  workers: number;
  /** Jobs running or waiting. */
  jobs: number;
}

export interface WorkerPool {
  /** Posts `{id, job}` to a free worker and resolves with its reply's result. */
  run(job: unknown, transfer?: Transferable[]): Promise<unknown>;
  /** Starts the first worker ahead of a job (it loads the model as it starts) and restarts the idle clock. */
  warm(): void;
  state(): PoolState;
}

export function createWorkerPool({
  spawn,
  size,
  idleMs,
  jobMs,
  releaseMs,
  onRelease,
}: PoolOptions): WorkerPool {
  const slots: Slot[] = [];
  const waiting: Job[] = [];
  let nextId = 1;
  let releaseTimer: ReturnType<typeof setTimeout> | undefined;

  /** Restarts the release clock when nothing runs or waits; stops it otherwise. */
  const idleCheck = () => {
    clearTimeout(releaseTimer);
    releaseTimer = undefined;
    if (slots.length === 0 || waiting.length > 0 || slots.some((s) => s.job !== null)) return;
    releaseTimer = setTimeout(() => {
      releaseTimer = undefined;
      for (const slot of [...slots]) stop(slot);
      onRelease?.();
    }, releaseMs);
  };

  const stop = (slot: Slot) => {
    clearTimeout(slot.idleTimer);
    clearTimeout(slot.jobTimer);
    slot.worker.terminate();
    slots.splice(slots.indexOf(slot), 1);
  };

  /** The worker failed (script error, out of memory, hung): its job fails, the next job gets a new one. */
  const fail = (slot: Slot, reason: string) => {
    const job = slot.job;
    stop(slot);
    job?.reject(new Error(reason));
    const next = waiting.shift();
    if (next) dispatch(next);
    else idleCheck();
  };

  const finish = (slot: Slot) => {
    clearTimeout(slot.jobTimer);
    slot.job = null;
    const next = waiting.shift();
    if (next) {
      start(slot, next);
    } else {
      if (slots.indexOf(slot) > 0) slot.idleTimer = setTimeout(() => stop(slot), idleMs);
      idleCheck();
    }
  };

  const start = (slot: Slot, job: Job) => {
    clearTimeout(slot.idleTimer);
    slot.job = job;
    slot.jobTimer = setTimeout(() => fail(slot, 'analysis worker timed out'), jobMs);
    try {
      slot.worker.postMessage({ id: job.id, job: job.message }, job.transfer);
    } catch (error) {
      // Not cloneable: this job fails, the worker is fine.
      job.reject(error instanceof Error ? error : new Error(String(error)));
      finish(slot);
    }
  };

  const open = (): Slot => {
    const slot: Slot = { worker: spawn(), job: null, idleTimer: undefined, jobTimer: undefined };
    slot.worker.onmessage = ({ data }) => {
      const reply = data as JobReply;
      const job = slot.job;
      if (!job || reply.id !== job.id) return;
      if ('error' in reply) job.reject(new Error(reply.error));
      else job.resolve(reply.result);
      finish(slot);
    };
    slot.worker.onerror = () => fail(slot, 'analysis worker failed');
    slots.push(slot);
    return slot;
  };

  const dispatch = (job: Job) => {
    clearTimeout(releaseTimer);
    releaseTimer = undefined;
    const free = slots.find((s) => s.job === null) ?? (slots.length < size ? open() : null);
    if (free) start(free, job);
    else waiting.push(job);
  };

  return {
    run: (message, transfer = []) =>
      new Promise((resolve, reject) => dispatch({ id: nextId++, message, transfer, resolve, reject })),
    warm: () => {
      if (slots.length === 0) open();
      idleCheck();
    },
    state: () => ({
      workers: slots.length,
      jobs: waiting.length + slots.filter((s) => s.job !== null).length,
    }),
  };
}
