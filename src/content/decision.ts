// The contract between the upload gate (which holds files and delivers them) and the warning UI
// (which asks the person). The gate calls `ask` only for images whose verdict needs the person;
// harmless images never reach the UI.
import type { Verdict } from '../core/verdict';

export interface HeldImage {
  /** Unique per held image within this page. */
  id: string;
  file: File;
  verdict: Verdict;
}

export type ImageAction = 'upload' | 'cancel' | 'blur' | 'strip';

export interface ImageDecision {
  id: string;
  action: ImageAction;
  /** For 'blur': indexes into verdict.faces the person left ticked (default: all). */
  faces?: number[];
}

export interface AskContext {
  /** The site key (built-in id or host) for "Don't warn on this site". */
  siteKey: string;
  siteLabel: string;
}

export interface WarningUi {
  /**
   * Blocking dialog for high risk: resolves once the person has chosen for every image. When `signal`
   * aborts (the upload's page or frame went away), the dialog closes and resolves with no decisions.
   */
  ask(
    images: HeldImage[],
    context: AskContext,
    signal?: AbortSignal,
  ): Promise<{ decisions: ImageDecision[]; disableSite: boolean }>;
  /**
   * Non-blocking notice for medium risk or metadata-only findings (upload continues meanwhile
   * unless the person acts): resolves with a decision if they click an action, or 'upload' on
   * dismiss/timeout; with no decisions when `signal` aborts.
   */
  notice(
    images: HeldImage[],
    context: AskContext,
    signal?: AbortSignal,
  ): Promise<{ decisions: ImageDecision[]; disableSite: boolean }>;
  /** A small transient message, e.g. "could not check this photo". */
  toast(messageKey: string, values?: string[]): void;
  /**
   * A status line while photos are being checked ("12 of 40 done"), until closed. It appears only if
   * still open after a second (a big batch, a cold start): quick checks show nothing, so harmless
   * photos go through with no visible UI.
   */
  progress(total: number): Progress;
}

export interface Progress {
  update(done: number): void;
  close(): void;
}
