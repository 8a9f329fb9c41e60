// One held upload, whatever its path (file input, drop, paste, or a MAIN-world hook): the original
// files and how to hand the outcome to the site. Each path has its own module that builds one.
import type { Outcome } from '../core/held-files';

export type UploadSource = 'input' | 'drop' | 'paste' | 'picker' | 'clipboard';

export interface Delivery {
  source: UploadSource;
  /** The files as the person chose them, in order. */
  files: File[];
  /** The receiving input's accept attribute ('' when anything goes). */
  accept: string;
  /** Delivers the outcome (one per file). Called exactly once; all 'drop' means cancel. */
  settle(outcomes: Outcome<File>[]): void;
}

/** A FileList holding exactly these files (the only way to make one is through a DataTransfer). */
export function fileList(files: readonly File[]): FileList {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  return transfer.files;
}
