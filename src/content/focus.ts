// Our dialog takes focus; a replayed paste or drop must land where the person left the caret
// (upload-patterns §4.5). Saved at capture, restored just before the replay.
export interface SavedFocus {
  restore(): void;
}

export function saveFocus(): SavedFocus {
  const active = deepActiveElement();
  const field = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active : null;
  const start = field?.selectionStart ?? null;
  const end = field?.selectionEnd ?? null;
  const selection = document.getSelection();
  const ranges = selection
    ? Array.from({ length: selection.rangeCount }, (_, i) => selection.getRangeAt(i))
    : [];
  return {
    restore() {
      if (active instanceof HTMLElement && active.isConnected) active.focus({ preventScroll: true });
      if (field && start !== null && end !== null) {
        field.setSelectionRange(start, end);
      } else if (selection && ranges.length > 0) {
        selection.removeAllRanges();
        for (const range of ranges) selection.addRange(range);
      }
    },
  };
}

function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
