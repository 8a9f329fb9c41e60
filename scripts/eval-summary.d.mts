export interface EvalRow {
  label?: string | null;
  class?: string | null;
  risk: string;
  reasons: string[];
  ms?: number;
  error?: string;
}
export function isArt(row: EvalRow): boolean;
export function isPhoto(row: EvalRow): boolean;
export function summarize(rows: EvalRow[]): Record<string, number>;
export function misses<R extends EvalRow>(rows: R[]): R[];
