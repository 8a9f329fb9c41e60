// Watches what the person types or pastes into text fields and rich editors, and shows the calm
// ID-number notice beside a field that holds one. Off the critical path: an event only marks its
// field; the field is read and scanned once typing has paused and the browser is idle, and only the
// fields that changed are scanned. Nothing is stored or sent but the count of numbers found.
import type { IdNotice, IdNumberUi } from '../warning/id-notice';
import { type Field, fieldOf, fieldText } from './field-text';
import { maskField, numbersIn } from './mask';

export interface IdNumberWatchOptions {
  /** Whether notices show on this page now (protected site, setting on, not quieted here). */
  active(): boolean;
  ui(): IdNumberUi;
  /** Numbers newly found on this page, counted once each (the count goes to the popup's counts). */
  found(count: number): void;
  /** "Don't warn on this site". */
  quiet(): void;
}

export interface IdNumberWatch {
  /** Listens on window, or on a shadow root whose events window does not see from inside. */
  listen(target: Window | ShadowRoot): void;
  /** Takes the notice away when notices were turned off meanwhile. */
  refresh(): void;
}

/** Typing pauses this long before a field is read. */
const SETTLE_MS = 300;
/** The scan runs when the browser is idle, or after this long at the latest. */
const IDLE_TIMEOUT_MS = 1000;
// beforeinput too: an editor that cancels it and edits its own model fires no input event; paste and
// drop for editors that insert the clipboard themselves.
const EVENTS = ['beforeinput', 'input', 'paste', 'drop', 'cut'] as const;

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(run, 0);
}

export function createIdNumberWatch(options: IdNumberWatchOptions): IdNumberWatch {
  // In this page's memory only: numbers the person chose to leave, and numbers already counted.
  const kept = new Set<string>();
  const counted = new Set<string>();
  const pending = new Set<Field>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: { field: Field; notice: IdNotice } | null = null;

  const closeFor = (field?: Field) => {
    if (!current || (field && current.field !== field)) return;
    current.notice.close();
    current = null;
  };

  const scan = (field: Field) => {
    if (!field.isConnected || !options.active()) {
      closeFor(field);
      return;
    }
    const matches = numbersIn(fieldText(field), kept);
    if (matches.length === 0) {
      closeFor(field);
      return;
    }
    const fresh = new Set(matches.map((m) => m.value).filter((value) => !counted.has(value)));
    for (const value of fresh) counted.add(value);
    if (fresh.size > 0) options.found(fresh.size);

    const content = { kinds: matches.map((m) => m.kind), masked: matches.map((m) => m.masked) };
    if (current?.field === field && current.notice.isOpen()) {
      current.notice.update(content);
      return;
    }
    closeFor();
    current = {
      field,
      notice: options.ui().idNumbers(field, content, {
        mask: () => maskField(field, kept),
        leave: () => {
          for (const match of numbersIn(fieldText(field), kept)) kept.add(match.value);
        },
        quiet: () => options.quiet(),
      }),
    };
  };

  const run = () => {
    const fields = [...pending];
    pending.clear();
    for (const field of fields) scan(field);
  };

  const onEvent = (event: Event) => {
    if (!options.active()) return;
    const field = fieldOf(event);
    if (!field) return;
    pending.add(field);
    clearTimeout(timer);
    timer = setTimeout(() => whenIdle(run), SETTLE_MS);
  };

  return {
    listen(target) {
      for (const type of EVENTS) target.addEventListener(type, onEvent, { capture: true, passive: true });
    },
    refresh() {
      if (!options.active()) closeFor();
    },
  };
}
