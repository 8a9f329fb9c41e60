export interface EvalRow {
  label?: string | null;
  class?: string | null;
  risk: string;
  reasons: string[];
  /** The kind of identity document found, or null; absent where the run has no document step. */
  document?: string | null;
  ms?: number;
  error?: string;
}
export function isArt(row: EvalRow): boolean;
export function isPhoto(row: EvalRow): boolean;
/** The figures; the document ones are null where no row speaks to them. */
export function summarize(rows: EvalRow[]): Record<string, number | null>;
export function misses<R extends EvalRow>(rows: R[]): R[];
