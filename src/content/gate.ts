// The upload gate's lifecycle for one held upload:
//   capture (capture.ts / page-port.ts) -> hold (a Delivery) -> sniff bytes -> check each image,
//   at most CONCURRENCY at once, each within the time limit -> decide (silently, or through the
//   warning UI) -> make copies if asked -> settle: release what was decided, or cancel.
// Every path ends in settle() exactly once, errors included (fail open: the originals go through),
// and releaseAll() settles whatever is still pending when the page goes away: what is still being
// checked goes as it is (the fail-safe rule), what the person is being asked about stays with them
// (nobody agreed to upload it), and the questions close.
import { isImageCandidate, SNIFF_BYTES } from '../core/file-kind';
import { acceptsFile, mapBounded, type Outcome } from '../core/held-files';
import type { CheckSummary, Choice, CopyKind } from '../core/protocol';
import type { Settings } from '../core/settings';
import type { Verdict } from '../core/verdict';
import type { AskContext, HeldImage, ImageAction, ImageDecision, WarningUi } from './decision';
import type { Delivery } from './delivery';

/** Parallel checks per upload: enough to keep the analyzer busy without flooding it with 30 photos. */
const CONCURRENCY = 3;
/** Files sniffed at once: each read is started synchronously (~1-2 ms in Chrome), so twenty started in
 * the event that held them made one 40-50 ms task on the page (trace of a 20-photo batch). */
const SNIFFS_AT_ONCE = 4;
/** How often the person may pick a copy that then fails before the photo is held back for good. */
const COPY_ATTEMPTS = 2;
/** How long a held upload waits for the settings. Normally they are there long before; a script cut off
 * from its extension while its storage read was under way never gets an answer (Chrome). */
export const SETTINGS_WAIT_MS = 5000;

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
  /** True once this script is cut off from its extension (updated or restarted): no check can run. */
  orphaned(): boolean;
}

interface Checked {
  index: number;
  file: File;
  verdict: Verdict | null;
}

export interface Gate {
  hold(delivery: Delivery): Promise<void>;
  /** Settles every pending upload now (the page goes away): see the top of this file. */
  releaseAll(): void;
}

/** One upload being held. */
interface Held {
  delivery: Delivery;
  settle(outcomes: Outcome<File>[]): void;
  /** What each file became so far (null until the checks are done). */
  outcomes: Outcome<File>[] | null;
  /** Files the person is being asked about, until their answer is applied (a copy made included). */
  asking: Set<number>;
  /** Closes this upload's questions. */
  questions: AbortController;
}

export function createGate(deps: GateDeps): Gate {
  const pending = new Set<Held>();
  let nextId = 0;

  const keepAll = (delivery: Delivery): Outcome<File>[] => delivery.files.map(() => 'keep');

  const summary = (verdict: Verdict | null, choice: Choice): CheckSummary => ({
    time: Date.now(),
    site: deps.context.siteKey,
    risk: verdict?.risk ?? 'unknown',
    reasonKey: verdict?.reasons[0]?.key ?? null,
    choice,
  });

  async function decide(upload: Held): Promise<void> {
    const { delivery, settle } = upload;
    const { files } = delivery;
    const [settings, images] = await Promise.all([
      settingsOrNull(),
      mapBounded(files, SNIFFS_AT_ONCE, isImage),
    ]);
    const imageIndexes = files.flatMap((_, i) => (images[i] ? [i] : []));
    if (settings === null) {
      // No settings, no check: the fail-safe rule lets the files go as they are, and says so.
      if (imageIndexes.length > 0) deps.ui().toast(unchecked(), [String(imageIndexes.length)]);
      return settle(keepAll(delivery));
    }
    if (!deps.isProtected(settings) || imageIndexes.length === 0) return settle(keepAll(delivery));

    if (settings.mode === 'notify') {
      settle(keepAll(delivery));
      const checked = await checkAll(files, imageIndexes, settings);
      const findings = checked.filter((c) => c.verdict && needsNotice(c.verdict, settings, true));
      for (const c of checked) deps.record(summary(c.verdict, c.verdict ? 'released' : 'unchecked'));
      if (findings.length > 0) await deps.ui().notice(heldImages(findings), deps.context);
      return;
    }

    const checked = await checkAll(files, imageIndexes, settings);
    const outcomes = keepAll(delivery);
    upload.outcomes = outcomes;
    const failed = checked.filter((c) => !c.verdict);
    if (failed.length > 0) deps.ui().toast(unchecked(), [String(failed.length)]);
    for (const c of failed) deps.record(summary(c.verdict, 'unchecked'));

    const risky = checked.filter((c) => c.verdict?.risk === 'high');
    const notable = checked.filter(
      (c) => c.verdict && c.verdict.risk !== 'high' && needsNotice(c.verdict, settings, false),
    );
    for (const c of checked) {
      if (c.verdict && !risky.includes(c) && !notable.includes(c))
        deps.record(summary(c.verdict, 'released'));
    }
    if (risky.length > 0) await ask(risky, 'ask', upload, settings);
    if (notable.length > 0) await ask(notable, 'notice', upload, settings);
    settle(outcomes);
  }

  /** The settings, or null when they do not come within SETTINGS_WAIT_MS (or cannot be read). */
  async function settingsOrNull(): Promise<Settings | null> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), SETTINGS_WAIT_MS);
    });
    try {
      return await Promise.race([deps.settings().catch(() => null), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Why files went unchecked, for the toast. */
  const unchecked = () => (deps.orphaned() ? 'gate_extension_restarted' : 'gate_could_not_check');

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

  function heldImages(items: Checked[]): HeldImage[] {
    return items.map((c) => ({ id: `fg-${nextId++}`, file: c.file, verdict: c.verdict! }));
  }

  /** Asks about these images and writes each decision into the outcomes; a failed copy is asked again. */
  async function ask(
    items: Checked[],
    how: 'ask' | 'notice',
    upload: Held,
    settings: Settings,
    attempt = 1,
  ): Promise<void> {
    const outcomes = upload.outcomes!;
    const images = heldImages(items);
    if (how === 'ask') {
      for (const item of items) upload.asking.add(item.index);
      upload.delivery.asking?.(items.map((item) => item.index));
    }
    const answer = await deps.ui()[how](images, deps.context, upload.questions.signal);
    if (answer.disableSite) deps.disableSite();
    const failed: Checked[] = [];
    for (const [i, item] of items.entries()) {
      const decision = answer.decisions.find((d) => d.id === images[i]!.id);
      // A notice that went away unanswered lets the upload go on, as its countdown would.
      const result = await apply(
        item,
        decision ?? (how === 'notice' ? 'upload' : 'cancel'),
        upload,
        settings,
      );
      if (result === 'copy-failed') failed.push(item);
      else {
        outcomes[item.index] = result.outcome;
        upload.asking.delete(item.index);
        deps.record(summary(item.verdict, result.choice));
      }
    }
    if (failed.length === 0) return;
    if (attempt < COPY_ATTEMPTS) {
      deps.ui().toast('gate_copy_failed');
      return ask(failed, 'ask', upload, settings, attempt + 1);
    }
    // Never upload a risky photo the person wanted changed: hold it back (they still have the file).
    deps.ui().toast('gate_copy_failed_kept_back', [String(failed.length)]);
    for (const item of failed) {
      outcomes[item.index] = 'drop';
      upload.asking.delete(item.index);
      deps.record(summary(item.verdict, 'cancel'));
    }
  }

  async function apply(
    item: Checked,
    decision: ImageDecision | ImageAction,
    upload: Held,
    settings: Settings,
  ): Promise<{ outcome: Outcome<File>; choice: Choice } | 'copy-failed'> {
    // A missing decision (the dialog went away without an answer) comes here as the caller's default:
    // for the dialog, hold the photo back rather than upload a risky photo nobody agreed to.
    const { action, faces } =
      typeof decision === 'string' ? { action: decision, faces: undefined } : decision;
    if (action === 'upload') return { outcome: 'keep', choice: 'upload-anyway' };
    if (action === 'cancel') return { outcome: 'drop', choice: 'cancel' };
    const copy = await deps.makeCopy(item.file, action, item.verdict!, faces, settings);
    if (!copy || !acceptsFile(upload.delivery.accept, copy)) return 'copy-failed';
    return { outcome: { replace: copy }, choice: action === 'blur' ? 'blurred' : 'stripped' };
  }

  return {
    async hold(delivery) {
      let done = false;
      const upload: Held = {
        delivery,
        settle(outcomes) {
          if (done) return;
          done = true;
          pending.delete(upload);
          delivery.settle(outcomes);
        },
        outcomes: null,
        asking: new Set(),
        questions: new AbortController(),
      };
      pending.add(upload);
      try {
        await decide(upload);
      } catch {
        // Fail open: a broken check or UI must never eat the person's upload. But the person's
        // decisions stand (a cancelled photo is never sent), and a question left unanswered holds
        // its photo back.
        upload.settle(settledNow(upload));
      }
    },
    releaseAll() {
      for (const upload of [...pending]) {
        upload.questions.abort();
        upload.settle(settledNow(upload));
      }
    },
  };

  /** The outcomes if the upload had to end now: decisions so far, questions unanswered held back. */
  function settledNow(upload: Held): Outcome<File>[] {
    const outcomes = upload.outcomes ?? keepAll(upload.delivery);
    return outcomes.map((outcome, i) => (upload.asking.has(i) ? 'drop' : outcome));
  }
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
