// One held upload, whatever its path (file input, drop, paste, or a MAIN-world hook): the original
// files and how to hand the outcome to the site. Each path has its own module that builds one.
import type { Outcome } from '../core/held-files';
import type { DropPoint } from '../core/page-channel';
import type { StringData } from './transfer-data';

export type UploadSource = 'input' | 'drop' | 'paste' | 'picker' | 'clipboard';

export interface Delivery {
  source: UploadSource;
  /** The files as the person chose them, in order. */
  files: File[];
  /** The receiving input's accept attribute ('' when anything goes). */
  accept: string;
  /**
   * Delivers the outcome (one per file). Called exactly once; all 'drop' means cancel. Returns a
   * promise when the page gets what was released only later (Firefox's replays), settled once it has.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: most deliveries hand over at once and return nothing.
  settle(outcomes: Outcome<File>[]): void | Promise<unknown>;
  /** How the same delivery is made again elsewhere (see held-stash.ts); absent for page-world holds. */
  resume?: Resume;
  /** Firefox, drops and pastes: the name of the replay that will deliver it (page-port.ts). */
  replayId?: string;
  /** Told which files the person is being asked about (the page world holds them back if the gate dies). */
  asking?(indexes: number[]): void;
}

/** Enough to make a held input, drop or paste delivery again, from another instance of this script. */
export interface Resume {
  /** Where it goes: the input, the drop target, the element pasted into. */
  target: EventTarget;
  /** The files as held (for a paste, without the images embedded in its HTML: those come from it again). */
  files: File[];
  strings: StringData;
  point: DropPoint;
}

export const NO_POINT: DropPoint = { clientX: 0, clientY: 0, screenX: 0, screenY: 0 };

/** A FileList holding exactly these files (the only way to make one is through a DataTransfer). */
export function fileList(files: readonly File[]): FileList {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  return transfer.files;
}
