// The gate's decisions with a fake warning UI and a fake check: every path settles exactly once.
import { describe, expect, it, vi } from 'vitest';
import type { ImageAction, WarningUi } from '../../src/content/decision';
import type { Delivery } from '../../src/content/delivery';
import { createGate, type GateDeps, SETTINGS_WAIT_MS } from '../../src/content/gate';
import type { Outcome } from '../../src/core/held-files';
import type { CheckSummary } from '../../src/core/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { NO_METADATA, type Risk, type Verdict } from '../../src/core/verdict';

const png = (name: string) =>
  new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])], name, {
    type: 'image/png',
  });
const pdf = new File(['%PDF-1.4 not an image at all, long enough to decide'], 'a.pdf', {
  type: 'application/pdf',
});

const verdict = (risk: Risk, gps = false): Verdict => ({
  risk,
  reasons: [{ key: `reason_${risk}` }],
  faces: [],
  metadata: { ...NO_METADATA, gps: gps ? { latitude: 1, longitude: 2 } : null },
  width: 10,
  height: 10,
  timings: {},
});

function setup(options: {
  risks: Record<string, Verdict | null>;
  answer?: ImageAction[];
  settings?: Partial<Settings>;
  copy?: (attempt: number) => File | null;
  /** Replaces the instant fake check (e.g. one the test answers by hand). */
  check?: GateDeps['check'];
  /** Replaces the fake dialog, which answers at once from `answer`. */
  ask?: WarningUi['ask'];
  record?: GateDeps['record'];
  orphaned?: boolean;
  /** Replaces the settings read (e.g. one that never answers). */
  readSettings?: GateDeps['settings'];
}) {
  const calls = { ask: 0, notice: 0, toasts: [] as string[], copies: 0, events: [] as string[] };
  const records: CheckSummary[] = [];
  const answers = [...(options.answer ?? [])];
  const ui: WarningUi = {
    ask: async (images, context, signal) => {
      if (options.ask) return options.ask(images, context, signal);
      calls.ask++;
      calls.events.push('ask');
      return {
        decisions: images.map((i) => ({ id: i.id, action: answers.shift() ?? 'cancel' })),
        disableSite: false,
      };
    },
    notice: async (images) => {
      calls.notice++;
      return { decisions: images.map((i) => ({ id: i.id, action: 'upload' as const })), disableSite: false };
    },
    toast: (key) => calls.toasts.push(key),
    progress: (total) => {
      calls.events.push(`show ${total}`);
      return {
        update: (done) => calls.events.push(`${done}/${total}`),
        close: () => calls.events.push('close'),
      };
    },
  };
  const deps: GateDeps = {
    settings: options.readSettings ?? (async () => ({ ...DEFAULT_SETTINGS, ...options.settings })),
    isProtected: (s) => s.mode !== 'off',
    context: { siteKey: 'test', siteLabel: 'Test' },
    ui: () => ui,
    check: options.check ?? (async (file) => options.risks[file.name] ?? null),
    makeCopy: async () => options.copy?.(++calls.copies) ?? null,
    record: (s) => {
      records.push(s);
      options.record?.(s);
    },
    disableSite: () => undefined,
    orphaned: () => options.orphaned ?? false,
  };
  return { gate: createGate(deps), calls, records };
}

function delivery(files: File[]): Delivery & { settled: Outcome<File>[][] } {
  const settled: Outcome<File>[][] = [];
  return { source: 'input', files, accept: 'image/*', settled, settle: (o) => void settled.push(o) };
}

describe('gate', () => {
  it('releases a harmless image silently and leaves non-images alone', async () => {
    const { gate, calls, records } = setup({ risks: { 'a.png': verdict('none') } });
    const d = delivery([png('a.png'), pdf]);
    await gate.hold(d);
    expect(d.settled).toEqual([['keep', 'keep']]);
    expect(calls).toMatchObject({ ask: 0, notice: 0, toasts: [] });
    expect(records.map((r) => r.choice)).toEqual(['released']);
  });

  it('starts reading only a few files in the event that held them (each read costs the page ~1-2 ms)', async () => {
    const files = Array.from({ length: 20 }, (_, i) => png(`p${i}.png`));
    let reads = 0;
    for (const file of files) {
      const slice = file.slice.bind(file);
      file.slice = (...args) => {
        reads++;
        return slice(...args);
      };
    }
    const { gate } = setup({ risks: Object.fromEntries(files.map((f) => [f.name, verdict('none')])) });
    const d = delivery(files);
    const held = gate.hold(d);
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(4);
    await held;
    expect(reads).toBe(20);
    expect(d.settled).toEqual([files.map(() => 'keep')]);
  });

  it('asks about a high-risk image; cancel drops only that one', async () => {
    const { gate, calls } = setup({
      risks: { 'a.png': verdict('high'), 'b.png': verdict('low') },
      answer: ['cancel'],
    });
    const d = delivery([png('a.png'), png('b.png')]);
    await gate.hold(d);
    expect(calls.ask).toBe(1);
    expect(d.settled).toEqual([['drop', 'keep']]);
  });

  it('fails open when the check cannot answer, with a toast', async () => {
    const { gate, calls, records } = setup({ risks: {} });
    const d = delivery([png('a.png')]);
    await gate.hold(d);
    expect(d.settled).toEqual([['keep']]);
    expect(calls.toasts).toEqual(['gate_could_not_check']);
    expect(records[0]!.choice).toBe('unchecked');
  });

  it('says why when the script is cut off from its updated or restarted extension', async () => {
    const { gate, calls } = setup({ risks: {}, orphaned: true });
    const d = delivery([png('a.png')]);
    await gate.hold(d);
    expect(d.settled).toEqual([['keep']]);
    expect(calls.toasts).toEqual(['gate_extension_restarted']);
  });

  it('lets the files go, and says why, when the settings never come (an orphaned storage read)', async () => {
    vi.useFakeTimers();
    try {
      const { gate, calls, records } = setup({
        risks: { 'a.png': verdict('high') },
        orphaned: true,
        readSettings: () => new Promise(() => undefined),
      });
      const d = delivery([png('a.png'), pdf]);
      const held = gate.hold(d);
      await vi.advanceTimersByTimeAsync(SETTINGS_WAIT_MS - 1);
      expect(d.settled).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      await held;
      expect(d.settled).toEqual([['keep', 'keep']]);
      expect(calls).toMatchObject({ ask: 0, toasts: ['gate_extension_restarted'] });
      expect(records).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets the files go when the settings cannot be read', async () => {
    const { gate, calls } = setup({
      risks: { 'a.png': verdict('high') },
      readSettings: () => Promise.reject(new Error('gone')),
    });
    const d = delivery([png('a.png')]);
    await gate.hold(d);
    expect(d.settled).toEqual([['keep']]);
    expect(calls).toMatchObject({ ask: 0, toasts: ['gate_could_not_check'] });
  });

  it('delivers a copy under the original name, and asks again when a copy fails', async () => {
    const copy = png('a.png');
    const { gate, calls } = setup({
      risks: { 'a.png': verdict('high') },
      answer: ['blur', 'blur'],
      copy: (attempt) => (attempt === 1 ? null : copy),
    });
    const d = delivery([png('a.png')]);
    await gate.hold(d);
    expect(calls.ask).toBe(2);
    expect(calls.toasts).toEqual(['gate_copy_failed']);
    expect(d.settled).toEqual([[{ replace: copy }]]);
  });

  it('shows a notice for a location in a low-risk photo, and none when the setting is off', async () => {
    const on = setup({ risks: { 'a.png': verdict('low', true) } });
    await on.gate.hold(delivery([png('a.png')]));
    expect(on.calls.notice).toBe(1);
    const off = setup({ risks: { 'a.png': verdict('low', true) }, settings: { warnMetadata: false } });
    await off.gate.hold(delivery([png('a.png')]));
    expect(off.calls.notice).toBe(0);
  });

  it('in notify mode releases first and tells afterwards', async () => {
    const { gate, calls } = setup({ risks: { 'a.png': verdict('high') }, settings: { mode: 'notify' } });
    const d = delivery([png('a.png')]);
    await gate.hold(d);
    expect(d.settled).toEqual([['keep']]);
    expect(calls).toMatchObject({ ask: 0, notice: 1 });
  });

  it('does not gate a site that is switched off', async () => {
    const { gate, calls } = setup({ risks: { 'a.png': verdict('high') }, settings: { mode: 'off' } });
    const d = delivery([png('a.png')]);
    await gate.hold(d);
    expect(d.settled).toEqual([['keep']]);
    expect(calls.ask).toBe(0);
  });

  it('releases what is still held when the page goes away, exactly once', async () => {
    const { gate } = setup({ risks: { 'a.png': verdict('high') }, answer: ['cancel'] });
    const d = delivery([png('a.png')]);
    const held = gate.hold(d);
    gate.releaseAll();
    await held; // the late "cancel" from the dialog changes nothing
    expect(d.settled).toEqual([['keep']]);
  });

  it('holds back what the person is being asked about when the page goes away, and closes the question', async () => {
    let aborted = false;
    let asked: () => void = () => undefined;
    const asking = new Promise<void>((resolve) => {
      asked = resolve;
    });
    const { gate } = setup({
      risks: { 'a.png': verdict('high'), 'b.png': verdict('none') },
      // A dialog nobody answers; it closes when told to.
      ask: (_, __, signal) =>
        new Promise((resolve) => {
          asked();
          signal?.addEventListener('abort', () => {
            aborted = true;
            resolve({ decisions: [], disableSite: false });
          });
        }),
    });
    const d = delivery([png('a.png'), png('b.png')]);
    const held = gate.hold(d);
    await asking;
    expect(d.settled).toEqual([]);
    gate.releaseAll();
    expect(d.settled).toEqual([['drop', 'keep']]);
    expect(aborted).toBe(true);
    await held;
    expect(d.settled).toEqual([['drop', 'keep']]);
  });

  it('tells the delivery which files the person is asked about (the page world holds those back if the gate dies)', async () => {
    const { gate } = setup({
      risks: { 'a.png': verdict('none'), 'b.png': verdict('high') },
      answer: ['upload'],
    });
    const asked: number[][] = [];
    const d = { ...delivery([png('a.png'), png('b.png')]), asking: (i: number[]) => asked.push(i) };
    await gate.hold(d);
    expect(asked).toEqual([[1]]);
    expect(d.settled).toEqual([['keep', 'keep']]);
  });

  it('holds back a photo whose safer copy is still being made when the page goes away', async () => {
    let copyStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      copyStarted = resolve;
    });
    const { gate } = setup({
      risks: { 'a.png': verdict('high') },
      answer: ['blur'],
      copy: () => {
        copyStarted();
        return png('a.png');
      },
    });
    const d = delivery([png('a.png')]);
    const held = gate.hold(d);
    await started;
    gate.releaseAll();
    await held;
    expect(d.settled).toEqual([['drop']]);
  });

  it("keeps a cancel when something breaks after the answer (an orphaned script's record throws)", async () => {
    const { gate } = setup({
      risks: { 'a.png': verdict('high'), 'b.png': verdict('none') },
      answer: ['cancel'],
      record: (summary) => {
        if (summary.choice === 'cancel') throw new Error('Extension context invalidated.');
      },
    });
    const d = delivery([png('a.png'), png('b.png')]);
    await gate.hold(d);
    expect(d.settled).toEqual([['drop', 'keep']]);
  });

  it('counts each finished check on the progress line and closes it before asking', async () => {
    const { gate, calls } = setup({
      risks: { 'a.png': verdict('none'), 'b.png': verdict('high') },
      answer: ['upload'],
    });
    await gate.hold(delivery([png('a.png'), png('b.png')]));
    expect(calls.events).toEqual(['show 2', '1/2', '2/2', 'close', 'ask']);
  });

  it('closes the progress line when a check throws', async () => {
    const check: GateDeps['check'] = async () => {
      throw new Error('analyzer gone');
    };
    const { gate, calls } = setup({ risks: {}, check });
    const d = delivery([png('a.png')]);
    await gate.hold(d).catch(() => undefined);
    expect(calls.events.at(-1)).toBe('close');
    expect(d.settled).toEqual([['keep']]);
  });
});
