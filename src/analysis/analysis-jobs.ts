// What the analysis worker does for one job: a check (Verdict) or a safer copy. Bytes arrive and
// leave as transferred buffers; nothing is kept after the reply.
import type { CopyKind } from '../core/protocol';
import type { BlurStyle } from '../core/settings';
import type { Box, Sensitivity, Verdict } from '../core/verdict';
import type { ModelOptions } from './analyze-pixels';
import { checkImage } from './check-image';
import { coverFacesCopy, SaferCopyError, type SaferCopyFailure, stripMetadata } from './safer-copy';

export type AnalysisJob =
  | { type: 'check-image'; bytes: Uint8Array; mime: string; sensitivity: Sensitivity }
  | {
      type: 'make-copy';
      bytes: Uint8Array;
      mime: string;
      name: string;
      kind: CopyKind;
      boxes: Box[];
      /** Covered exactly, without a face's margins (a document's portrait and number lines). */
      areas: Box[];
      style: BlurStyle;
    };

export type CopyOutcome = { bytes: Uint8Array; type: string; name: string } | { error: SaferCopyFailure };

export interface JobResults {
  'check-image': Verdict;
  'make-copy': CopyOutcome;
}

export async function runJob(job: AnalysisJob, models: ModelOptions): Promise<Verdict | CopyOutcome> {
  if (job.type === 'check-image') return checkImage(job.bytes, job.mime, job.sensitivity, models);
  try {
    const copy =
      job.kind === 'strip'
        ? await stripMetadata(job.bytes, job.mime, job.name)
        : await coverFacesCopy(job.bytes, job.mime, job.name, job.boxes, job.style, {}, job.areas);
    return { bytes: copy.bytes, type: copy.type, name: copy.name };
  } catch (error) {
    if (error instanceof SaferCopyError) return { error: error.reason };
    throw error;
  }
}
