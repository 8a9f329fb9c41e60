// The soak: random steps of uploads, answers and faults (plan.ts) in one browser, each checked against
// what the faults page and the stub server received. Per offered file: exactly once as decided
// (the original, or a processed copy under its name), or not at all when cancelled or unapproved,
// and never a file nobody offered; after each step nothing of ours on screen and no page exception;
// the browser's memory over the run. Used by scripts/soak.mjs (the long run) and test/e2e/soak.e2e.ts
// (a short one inside npm test).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prng } from '../../../src/core/cover-faces';
import { startServer } from '../../server.mjs';
import {
  changeSettings,
  type Entry,
  offer,
  pageErrors,
  received,
  toFront,
  uiState,
} from '../faults/faults-page';
import { corruptJpeg, noisePng, sha256, textFile, uniqueCopy, withCameraData } from '../faults/files';
import { type BrowserName, launch, type TestPage } from '../harness';
import { type FaultSession, faultsFor } from '../harness/faults';
import { browserPid, extensionMemory, treeRssBytes } from '../harness/memory';
import { forbiddenRequests } from '../harness/network-recorder';
import { type Decision, type FileKind, planStep, type StepPlan } from './plan';

export interface SoakOptions {
  browser: BrowserName;
  steps: number;
  seed: number;
  /** Photos for the frontal faces: a PNG portrait and a JPEG one (camera data is added to the latter). */
  faces: { png: string; jpeg: string };
  /** GPS-tagged photo (the metadata notice and its countdown), or null. */
  gpsPhoto: string | null;
  /** Share of steps with a fault (default 0.3). */
  faultRate?: number;
  /** First step to run (default 1): the plans before it are drawn and skipped, so a step of a long run
   * is replayed as it was planned. */
  from?: number;
  log?: (line: string) => void;
}

export interface SoakResult {
  browser: BrowserName;
  steps: number;
  faults: number;
  lost: number;
  duplicated: number;
  wrong: number;
  stuck: number;
  page_errors: number;
  seed: number;
  /** Resident memory of the browser's whole process tree: after the first step, the highest, at the end. */
  memory_mb: { first: number; max: number; end: number };
  /**
   * The extension's own processes (PSS; harness/memory.ts): the highest over the first EARLY_STEPS
   * steps (the analyzer loaded by then), the highest over the run, at the end.
   */
  extension_mb: { early: number; max: number; end: number };
  /** Requests that left the machine (the privacy promise): always 0. */
  network: number;
  /** One line per problem found, with its step, for the log. */
  problems: string[];
}

/** What one offered file may come to (at most once in all): the original, a copy under its name. */
interface Expect {
  original: boolean;
  copy: boolean;
  /** It must arrive (else it may also not). */
  required: boolean;
}
const ORIGINAL: Expect = { original: true, copy: false, required: true };
const ORIGINAL_AT_MOST: Expect = { original: true, copy: false, required: false };
const COPY: Expect = { original: false, copy: true, required: true };
const NEVER: Expect = { original: false, copy: false, required: false };

/** When a step's fault landed: while checking, while asking, after all had arrived; null: not yet. */
type Landed = 'checking' | 'asking' | 'after' | null;

interface Offered {
  path: string;
  name: string;
  sha: string;
  kind: FileKind | 'extra';
}

const KEYS: Record<Exclude<Decision, 'timeout'>, string> = {
  upload: 'u',
  cancel: 'Escape',
  blur: 'b',
  strip: 'm',
};
const STEP_MS = 90_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => Math.round(bytes / 1048576);
/** Steps after which the extension's memory is taken as its early figure (SoakResult.extension_mb). */
const EARLY_STEPS = 10;

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const { browser, steps, seed } = options;
  const log = options.log ?? (() => undefined);
  // mulberry32: the whole run follows from its seed.
  const random = prng(seed);
  const dir = mkdtempSync(join(tmpdir(), `fg-soak-${browser}-`));
  const server = await startServer();
  const session = (await launch(browser, { locale: 'en' })) as FaultSession;
  const faults = faultsFor(session);
  const result: SoakResult = {
    browser,
    steps: 0,
    faults: 0,
    lost: 0,
    duplicated: 0,
    wrong: 0,
    stuck: 0,
    page_errors: 0,
    seed,
    memory_mb: { first: 0, max: 0, end: 0 },
    extension_mb: { early: 0, max: 0, end: 0 },
    network: 0,
    problems: [],
  };
  let page: TestPage | null = null;
  let settingsPage: TestPage | null = null;
  /** Steps run on the current page (a fresh one every few, and after anything that spoils it). */
  let pageSteps = 0;
  let timeLimit = 4;
  const problem = (step: number, kind: keyof SoakResult, text: string) => {
    (result[kind] as number) += 1;
    result.problems.push(`step ${step}: ${kind}: ${text}`);
    log(`  ! step ${step}: ${kind}: ${text}`);
  };

  const openPage = async () => {
    await page?.close().catch(() => undefined);
    page = await session.newPage();
    await page.goto(`${server.origin}/pages/faults.html`);
    await page.waitFor(() => document.readyState === 'complete');
    pageSteps = 0;
    return page;
  };
  const setTimeLimit = async (seconds: number) => {
    if (seconds === timeLimit) return;
    settingsPage ??= await session.openExtensionPage('popup.html');
    await changeSettings(settingsPage, { timeLimitSeconds: seconds });
    timeLimit = seconds;
  };

  let made = 0;
  const makeFile = (step: number, kind: FileKind | 'extra', decision: Decision): string => {
    const name = `s${step}-${++made}-${kind}`;
    switch (kind) {
      case 'frontal':
        // PNG and JPEG portraits in turn. The JPEG carries camera data, so "without location and camera
        // data" is offered: a step that chooses it offers JPEGs only (for a PNG the choice would mean
        // uploading it as it is).
        return made % 2 && decision !== 'strip'
          ? uniqueCopy(dir, options.faces.png, name)
          : withCameraData(dir, options.faces.jpeg, name);
      case 'noface':
      case 'extra':
        return noisePng(dir, `${name}.png`, 80 + (made % 40), 60);
      case 'corrupt':
        return corruptJpeg(dir, `${name}.jpg`);
      case 'huge':
        // About 18 MB: its check takes longer than the 1 s time limit of a time-out step.
        return noisePng(dir, `${name}.png`, 3000, 2000);
      case 'nonimage':
        return textFile(dir, `${name}.txt`);
      case 'gps':
        return options.gpsPhoto
          ? uniqueCopy(dir, options.gpsPhoto, name)
          : noisePng(dir, `${name}.png`, 64, 64);
    }
  };

  async function runStep(step: number, plan: StepPlan): Promise<void> {
    if (!page || pageSteps >= 12) await openPage();
    const current = page!;
    pageSteps += 1;
    const before = (await received(current)).length;
    const serverBefore = server.received.length;
    const offered: Offered[] = plan.files.map((kind) => {
      const path = makeFile(step, kind, plan.decision);
      return { path, name: path.split('/').pop()!, sha: sha256(path), kind };
    });
    const fault = plan.fault;
    await setTimeLimit(plan.decision === 'timeout' ? 1 : 4);
    if (fault?.kind.startsWith('worker-') || (fault?.at === 'checking' && fault.kind !== 'reload')) {
      await faults.watchWorkers();
    }

    let dialogs = 0;
    let injected = false;
    /** When the fault actually landed: while checking, while asking, or after all had arrived. */
    let landed: Landed = null;
    let spoiled = false;
    let pageGone = false;
    let reloaded = false;
    const inject = async (when: Exclude<Landed, null>) => {
      if (!fault || injected) return;
      injected = true;
      landed = when;
      log(`  fault ${fault.kind} lands while ${when}`);
      result.faults += 1;
      switch (fault.kind) {
        case 'reload':
          reloaded = true;
          spoiled = true;
          // Its settings page belonged to the old extension.
          settingsPage = null;
          return faults.reload();
        case 'stop-background':
          return faults.stopBackground();
        case 'close-host':
          return faults.closeHost();
        case 'worker-terminate':
          await faults.killBusyWorker('terminate', 10_000);
          return;
        case 'worker-crash':
          await faults.killBusyWorker('crash', 10_000);
          return;
        case 'tab-reload':
          pageGone = true;
          await current.goto(`${server.origin}/pages/faults.html`);
          pageSteps = 99;
          return;
        case 'tab-navigate':
          pageGone = true;
          await current.goto(`${server.origin}/pages/s01.html`);
          pageSteps = 99;
          return;
        case 'tab-close':
          pageGone = true;
          await current.close();
          page = null;
          return;
        case 'remove-frame':
          spoiled = true;
          await current.evaluate(() => document.getElementById('frame')?.remove());
          return;
        case 'remove-input':
          spoiled = true;
          await current.evaluate(
            (id) => document.getElementById(id)?.remove(),
            plan.path === 'input' ? 'file' : 'file2',
          );
          return;
        case 'empty-input':
          await current.evaluate(
            (id) => {
              const input = document.getElementById(id) as HTMLInputElement | null;
              if (input) input.value = '';
            },
            plan.path === 'input' ? 'file' : 'file2',
          );
          return;
        case 'another-upload': {
          const extra = makeFile(step, 'extra', plan.decision);
          offered.push({ path: extra, name: extra.split('/').pop()!, sha: sha256(extra), kind: 'extra' });
          await offer(current, plan.path, [extra]);
          return;
        }
      }
    };

    await toFront(current);
    await offer(
      current,
      plan.path,
      offered.map((o) => o.path),
    );
    if (fault?.at === 'checking') {
      // Only while a check runs; a step with nothing to check takes the fault at once.
      if (
        fault.kind.startsWith('worker-') ||
        fault.kind === 'close-host' ||
        fault.kind === 'stop-background'
      ) {
        await faults.waitUntilChecking(10_000).catch(() => undefined);
      }
      await inject('checking');
      if (!pageGone) await toFront(current);
    }

    // Answer what is asked until the step has settled.
    const deadline = Date.now() + STEP_MS;
    let settled = false;
    while (Date.now() < deadline && !pageGone) {
      const ui = await uiState(current).catch(() => null);
      if (!ui) break;
      if (ui.dialog) {
        if (fault?.at === 'asking' && !injected) {
          await inject('asking');
          if (!pageGone) await toFront(current);
          continue;
        }
        dialogs += 1;
        await current.press(plan.decision === 'timeout' ? 'Escape' : KEYS[plan.decision]);
        // The same dialog must close; a new one (a copy that failed, the next question) is answered anew.
        await current
          .waitFor(() => document.documentElement.dataset.faceguardDialog === undefined, undefined, 5000)
          .catch(() => undefined);
        continue;
      }
      const entries = (await received(current)).slice(before);
      const expected = expectations(offered, dialogs > 0, landed, reloaded, browser, false, plan);
      if (!ui.notice && !ui.progress && complete(entries, offered, expected)) {
        if (fault && !injected) {
          // No question came (nothing risky, or its check failed): the fault lands now, and what it
          // does must not change what arrived.
          await inject('after');
          if (!pageGone) await toFront(current);
          continue;
        }
        settled = true;
        break;
      }
      await pause(300);
    }

    // What arrived: on the page, or (when the page went away) on the server.
    await pause(pageGone ? 2000 : 600);
    let arrived: Array<{ name: string; sha256: string }>;
    if (pageGone) {
      arrived = server.received
        .slice(serverBefore)
        .flatMap((r) => r.files.map((f) => ({ name: f.name ?? '', sha256: f.sha256 })));
    } else {
      const entries = (await received(current)).slice(before);
      arrived = entries.flatMap((e) => e.files.map((f) => ({ name: f.name, sha256: f.sha256 })));
      if (!settled) {
        const ui = await uiState(current).catch(() => null);
        problem(
          step,
          'stuck',
          `not settled in ${STEP_MS / 1000} s (${JSON.stringify(ui)}), ${describe(plan)}`,
        );
        spoiled = true;
      }
    }
    const expected = expectations(offered, dialogs > 0, landed, reloaded, browser, pageGone, plan);
    judge(step, offered, expected, arrived, plan, problem);

    if (!pageGone && page) {
      // Nothing of ours left on screen once the toasts have had their 5 s.
      const quiet = await current
        .waitFor(
          () => {
            const d = document.documentElement.dataset;
            return !d.faceguardDialog && !d.faceguardNotice && !d.faceguardToast && !d.faceguardProgress;
          },
          undefined,
          15_000,
        )
        .then(
          () => true,
          () => false,
        );
      if (!quiet && settled) {
        problem(
          step,
          'stuck',
          `left on screen: ${JSON.stringify(await uiState(current))}, ${describe(plan)}`,
        );
        spoiled = true;
      }
      const errors = [...current.errors.splice(0), ...(await pageErrors(current).catch(() => []))];
      await current.evaluate(() => {
        (window as unknown as { __errors: string[] }).__errors.length = 0;
      });
      for (const error of errors) problem(step, 'page_errors', `${error.slice(0, 200)}, ${describe(plan)}`);
    }
    if (spoiled) pageSteps = 99;
  }

  try {
    for (let step = 1; step <= steps; step++) {
      const plan = planStep(random, options.faultRate ?? 0.3);
      if (step < (options.from ?? 1)) {
        // File names follow a running count: keep it as the long run had it.
        made += plan.files.length + (plan.fault?.kind === 'another-upload' ? 1 : 0);
        continue;
      }
      log(`step ${step}/${steps}: ${describe(plan)}`);
      try {
        await runStep(step, plan);
      } catch (error) {
        problem(step, 'stuck', `the step failed: ${String(error).slice(0, 300)}, ${describe(plan)}`);
        page = null;
        settingsPage = null;
        timeLimit = 0;
      }
      result.steps += 1;
      const browserRoot = browserPid(session.profileDir);
      const rss = mb(treeRssBytes(browserRoot));
      if (result.steps === 1) result.memory_mb.first = rss;
      result.memory_mb.max = Math.max(result.memory_mb.max, rss);
      result.memory_mb.end = rss;
      const extension = mb(extensionMemory(browserRoot).bytes);
      if (result.steps <= EARLY_STEPS)
        result.extension_mb.early = Math.max(result.extension_mb.early, extension);
      result.extension_mb.max = Math.max(result.extension_mb.max, extension);
      result.extension_mb.end = extension;
      // The counters so far, every 50 steps (what a run stopped early has to show).
      if (step % 50 === 0) log(`so far: ${JSON.stringify({ ...result, problems: result.problems.length })}`);
    }
  } finally {
    result.network = forbiddenRequests(session.network, browser).length;
    await faults.close();
    await session.close().catch(() => undefined);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

export function describe(plan: StepPlan): string {
  const fault = plan.fault ? ` fault ${plan.fault.kind} while ${plan.fault.at}` : '';
  return `${plan.path} [${plan.files.join(' ')}] ${plan.decision}${fault}`;
}

/** Per offered file, what it must come to, given what happened in the step. */
function expectations(
  offered: Offered[],
  asked: boolean,
  landed: Landed,
  reloaded: boolean,
  browser: BrowserName,
  pageGone: boolean,
  plan: StepPlan,
): Expect[] {
  // A fault that landed after everything had arrived changes nothing of it (the page, gone since,
  // had sent it all to the server).
  const during = landed !== null && landed !== 'after';
  const gone = during && (pageGone || plan.fault?.kind === 'remove-frame');
  // A fault while checking may fail one photo's check and not another's: each is then either asked
  // about and decided, or released as it is by the fail-safe rule.
  const checkFault = landed === 'checking' && !gone;
  return offered.map((o) => {
    if (o.kind !== 'frontal') {
      // Harmless, unreadable or not an image: released as it is. When the page went away mid-step
      // (or the frame with it), it may never have got there.
      return gone ? ORIGINAL_AT_MOST : ORIGINAL;
    }
    if (gone) {
      // The question went with the page: unapproved, never sent. Before it, the check had not
      // finished: the fail-safe rule released the original to the going page.
      return asked || landed === 'asking' ? NEVER : ORIGINAL_AT_MOST;
    }
    // Not asked: the check failed or timed out, and the fail-safe rule released it.
    if (!asked) return ORIGINAL;
    const decision = plan.decision;
    if (decision === 'upload') return ORIGINAL;
    // Past a 1 s time limit some checks finish and some do not: asked and cancelled, or released.
    if (decision === 'timeout') return ORIGINAL_AT_MOST;
    if (decision === 'cancel') return checkFault ? ORIGINAL_AT_MOST : NEVER;
    // A copy needs the analyzer: Chromium's orphaned script (after a reload) cannot make one, and
    // holds the photo back after asking twice.
    if (reloaded && during && browser === 'chromium') {
      return { original: checkFault, copy: true, required: false };
    }
    return checkFault ? { original: true, copy: true, required: true } : COPY;
  });
}

function countOf(o: Offered, arrived: Array<{ name: string; sha256: string }>) {
  const originals = arrived.filter((a) => a.sha256 === o.sha).length;
  const copies = arrived.filter((a) => a.name === o.name && a.sha256 !== o.sha).length;
  return { originals, copies };
}

/** Everything required has arrived. */
function complete(entries: Entry[], offered: Offered[], expected: Expect[]): boolean {
  const arrived = entries.filter((e) => e.done).flatMap((e) => e.files);
  return offered.every((o, i) => {
    const { originals, copies } = countOf(o, arrived);
    return !expected[i]!.required || originals + copies >= 1;
  });
}

function judge(
  step: number,
  offered: Offered[],
  expected: Expect[],
  arrived: Array<{ name: string; sha256: string }>,
  plan: StepPlan,
  problem: (step: number, kind: 'lost' | 'duplicated' | 'wrong', text: string) => void,
): void {
  const what = describe(plan);
  for (const [i, o] of offered.entries()) {
    const { originals, copies } = countOf(o, arrived);
    const want = expected[i]!;
    const wanted = `${want.original ? 'original' : ''}${want.original && want.copy ? ' or ' : ''}${want.copy ? 'copy' : ''}${want.required ? '' : ' or nothing'}`;
    const got = originals + copies;
    if (got > 1) problem(step, 'duplicated', `${o.name} arrived ${got} times, ${what}`);
    if (want.required && got === 0) problem(step, 'lost', `${o.name} (${wanted}) never arrived, ${what}`);
    if ((originals > 0 && !want.original) || (copies > 0 && !want.copy)) {
      problem(
        step,
        'wrong',
        `${o.name}: ${originals} original(s), ${copies} copy(ies), wanted ${wanted}, ${what}`,
      );
    }
  }
  for (const a of arrived) {
    if (!offered.some((o) => o.sha === a.sha256 || o.name === a.name)) {
      problem(step, 'wrong', `${a.name} arrived but was not offered in this step, ${what}`);
    }
  }
}
