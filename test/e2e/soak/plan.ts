// The soak's random plan, reproducible from its seed: each step offers a few files on one upload
// path, answers the warnings one way, and may inject one fault at one moment. Pure (no browser).
import { PATHS, type UploadPath } from '../faults/faults-page';

export type FileKind = 'frontal' | 'noface' | 'corrupt' | 'huge' | 'nonimage' | 'gps';
/** How the person answers: a key in the dialog, or a time-out (the check's time limit set to 1 s). */
export type Decision = 'upload' | 'cancel' | 'blur' | 'strip' | 'timeout';
export type Fault =
  | 'reload'
  | 'stop-background'
  | 'close-host'
  | 'worker-terminate'
  | 'worker-crash'
  | 'tab-reload'
  | 'tab-navigate'
  | 'tab-close'
  | 'remove-frame'
  | 'remove-input'
  | 'empty-input'
  | 'another-upload';
/** When the fault lands: while the files are checked, or while the dialog asks. */
export type Moment = 'checking' | 'asking';

export interface StepPlan {
  path: UploadPath;
  files: FileKind[];
  decision: Decision;
  fault: { kind: Fault; at: Moment } | null;
}

/** Weighted so most steps carry a face the dialog asks about. */
const KINDS: FileKind[] = [
  'frontal',
  'frontal',
  'frontal',
  'noface',
  'noface',
  'corrupt',
  'huge',
  'nonimage',
  'gps',
];
const DECISIONS: Decision[] = ['upload', 'cancel', 'blur', 'strip', 'timeout'];
const FAULTS: Fault[] = [
  'reload',
  'stop-background',
  'close-host',
  'worker-terminate',
  'worker-crash',
  'tab-reload',
  'tab-navigate',
  'tab-close',
  'remove-frame',
  'remove-input',
  'empty-input',
  'another-upload',
];
/** Paths whose files go through the driver's file chooser (a path, not bytes through an evaluation). */
const BY_CHOOSER: readonly UploadPath[] = ['input', 'input2', 'detached', 'shadow', 'declarative', 'frame'];
const ON_INPUT: readonly UploadPath[] = ['input', 'input2'];

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Faults that fit this step (a frame to remove only on the frame path, and so on). */
function faultsFor(path: UploadPath): Fault[] {
  return FAULTS.filter((fault) => {
    if (fault === 'remove-frame') return path === 'frame';
    if (fault === 'remove-input' || fault === 'empty-input' || fault === 'another-upload') {
      return ON_INPUT.includes(path);
    }
    return true;
  });
}

export function planStep(random: () => number, faultRate: number): StepPlan {
  const path = pick(random, PATHS);
  const count = 1 + Math.floor(random() * 3);
  const files: FileKind[] = [];
  for (let i = 0; i < count; i++) {
    let kind = pick(random, KINDS);
    // A huge file travels as a path (drops and pastes are made from bytes in the page), one a step.
    if (kind === 'huge' && (!BY_CHOOSER.includes(path) || files.includes('huge'))) kind = 'noface';
    files.push(kind);
  }
  const decision = pick(random, DECISIONS);
  // A time-out needs a check that takes longer than the 1 s limit.
  if (decision === 'timeout' && BY_CHOOSER.includes(path) && !files.includes('huge')) files.push('huge');
  let fault: StepPlan['fault'] = null;
  if (random() < faultRate) {
    const kind = pick(random, faultsFor(path));
    // A worker can only be ended while it checks; only a face is asked about.
    const asks = files.includes('frontal') && !kind.startsWith('worker-');
    const at: Moment = asks && random() < 0.5 ? 'asking' : 'checking';
    fault = { kind, at };
  }
  return { path, files, decision, fault };
}
