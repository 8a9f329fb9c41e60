// The upload gate's lifecycle for one held upload:
//   capture (capture.ts / page-port.ts) -> hold (a Delivery) -> sniff bytes -> check each image,
//   at most CONCURRENCY at once, each within the time limit -> decide (silently, or through the
//   warning UI) -> make copies if asked -> settle: release what was decided, or cancel.
// Every path ends in settle() exactly once, errors included (fail open: the originals go through),
// and releaseAll() settles whatever is still pending when the page goes away.
import { isImageCandidate, SNIFF_BYTES } from '../core/file-kind';
import { acceptsFile, mapBounded, type Outcome } from '../core/held-files';
import type { CheckSummary, Choice, CopyKind } from '../core/protocol';
import type { Settings } from '../core/settings';
import type { Verdict } from '../core/verdict';
import type { AskContext, HeldImage, ImageDecision, WarningUi } from './decision';
import type { Delivery } from './delivery';

/** Parallel checks per upload: enough to keep the analyzer busy without flooding it with 30 photos. */
const CONCURRENCY = 3;
/** How often the person may pick a copy that then fails before the photo is held back for good. */
const COPY_ATTEMPTS = 2;

export interface GateDeps {
  settings(): Promise<Settings>;
  /** Whether this page is protected under these settings (the per-site switch). */
  isProtected(settings: Settings): boolean;
  context: AskContext;
  ui(): WarningUi;
  check(file: File, settings: Settings): Promise<Verdict | null>;
  makeCopy(
    file: File,
    kind: CopyKind,
    verdict: Verdict,
    faces: number[] | undefined,
    settings: Settings,
  ): Promise<File | null>;
  record(summary: CheckSummary): void;
  disableSite(): void;
}

interface Checked {
  index: number;
  file: File;
  verdict: Verdict | null;
}

export interface Gate {
  hold(delivery: Delivery): Promise<void>;
  /** Releases every pending upload as chosen (pagehide, extension reload). */
  releaseAll(): void;
}

export function createGate(deps: GateDeps): Gate {
  const pending = new Map<Delivery, (outcomes: Outcome<File>[]) => void>();
  let nextId = 0;

  const keepAll = (delivery: Delivery): Outcome<File>[] => delivery.files.map(() => 'keep');

  const summary = (verdict: Verdict | null, choice: Choice): CheckSummary => ({
    time: Date.now(),
    site: deps.context.siteKey,
    risk: verdict?.risk ?? 'unknown',
    reasonKey: verdict?.reasons[0]?.key ?? null,
    choice,
  });

  async function decide(delivery: Delivery, settle: (outcomes: Outcome<File>[]) => void): Promise<void> {
    const { files } = delivery;
    const [settings, images] = await Promise.all([deps.settings(), Promise.all(files.map(isImage))]);
    const imageIndexes = files.flatMap((_, i) => (images[i] ? [i] : []));
    if (!deps.isProtected(settings) || imageIndexes.length === 0) return settle(keepAll(delivery));

    if (settings.mode === 'notify') {
      settle(keepAll(delivery));
      const checked = await checkAll(files, imageIndexes, settings);
      const findings = checked.filter((c) => c.verdict && needsNotice(c.verdict, settings, true));
      for (const c of checked) deps.record(summary(c.verdict, c.verdict ? 'released' : 'unchecked'));
      if (findings.length > 0) await deps.ui().notice(held(findings), deps.context);
      return;
    }

    const outcomes = keepAll(delivery);
    const checked = await checkAll(files, imageIndexes, settings);
    const unchecked = checked.filter((c) => !c.verdict);
    if (unchecked.length > 0) deps.ui().toast('gate_could_not_check', [String(unchecked.length)]);
    for (const c of unchecked) deps.record(summary(c.verdict, 'unchecked'));

    const risky = checked.filter((c) => c.verdict?.risk === 'high');
    const notable = checked.filter(
      (c) => c.verdict && c.verdict.risk !== 'high' && needsNotice(c.verdict, settings, false),
    );
    for (const c of checked) {
      if (c.verdict && !risky.includes(c) && !notable.includes(c))
        deps.record(summary(c.verdict, 'released'));
    }
    if (risky.length > 0) await ask(risky, 'ask', outcomes, delivery, settings);
    if (notable.length > 0) await ask(notable, 'notice', outcomes, delivery, settings);
    settle(outcomes);
  }

  async function checkAll(files: File[], indexes: number[], settings: Settings): Promise<Checked[]> {
    // The UI shows it only if the checks are still running after a moment.
    const progress = deps.ui().progress(indexes.length);
    let done = 0;
    try {
      return await mapBounded(indexes, CONCURRENCY, async (index) => {
        const verdict = await deps.check(files[index]!, settings);
        done += 1;
        progress.update(done);
        return { index, file: files[index]!, verdict };
      });
    } finally {
      progress.close();
    }
  }

  function held(items: Checked[]): HeldImage[] {
    return items.map((c) => ({ id: `fg-${nextId++}`, file: c.file, verdict: c.verdict! }));
  }

  /** Asks about these images and writes each decision into outcomes; a failed copy is asked again. */
  async function ask(
    items: Checked[],
    how: 'ask' | 'notice',
    outcomes: Outcome<File>[],
    delivery: Delivery,
    settings: Settings,
    attempt = 1,
  ): Promise<void> {
    const images = held(items);
    const answer = await deps.ui()[how](images, deps.context);
    if (answer.disableSite) deps.disableSite();
    const failed: Checked[] = [];
    for (const [i, item] of items.entries()) {
      const decision = answer.decisions.find((d) => d.id === images[i]!.id);
      const result = await apply(item, decision, delivery, settings);
      if (result === 'copy-failed') failed.push(item);
      else {
        outcomes[item.index] = result.outcome;
        deps.record(summary(item.verdict, result.choice));
      }
    }
    if (failed.length === 0) return;
    if (attempt < COPY_ATTEMPTS) {
      deps.ui().toast('gate_copy_failed');
      return ask(failed, 'ask', outcomes, delivery, settings, attempt + 1);
    }
    // Never upload a risky photo the person wanted changed: hold it back (they still have the file).
    deps.ui().toast('gate_copy_failed_kept_back', [String(failed.length)]);
    for (const item of failed) {
      outcomes[item.index] = 'drop';
      deps.record(summary(item.verdict, 'cancel'));
    }
  }

  async function apply(
    item: Checked,
    decision: ImageDecision | undefined,
    delivery: Delivery,
    settings: Settings,
  ): Promise<{ outcome: Outcome<File>; choice: Choice } | 'copy-failed'> {
    // A missing decision means the UI went away without an answer: hold the photo back rather than
    // upload a risky photo nobody agreed to.
    const action = decision?.action ?? 'cancel';
    if (action === 'upload') return { outcome: 'keep', choice: 'upload-anyway' };
    if (action === 'cancel') return { outcome: 'drop', choice: 'cancel' };
    const copy = await deps.makeCopy(item.file, action, item.verdict!, decision?.faces, settings);
    if (!copy || !acceptsFile(delivery.accept, copy)) return 'copy-failed';
    return { outcome: { replace: copy }, choice: action === 'blur' ? 'blurred' : 'stripped' };
  }

  return {
    async hold(delivery) {
      let done = false;
      const settle = (outcomes: Outcome<File>[]) => {
        if (done) return;
        done = true;
        pending.delete(delivery);
        delivery.settle(outcomes);
      };
      pending.set(delivery, settle);
      try {
        await decide(delivery, settle);
      } catch {
        // Fail open: a broken check or UI must never eat the person's upload.
        settle(keepAll(delivery));
      }
    },
    releaseAll() {
      for (const [delivery, settle] of [...pending]) settle(keepAll(delivery));
    },
  };
}

/** Medium risk, or a location in the metadata, when the person wants notices for those. */
function needsNotice(verdict: Verdict, settings: Settings, includeHigh: boolean): boolean {
  if (includeHigh && verdict.risk === 'high') return true;
  if (verdict.risk === 'medium' && settings.mediumNotices) return true;
  return verdict.metadata.gps !== null && settings.warnMetadata;
}

/** Decided by magic bytes (a ".jpg" that is a PDF passes; a nameless HEIC is held). */
async function isImage(file: File): Promise<boolean> {
  try {
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    return isImageCandidate(file.name, file.type, head);
  } catch {
    // Unreadable (a folder entry, a file deleted meanwhile): nothing to check, let it pass.
    return false;
  }
}
