// The warning's styles, inside its shadow root (the site's CSS cannot reach in; ours cannot leak out).
// Palette as src/ui/common.css. Kept as a string module so the content script needs no CSS loader.
export const WARNING_CSS = `
:host {
  all: initial;
}
.layer {
  --fg: #1f2328;
  --fg-muted: #59636e;
  --bg: #ffffff;
  --surface: #f3f6f6;
  --border: #d5dede;
  --accent: #0b6f66;
  --accent-fg: #ffffff;
  --warn: #8a5c00;
  --warn-bg: #fff4d6;
  --danger: #b3261e;
  --danger-bg: #fde7e5;
  --face: #ffd60a;
  --shadow: 0 12px 40px rgba(15, 23, 30, 0.28), 0 2px 8px rgba(15, 23, 30, 0.16);
  color-scheme: light;
  font-family:
    system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC",
    "Microsoft YaHei", "Source Han Sans SC", sans-serif;
  font-size: 14px;
  line-height: 1.5;
  color: var(--fg);
  text-align: start;
  /* Inherited from the page through the host otherwise. */
  font-style: normal;
  font-weight: 400;
  letter-spacing: normal;
  word-spacing: normal;
  text-transform: none;
  text-indent: 0;
  text-shadow: none;
  white-space: normal;
  cursor: auto;
  visibility: visible;
  -webkit-font-smoothing: antialiased;
}
[lang="zh-TW"] {
  font-family:
    system-ui, -apple-system, "Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei",
    "Source Han Sans TC", sans-serif;
}
@media (prefers-color-scheme: dark) {
  .layer {
    --fg: #e6edf3;
    --fg-muted: #a3afbb;
    --bg: #1c2126;
    --surface: #262d33;
    --border: #3d4852;
    --accent: #4fd1c1;
    --accent-fg: #062a26;
    --warn: #f0c050;
    --warn-bg: #3a2f12;
    --danger: #ff8a80;
    --danger-bg: #47201e;
    --shadow: 0 12px 40px rgba(0, 0, 0, 0.6), 0 2px 8px rgba(0, 0, 0, 0.4);
    color-scheme: dark;
  }
}
*, *::before, *::after {
  box-sizing: border-box;
}
[hidden] {
  display: none !important;
}
.backdrop {
  position: fixed;
  inset: 0;
  display: flex;
  align-items: center;
  justify-content: center;
  padding: 16px;
  background: rgba(15, 23, 30, 0.45);
  /* The shell is a native <dialog>: undo the browser's dialog box. */
  width: auto;
  height: auto;
  max-width: none;
  max-height: none;
  margin: 0;
  border: 0;
  color: inherit;
  overflow: visible;
}
.backdrop::backdrop, .notice::backdrop {
  background: transparent;
}
.dialog.many {
  width: min(680px, 100%);
}
.dialog {
  position: relative;
  display: flex;
  flex-direction: column;
  width: min(600px, 100%);
  max-height: calc(100vh - 32px);
  /* Phones: the height left by the browser's own bars. */
  max-height: calc(100dvh - 32px);
  background: var(--bg);
  color: var(--fg);
  border: 1px solid var(--border);
  border-radius: 14px;
  box-shadow: var(--shadow);
  outline: none;
}
.scroll {
  overflow: auto;
  overscroll-behavior: contain;
  padding: 20px 22px 8px;
}
.brand {
  display: flex;
  align-items: center;
  gap: 6px;
  margin: 0 0 8px;
  color: var(--accent);
  font-size: 12px;
  font-weight: 600;
  letter-spacing: 0.02em;
}
.brand svg {
  width: 16px;
  height: 16px;
  flex: none;
}
h2 {
  margin: 0 0 6px;
  font-size: 19px;
  line-height: 1.3;
  font-weight: 650;
}
.intro {
  margin: 0 0 14px;
  color: var(--fg-muted);
}
.images {
  display: grid;
  gap: 10px;
  margin: 0;
  padding: 0;
  list-style: none;
}
.image {
  display: flex;
  gap: 14px;
  padding: 12px;
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 10px;
}
.thumb-col {
  flex: none;
  display: flex;
  flex-direction: column;
  gap: 6px;
}
.thumb {
  position: relative;
  overflow: hidden;
  border-radius: 6px;
  background: var(--border);
}
.thumb img, .thumb canvas {
  display: block;
  width: 100%;
  height: 100%;
  object-fit: fill;
}
.face {
  all: unset;
  position: absolute;
  box-sizing: border-box;
  border: 2px solid var(--face);
  border-radius: 4px;
  box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.65), inset 0 0 0 1px rgba(0, 0, 0, 0.65);
  cursor: pointer;
}
.face[aria-pressed="true"] {
  background: rgba(255, 214, 10, 0.18);
}
.face[aria-pressed="false"] {
  border-style: dashed;
  border-color: #ffffff;
  opacity: 0.85;
}
.face[aria-pressed="false"]::after {
  content: "";
  position: absolute;
  inset: 50% 15% auto;
  border-top: 2px solid #ffffff;
  transform: rotate(-35deg);
  box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.6);
}
.face:focus-visible {
  outline: 3px solid var(--accent);
  outline-offset: 1px;
}
.doc-area {
  position: absolute;
  box-sizing: border-box;
  border: 2px solid var(--face);
  border-radius: 3px;
  background: rgba(255, 214, 10, 0.28);
  box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.65);
  pointer-events: none;
}
.face-count {
  max-width: 100%;
  margin: 0;
  color: var(--fg-muted);
  font-size: 12px;
  line-height: 1.35;
}
.details {
  flex: 1;
  min-width: 0;
}
.name {
  margin: 0 0 4px;
  font-weight: 600;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}
.level {
  display: inline-block;
  margin: 0 0 6px;
  padding: 1px 8px;
  border-radius: 999px;
  font-size: 12px;
  font-weight: 600;
}
.level-high {
  color: var(--danger);
  background: var(--danger-bg);
}
.level-medium, .level-metadata {
  color: var(--warn);
  background: var(--warn-bg);
}
.reasons, .meta {
  margin: 0 0 6px;
  padding: 0 0 0 18px;
}
.reasons li, .meta li {
  margin: 0 0 2px;
}
.meta-intro {
  margin: 6px 0 2px;
  color: var(--fg-muted);
  font-size: 13px;
}
.meta {
  font-size: 13px;
}
fieldset.choice {
  margin: 8px 0 0;
  padding: 0;
  border: 0;
  min-width: 0;
}
fieldset.choice legend {
  padding: 0;
  margin: 0 0 4px;
  font-size: 12px;
  color: var(--fg-muted);
}
.choice-options {
  display: flex;
  flex-wrap: wrap;
  gap: 4px 6px;
}
.choice label {
  display: inline-flex;
  align-items: center;
  gap: 4px;
  padding: 2px 8px 2px 4px;
  border: 1px solid var(--border);
  border-radius: 999px;
  background: var(--bg);
  font-size: 13px;
  cursor: pointer;
}
.choice label:has(input:checked) {
  border-color: var(--accent);
  box-shadow: inset 0 0 0 1px var(--accent);
}
.choice input {
  margin: 0;
  accent-color: var(--accent);
}
.choice input:focus-visible {
  outline: 2px solid var(--accent);
  outline-offset: 2px;
}
.footer {
  padding: 12px 22px 18px;
  border-top: 1px solid var(--border);
}
.same-label {
  margin: 14px 0 6px;
  font-size: 12px;
  color: var(--fg-muted);
}
.actions {
  display: flex;
  flex-wrap: wrap;
  gap: 8px;
}
.actions.compact button.btn {
  min-height: 30px;
  padding: 3px 10px;
  font-size: 13px;
}
button.btn {
  all: unset;
  box-sizing: border-box;
  display: inline-flex;
  align-items: center;
  gap: 8px;
  min-height: 36px;
  padding: 6px 12px;
  border: 1px solid var(--border);
  border-radius: 8px;
  background: var(--bg);
  color: var(--fg);
  font: inherit;
  font-weight: 550;
  line-height: 1.3;
  cursor: pointer;
}
button.btn:hover {
  background: var(--surface);
}
button.btn.primary {
  background: var(--accent);
  border-color: var(--accent);
  color: var(--accent-fg);
}
button.btn.primary:hover {
  filter: brightness(1.08);
}
button.btn:focus-visible, button.link:focus-visible, .check input:focus-visible {
  outline: 3px solid var(--accent);
  outline-offset: 2px;
}
button.btn.primary:focus-visible {
  outline-color: var(--fg);
}
kbd {
  display: inline-block;
  min-width: 1.5em;
  padding: 0 4px;
  border: 1px solid currentColor;
  border-radius: 4px;
  font: 600 11px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  text-align: center;
  opacity: 0.7;
}
.bottom {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: space-between;
  gap: 6px 16px;
  margin-top: 12px;
  font-size: 13px;
}
.check {
  display: inline-flex;
  align-items: center;
  gap: 6px;
  cursor: pointer;
}
.check input {
  margin: 0;
  accent-color: var(--accent);
}
.hint {
  color: var(--fg-muted);
  font-size: 12px;
}
button.link {
  all: unset;
  color: var(--accent);
  text-decoration: underline;
  text-underline-offset: 2px;
  cursor: pointer;
  font: inherit;
  border-radius: 2px;
}
/* The notice: small, in a corner, leaves the page usable. */
.notice {
  position: fixed;
  /* A native <dialog>: placed by us, not centred by the browser. */
  inset: auto 16px 16px auto;
  margin: 0;
  height: auto;
  max-width: none;
  color: var(--fg);
  /* % of the viewport without its scroll bar (100vw would include it and push the notice off-centre). */
  width: min(420px, calc(100% - 32px));
  max-height: calc(100vh - 32px);
  max-height: calc(100dvh - 32px);
  overflow: auto;
  padding: 14px 16px;
  background: var(--bg);
  border: 1px solid var(--border);
  border-left: 4px solid var(--warn);
  border-radius: 12px;
  box-shadow: var(--shadow);
}
.notice h2 {
  font-size: 15px;
  margin-bottom: 4px;
}
.notice .image {
  gap: 10px;
  padding: 8px;
  margin: 0 0 8px;
}
.notice .reasons, .notice .meta {
  font-size: 13px;
}
.notice .actions {
  gap: 6px;
}
.notice button.btn {
  min-height: 32px;
  padding: 4px 10px;
  font-size: 13px;
}
.countdown {
  display: flex;
  align-items: center;
  gap: 8px;
  margin: 8px 0 0;
  font-size: 12px;
  color: var(--fg-muted);
}
.bar {
  flex: 1;
  height: 4px;
  border-radius: 2px;
  background: var(--border);
  overflow: hidden;
}
.bar span {
  display: block;
  height: 100%;
  background: var(--warn);
}
/* The toast. */
.toasts {
  position: fixed;
  left: 50%;
  bottom: 24px;
  transform: translateX(-50%);
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 8px;
  width: max-content;
  max-width: calc(100% - 32px);
  pointer-events: none;
}
/* Filled a moment after insertion (for the live region): no empty pill meanwhile. */
.toast:empty {
  visibility: hidden;
}
.toast {
  padding: 8px 14px;
  border-radius: 8px;
  background: var(--fg);
  color: var(--bg);
  box-shadow: var(--shadow);
  font-size: 13px;
}
.sr-only {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
}
/* Phones (Firefox for Android, 360-412 px): the whole width, one action a row, touch-sized targets, no
   keyboard hints (there is no keyboard to press them with). */
@media (max-width: 480px) {
  .image {
    flex-direction: column;
  }
  .backdrop {
    padding: 8px;
  }
  .dialog {
    max-height: calc(100vh - 16px);
    max-height: calc(100dvh - 16px);
  }
  .scroll {
    padding: 16px 16px 8px;
  }
  .footer {
    padding: 10px 16px 12px;
  }
  .dialog .actions {
    flex-direction: column;
    align-items: stretch;
  }
  /* "The same for all photos" and the notice's actions: two a row, so the photos keep some room and
     the notice leaves some of the page in sight. */
  .dialog .actions.compact,
  .notice .actions {
    display: grid;
    grid-template-columns: 1fr 1fr;
  }
  button.btn,
  .actions.compact button.btn,
  .notice button.btn {
    min-height: 44px;
    justify-content: center;
    text-align: center;
  }
  kbd {
    display: none;
  }
  button.link {
    padding: 10px 0;
  }
  .bottom {
    margin-top: 6px;
  }
  .notice {
    inset: auto 8px 8px 8px;
    width: auto;
    max-height: calc(100vh - 16px);
    max-height: calc(100dvh - 16px);
  }
}
@media (prefers-reduced-motion: no-preference) {
  .dialog, .notice {
    animation: fg-in 140ms ease-out;
  }
  @keyframes fg-in {
    from {
      opacity: 0;
      transform: translateY(6px);
    }
  }
}
/* The ID-number notice: beside the field it is about, small, never in the way of typing. */
.idnotice {
  position: fixed;
  left: 8px;
  top: 8px;
  width: min(380px, calc(100vw - 16px));
  max-height: calc(100vh - 16px);
  overflow: auto;
  padding: 12px 14px;
  background: var(--bg);
  color: var(--fg);
  border: 1px solid var(--border);
  border-left: 4px solid var(--warn);
  border-radius: 12px;
  box-shadow: var(--shadow);
}
.idnotice[data-offscreen] {
  visibility: hidden;
}
.idnotice h2 {
  font-size: 15px;
  margin-bottom: 4px;
}
.idnotice .intro {
  margin-bottom: 6px;
  font-size: 13px;
}
.idn-masked {
  margin: 0 0 10px;
  font-size: 13px;
  color: var(--fg-muted);
}
.idn-value {
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace;
  color: var(--fg);
  overflow-wrap: anywhere;
}
.idnotice .actions {
  gap: 6px;
}
.idnotice button.btn {
  min-height: 32px;
  padding: 4px 12px;
  font-size: 13px;
}
.idn-failed {
  margin: 8px 0 0;
  color: var(--danger);
  font-size: 13px;
}
.idnotice .bottom {
  margin-top: 10px;
  font-size: 12px;
}
@media (prefers-reduced-motion: no-preference) {
  .idnotice {
    animation: fg-in 140ms ease-out;
  }
}
`;
