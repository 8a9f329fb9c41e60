// The warning at upload time: a blocking dialog for high risk (ask), a small notice with a countdown
// for medium risk and metadata-only findings (notice), short messages (toast), and the notice beside a
// text field that holds an identity number (idNumbers, id-notice.ts). Everything lives in
// a closed shadow root on a host appended to <html>, so the site's CSS and scripts cannot reach it; the
// host is put back if the site removes it while something is shown.
//
// Keyboard contract (relied on by the gate's e2e tests): while the dialog is open <html> carries
// data-faceguard-dialog="open"; focus starts inside and is trapped; Escape cancels every image;
// b = upload with faces covered or blurred (the chosen style), m = upload without location/camera data, u = upload anyway, each for
// all images; Enter/Space activate the focused button. The notice sets data-faceguard-notice="open".
import { type Language, languageTag, resolveLanguage, type Translate, translator } from '../../core/i18n';
import { DEFAULT_SETTINGS } from '../../core/settings';
import type { AskContext, HeldImage, ImageAction, ImageDecision, Progress, WarningUi } from '../decision';
import { type IdNotice, type IdNumberUi, showIdNotice } from './id-notice';
import { HOST_TAG } from './leftovers';
import {
  anyDocument,
  Choices,
  COVER_WORDS,
  type CoverWords,
  documentCoverWords,
  isDocumentOffer,
  levelOf,
  secondsLeft,
  shortcutFor,
} from './model';
import { currentCoverStyle, currentLanguage, openLearnPage } from './platform';
import { WARNING_CSS } from './styles';
import { brand, button, h, imageCard, tabbables, uid } from './view';

export interface WarningUiOptions {
  /**
   * Preview and test builds only: receives the shadow root, which is otherwise unreachable. The
   * shipped content script never passes it.
   */
  testHandle?: (root: ShadowRoot) => void;
  /** Preview builds only: an open shadow root, so axe-core can scan it. */
  openShadowRoot?: boolean;
  /** Fixed language instead of the setting (preview). */
  language?: Language;
  /** The notice's countdown (default 8 s). */
  noticeSeconds?: number;
  /** How long a toast stays (default 5 s). */
  toastSeconds?: number;
}

type Result = { decisions: ImageDecision[]; disableSite: boolean };

/** How often the dialog comes back on top of what a site keeps covering it with. */
const MAX_RAISES = 20;
/** Cards built with the dialog; the rest follow CARDS_PER_TASK to a task. Built at once, twenty cards and
 * the dialog's first layout were one 56-154 ms task on the page (Chrome traces of a 20-photo batch). */
const FIRST_CARDS = 6;
const CARDS_PER_TASK = 4;
/** Checking that takes longer than this says what is going on (see WarningUi.progress). */
const PROGRESS_AFTER_MS = 1000;
// Inline and important so no page rule can hide or move the host. Text properties are not set here
// (important inline spacing would stop people's own spacing styles): .layer resets those inside.
const HOST_STYLE: Record<string, string> = {
  display: 'block',
  position: 'fixed',
  top: '0',
  left: '0',
  width: '0',
  height: '0',
  overflow: 'visible',
  'z-index': '2147483647',
  contain: 'none',
  visibility: 'visible',
  opacity: '1',
  transform: 'none',
  filter: 'none',
  'pointer-events': 'auto',
};

/** The shadow host, attached only while something is shown. */
class Host {
  readonly el: HTMLElement;
  readonly root: ShadowRoot;
  readonly layer: HTMLElement;
  private users = 0;
  private observer: MutationObserver | null = null;
  private reattached = 0;
  /** Called after the host was put back (focus inside it was lost when the site removed it). */
  readonly onReattach = new Set<() => void>();

  constructor(options: WarningUiOptions) {
    this.el = document.createElement(HOST_TAG);
    for (const [name, value] of Object.entries(HOST_STYLE))
      this.el.style.setProperty(name, value, 'important');
    this.root = this.el.attachShadow({ mode: options.openShadowRoot ? 'open' : 'closed' });
    this.adoptStyles();
    this.layer = h('div', { class: 'layer' });
    this.root.append(this.layer);
    options.testHandle?.(this.root);
  }

  private adoptStyles(): void {
    try {
      // Constructed sheets are not subject to the page's style-src CSP.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(WARNING_CSS);
      this.root.adoptedStyleSheets = [sheet];
    } catch {
      // Firefox content scripts cannot adopt a sheet made in their own compartment.
      this.root.append(h('style', {}, WARNING_CSS));
    }
  }

  /** Marks one more thing shown; attaches the host and starts guarding it. */
  acquire(): void {
    this.users += 1;
    this.attach();
    if (this.observer) return;
    this.reattached = 0;
    this.observer = new MutationObserver(() => {
      // A site that keeps removing us is not fought forever.
      if (!this.el.isConnected && this.reattached < 100) {
        this.reattached += 1;
        this.attach();
        for (const callback of this.onReattach) callback();
      }
    });
    this.observer.observe(document.documentElement, { childList: true });
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users > 0) return;
    this.observer?.disconnect();
    this.observer = null;
    this.el.remove();
  }

  private attach(): void {
    if (
      this.el.parentNode !== document.documentElement ||
      this.el !== document.documentElement.lastElementChild
    ) {
      // Last child of <html>: later in the tab order than the page and on top among equal z-indexes.
      document.documentElement.append(this.el);
    }
  }
}

/** The setting's language, or the browser's when settings cannot be read. */
async function languageFor(options: WarningUiOptions): Promise<Language> {
  if (options.language) return options.language;
  try {
    return await currentLanguage();
  } catch {
    return resolveLanguage('browser', navigator.language);
  }
}

/** The words for what the copy does to faces, for the cover style in settings. */
async function coverWords(): Promise<CoverWords> {
  try {
    return COVER_WORDS[await currentCoverStyle()];
  } catch {
    return COVER_WORDS[DEFAULT_SETTINGS.blurStyle];
  }
}

/** Stops keys pressed inside our UI from reaching the site's own shortcuts. */
function isolateKeys(el: HTMLElement): void {
  for (const type of ['keydown', 'keyup', 'keypress'] as const) {
    el.addEventListener(type, (event) => event.stopPropagation());
  }
}

function disableSiteBox(t: Translate, context: AskContext): { el: HTMLElement; input: HTMLInputElement } {
  const hintId = uid('hint');
  const input = h('input', { type: 'checkbox', 'aria-describedby': hintId, 'data-disable-site': true });
  const el = h(
    'div',
    {},
    h('label', { class: 'check' }, input, t('warn_disable_site', [context.siteLabel || context.siteKey])),
    h('div', { class: 'hint', id: hintId }, t('warn_disable_site_hint')),
  );
  return { el, input };
}

function learnLink(t: Translate): HTMLButtonElement {
  const link = h('button', { type: 'button', class: 'link', 'data-learn': true }, t('warn_learn'));
  link.addEventListener('click', () => openLearnPage());
  return link;
}

function anyOffers(choices: Choices, action: ImageAction): boolean {
  return choices.items.some((item) => item.offered.includes(action));
}

function titleFor(t: Translate, images: readonly HeldImage[]): string {
  if (images.length > 1) return t('warn_title_many', [String(images.length)]);
  if (images[0]!.verdict.document) return t('warn_title_document');
  switch (levelOf(images[0]!.verdict)) {
    case 'high':
      return t('warn_title_high');
    case 'medium':
      return t('warn_title_medium');
    default:
      return t('warn_title_metadata');
  }
}

function introFor(t: Translate, images: readonly HeldImage[]): string {
  if (anyDocument(images)) return t('warn_intro_document');
  const faces = images.some((i) => i.verdict.faces.length > 0 && levelOf(i.verdict) !== 'metadata');
  return faces ? t('warn_intro_face') : t('warn_intro_metadata');
}

const SHORTCUTS = {
  blur: ['b', 'B'],
  strip: ['m', 'M'],
  upload: ['u', 'U'],
  cancel: ['Escape', 'Esc'],
} as const;

/** The action buttons "for all" (or for the one image) with their keys. */
function actionButtons(
  t: Translate,
  words: CoverWords,
  images: readonly HeldImage[],
  choices: Choices,
  many: boolean,
  finish: (action: ImageAction) => void,
  notice = false,
): HTMLButtonElement[] {
  const buttons: HTMLButtonElement[] = [];
  const add = (action: ImageAction, label: string, primary = false) => {
    const [key, shown] = SHORTCUTS[action];
    // In the notice Escape dismisses (uploads as is) and the keys work only once focus is inside.
    let shortcut: string | undefined = key;
    if (notice && action === 'cancel') shortcut = undefined;
    if (notice && action === 'upload') shortcut = 'u Escape';
    const el = button(label, { primary, shortcut, shortcutLabel: notice ? undefined : shown, action });
    el.addEventListener('click', () => finish(action));
    buttons.push(el);
  };
  // With an identity document, cancelling comes first and is the primary action.
  const hasDocument = choices.items.some((item) => isDocumentOffer(item.offered));
  if (hasDocument) add('cancel', many ? t('warn_all_cancel') : t('warn_action_cancel'), !many);
  if (anyOffers(choices, 'blur')) {
    const label = hasDocument
      ? many
        ? t('warn_all_cover_document')
        : t(documentCoverWords(images[0]!.verdict).action)
      : many
        ? t(words.all)
        : t(words.action);
    add('blur', label, !many && !hasDocument);
  }
  if (anyOffers(choices, 'strip')) add('strip', many ? t('warn_all_strip') : t('warn_action_strip'));
  add('upload', many ? t('warn_all_upload') : t('warn_action_upload'));
  if (!hasDocument) add('cancel', many ? t('warn_all_cancel') : t('warn_action_cancel'));
  return buttons;
}

const NO_ANSWER: Result = { decisions: [], disableSite: false };

/** The blocking dialog. */
function showDialog(
  host: Host,
  images: HeldImage[],
  context: AskContext,
  language: Language,
  words: CoverWords,
  signal?: AbortSignal,
): Promise<Result> {
  const t = translator(language);
  const many = images.length > 1;
  const choices = new Choices(images);
  const urls: string[] = [];
  const titleId = uid('title');
  const descId = uid('desc');
  const previousFocus = document.activeElement;

  return new Promise<Result>((resolve) => {
    let done = false;
    const site = disableSiteBox(t, context);

    /** Closes the dialog with the person's choice, or with no answer when the upload went away. */
    const finish = (action: ImageAction | 'chosen' | 'gone') => {
      if (done) return;
      // Something of the site's covers the dialog (its own modal dialog or popover, opened later, sits
      // above ours in the top layer): the person cannot see what they would be answering, so the key or
      // click does not count. The dialog comes back on top instead.
      if (action !== 'gone' && coveredAtCentre(dialog, host.el)) {
        raise();
        return;
      }
      done = true;
      signal?.removeEventListener('abort', gone);
      if (action !== 'chosen' && action !== 'gone') choices.setAll(action);
      const result =
        action === 'gone' ? NO_ANSWER : { decisions: choices.decisions(), disableSite: site.input.checked };
      backdrop.close();
      backdrop.remove();
      document.removeEventListener('focusin', keepFocus, true);
      host.onReattach.delete(refocus);
      for (const url of urls) URL.revokeObjectURL(url);
      delete document.documentElement.dataset.faceguardDialog;
      host.release();
      if (previousFocus instanceof HTMLElement && previousFocus.isConnected && previousFocus !== host.el) {
        previousFocus.focus({ preventScroll: true });
      }
      resolve(result);
    };

    const card = (image: HeldImage, i: number) =>
      imageCard(image, i, t, choices, {
        thumbMax: many ? { width: 120, height: 120 } : { width: 180, height: 200 },
        faceToggles: true,
        choiceControls: many,
        metaIntro: true,
        urls,
        words,
      });
    const list = h('ul', { class: 'images' }, ...images.slice(0, FIRST_CARDS).map(card));
    /** The cards after the first few, a few per task, while the dialog is open. */
    const addCards = (from: number) => {
      if (done || from >= images.length) return;
      list.append(...images.slice(from, from + CARDS_PER_TASK).map((image, i) => card(image, from + i)));
      setTimeout(addCards, 0, from + CARDS_PER_TASK);
    };

    const footer = h('div', { class: 'footer' });
    const buttons = actionButtons(t, words, images, choices, many, finish);
    let primary: HTMLButtonElement;
    if (many) {
      primary = button(t('warn_confirm'), { primary: true, action: 'confirm' });
      primary.addEventListener('click', () => finish('chosen'));
      footer.append(
        h('div', { class: 'actions' }, primary),
        h('p', { class: 'same-label' }, t('warn_same_for_all')),
        h('div', { class: 'actions compact' }, ...buttons),
      );
    } else {
      primary = buttons[0]!;
      footer.append(h('div', { class: 'actions' }, ...buttons));
    }
    footer.append(h('div', { class: 'bottom' }, site.el, learnLink(t)));

    const dialog = h(
      'div',
      { class: many ? 'dialog many' : 'dialog', tabindex: '-1', 'data-faceguard': 'dialog' },
      h(
        'div',
        { class: 'scroll' },
        brand(t),
        h('h2', { id: titleId }, titleFor(t, images)),
        h('p', { class: 'intro', id: descId }, introFor(t, images)),
        list,
      ),
      footer,
    );
    // A native modal <dialog> goes into the browser's top layer: above a site's own modal <dialog>
    // (a composer opened with showModal()), which would otherwise cover ours and make it inert.
    const backdrop = h(
      'dialog',
      {
        class: 'backdrop',
        role: 'alertdialog',
        'aria-labelledby': titleId,
        'aria-describedby': descId,
        lang: languageTag(language),
      },
      dialog,
    );
    // Escape is ours to interpret (cancel the upload): the browser must not close the dialog itself.
    backdrop.addEventListener('cancel', (event) => event.preventDefault());
    const showModal = () => {
      if (backdrop.matches(':modal')) return;
      try {
        if (backdrop.open) backdrop.close();
        backdrop.showModal();
      } catch {
        // Not modal after all (an odd page state): still shown, above the page by z-index.
        backdrop.setAttribute('open', '');
      }
    };

    let lastFocused: HTMLElement = primary;
    dialog.addEventListener('focusin', (event) => {
      if (event.target instanceof HTMLElement) lastFocused = event.target;
    });
    // Focus that leaves the dialog (page scripts, the browser) is brought back. It cannot come back
    // while the site's own modal dialog covers ours (opened later, it is above ours in the top layer
    // and makes ours inert): then ours is shown again, on top. A site that keeps covering it is not
    // fought forever; what it covers cannot be answered (see finish).
    let raises = 0;
    const keepFocus = (event: FocusEvent) => {
      if (event.target === host.el) return;
      lastFocused.focus({ preventScroll: true });
      if (document.activeElement !== host.el && raises < MAX_RAISES) {
        raises += 1;
        raise();
      }
    };
    // Taking the host out of the page also took the dialog out of the top layer.
    const refocus = () => {
      showModal();
      lastFocused.focus({ preventScroll: true });
    };
    // Shown again, it goes to the top of the top layer, above what covered it.
    const raise = () => {
      backdrop.close();
      refocus();
    };
    host.onReattach.add(refocus);

    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Tab') {
        const order = tabbables(dialog);
        if (order.length === 0) return;
        event.preventDefault();
        const index = order.indexOf(host.root.activeElement as HTMLElement);
        const next =
          index === -1
            ? event.shiftKey
              ? order.length - 1
              : 0
            : (index + (event.shiftKey ? -1 : 1) + order.length) % order.length;
        order[next]!.focus();
        return;
      }
      if (event.repeat || event.isComposing) return;
      const shortcut = shortcutFor(event);
      if (!shortcut) return;
      if (shortcut !== 'cancel' && !anyOffers(choices, shortcut)) return;
      event.preventDefault();
      finish(shortcut);
    });
    isolateKeys(dialog);
    // A click in the dim area around the dialog must not take the focus (and with it the keys) away.
    backdrop.addEventListener('mousedown', (event) => {
      if (event.target === backdrop) event.preventDefault();
    });

    const gone = () => finish('gone');
    signal?.addEventListener('abort', gone);

    host.acquire();
    host.layer.append(backdrop);
    showModal();
    document.documentElement.dataset.faceguardDialog = 'open';
    document.addEventListener('focusin', keepFocus, true);
    primary.focus({ preventScroll: true });
    setTimeout(addCards, 0, FIRST_CARDS);
  });
}

/** The small non-blocking notice with a countdown that uploads as is unless the person acts. */
function showNotice(
  host: Host,
  images: HeldImage[],
  context: AskContext,
  language: Language,
  words: CoverWords,
  seconds: number,
  signal?: AbortSignal,
): Promise<Result> {
  const t = translator(language);
  const choices = new Choices(images);
  const urls: string[] = [];
  const titleId = uid('title');
  const descId = uid('desc');
  const hasFace = images.some((i) => i.verdict.faces.length > 0 && levelOf(i.verdict) !== 'metadata');

  return new Promise<Result>((resolve) => {
    let done = false;
    const site = disableSiteBox(t, context);
    const totalMs = seconds * 1000;
    let elapsed = 0;
    let last = performance.now();
    let timer: ReturnType<typeof setInterval> | undefined;

    const finish = (action: ImageAction | 'gone') => {
      if (done) return;
      done = true;
      clearInterval(timer);
      signal?.removeEventListener('abort', gone);
      if (action !== 'gone') choices.setAll(action);
      const result =
        action === 'gone' ? NO_ANSWER : { decisions: choices.decisions(), disableSite: site.input.checked };
      notice.close();
      notice.remove();
      for (const url of urls) URL.revokeObjectURL(url);
      delete document.documentElement.dataset.faceguardNotice;
      host.release();
      resolve(result);
    };

    const countText = h('span', { class: 'count-text' });
    const barFill = h('span', {});
    const bar = h('span', { class: 'bar', 'aria-hidden': 'true' }, barFill);
    const countdown = h('p', { class: 'countdown', 'data-countdown': 'running' }, countText, bar);
    const render = () => {
      countText.textContent = t('warn_countdown', [String(secondsLeft(totalMs, elapsed))]);
      barFill.style.setProperty('width', `${Math.max(0, 100 - (elapsed / totalMs) * 100)}%`);
    };
    const stop = () => {
      if (timer === undefined || done) return;
      clearInterval(timer);
      timer = undefined;
      bar.remove();
      countdown.dataset.countdown = 'stopped';
      countText.textContent = t('warn_countdown_stopped');
    };
    const tick = () => {
      const now = performance.now();
      // Time in a hidden tab does not count: the person cannot see the notice there.
      if (document.visibilityState === 'visible') elapsed += now - last;
      last = now;
      if (elapsed >= totalMs) finish('upload');
      else render();
    };

    const buttons = actionButtons(t, words, images, choices, false, finish, true);
    const notice = h(
      'dialog',
      {
        class: 'notice',
        'aria-labelledby': titleId,
        'aria-describedby': descId,
        lang: languageTag(language),
        'data-faceguard': 'notice',
      },
      brand(t),
      h(
        'h2',
        { id: titleId },
        images.length > 1
          ? t('warn_notice_title_many', [String(images.length)])
          : hasFace
            ? t('warn_title_medium')
            : t('warn_title_metadata'),
      ),
      h(
        'p',
        { class: 'intro', id: descId },
        hasFace ? t('warn_notice_intro_face') : t('warn_intro_metadata'),
      ),
      h(
        'ul',
        { class: 'images' },
        ...images.map((image, i) =>
          imageCard(image, i, t, choices, {
            thumbMax: { width: 72, height: 72 },
            faceToggles: false,
            choiceControls: false,
            metaIntro: false,
            urls,
            words,
          }),
        ),
      ),
      h('div', { class: 'actions' }, ...buttons),
      countdown,
      h('div', { class: 'bottom' }, site.el, learnLink(t)),
    );
    const announce = h('div', { class: 'sr-only', role: 'status' });
    notice.append(announce);

    for (const type of ['pointerdown', 'focusin', 'keydown', 'wheel'] as const) {
      notice.addEventListener(type, stop);
    }
    notice.addEventListener('keydown', (event) => {
      if (event.repeat || event.isComposing) return;
      const shortcut = shortcutFor(event);
      if (!shortcut) return;
      if (shortcut !== 'cancel' && !anyOffers(choices, shortcut)) return;
      event.preventDefault();
      // Escape dismisses the notice, which lets the upload go on as it is.
      finish(shortcut === 'cancel' ? 'upload' : shortcut);
    });
    isolateKeys(notice);
    // Escape is ours to interpret (when the notice had to be modal, see below).
    notice.addEventListener('cancel', (event) => event.preventDefault());

    const gone = () => finish('gone');
    signal?.addEventListener('abort', gone);

    host.acquire();
    host.layer.append(notice);
    // Non-modal, so the page stays usable, and opened by attribute: show() would take the focus from
    // what the person is typing in. But a site's modal <dialog> (or anything else in the top layer)
    // would cover it and make it inert: then it becomes modal itself, above that, until answered.
    notice.setAttribute('open', '');
    if (coveredAtCentre(notice, host.el)) {
      notice.close();
      try {
        notice.showModal();
      } catch {
        notice.setAttribute('open', '');
      }
    }
    document.documentElement.dataset.faceguardNotice = 'open';
    render();
    timer = setInterval(tick, 200);
    // Filled after insertion so screen readers announce it without moving focus.
    setTimeout(() => {
      announce.textContent = notice.querySelector('h2')?.textContent ?? '';
    }, 100);
  });
}

/** The live region that toasts and progress lines share (created on demand). */
function statusRegion(host: Host): HTMLElement {
  let region = host.layer.querySelector<HTMLElement>('.toasts');
  if (!region) {
    region = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    host.layer.append(region);
  }
  return region;
}

/** Takes a toast or progress line away, and the region and markers with the last of their kind. */
function removeStatus(host: Host, line: HTMLElement): void {
  const region = line.parentElement;
  line.remove();
  const left = (kind: string) => region?.querySelector(`[data-faceguard="${kind}"]`);
  if (!left('toast')) delete document.documentElement.dataset.faceguardToast;
  if (!left('progress')) delete document.documentElement.dataset.faceguardProgress;
  if (region?.childElementCount === 0) region.remove();
  host.release();
}

/** Whether something other than our host is on top at the centre of el. */
function coveredAtCentre(el: HTMLElement, host: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return top !== null && top !== host;
}

function showToast(host: Host, language: Language, text: string, seconds: number): void {
  const toast = h('div', { class: 'toast', lang: languageTag(language), 'data-faceguard': 'toast' });
  host.acquire();
  document.documentElement.dataset.faceguardToast = 'open';
  statusRegion(host).append(toast);
  // Filled after insertion so the live region announces it.
  setTimeout(() => {
    toast.textContent = text;
  }, 50);
  setTimeout(() => removeStatus(host, toast), seconds * 1000);
}

function showProgress(host: Host, language: Language, total: number): Progress {
  const t = translator(language);
  const line = h('div', { class: 'toast', lang: languageTag(language), 'data-faceguard': 'progress' });
  host.acquire();
  document.documentElement.dataset.faceguardProgress = 'open';
  statusRegion(host).append(line);
  let text = '';
  const render = (done: number) => {
    text = total === 1 ? t('gate_checking_one') : t('gate_checking_many', [String(done), String(total)]);
  };
  render(0);
  // Announced once when it appears; the running count is not read out after every photo.
  setTimeout(() => {
    line.textContent = text;
    line.setAttribute('aria-live', 'off');
  }, 50);
  return {
    update: (done) => {
      render(done);
      if (line.hasAttribute('aria-live')) line.textContent = text;
    },
    close: () => removeStatus(host, line),
  };
}

export function createWarningUi(options: WarningUiOptions = {}): WarningUi & IdNumberUi {
  let host: Host | null = null;
  const getHost = () => {
    host ??= new Host(options);
    return host;
  };
  // One dialog at a time, one notice at a time: later calls wait their turn.
  let dialogs: Promise<unknown> = Promise.resolve();
  let notices: Promise<unknown> = Promise.resolve();

  return {
    ask(images, context, signal) {
      const run = async () => {
        const language = await languageFor(options);
        const words = await coverWords();
        // Asked in turn: the upload may have gone away while an earlier question was open.
        if (images.length === 0 || signal?.aborted) return NO_ANSWER;
        return showDialog(getHost(), images, context, language, words, signal);
      };
      const result = dialogs.then(run, run);
      dialogs = result.catch(() => undefined);
      return result;
    },
    notice(images, context, signal) {
      const run = async () => {
        const language = await languageFor(options);
        const words = await coverWords();
        if (images.length === 0 || signal?.aborted) return NO_ANSWER;
        return showNotice(getHost(), images, context, language, words, options.noticeSeconds ?? 8, signal);
      };
      const result = notices.then(run, run);
      notices = result.catch(() => undefined);
      return result;
    },
    toast(messageKey, values) {
      void languageFor(options).then((language) =>
        showToast(getHost(), language, translator(language)(messageKey, values), options.toastSeconds ?? 5),
      );
    },
    progress(total) {
      // Shown after a delay and once the language is known; updates and a close that come first are kept.
      let shown: Progress | null = null;
      let done = 0;
      let closed = false;
      setTimeout(async () => {
        const language = await languageFor(options);
        if (closed) return;
        shown = showProgress(getHost(), language, total);
        shown.update(done);
      }, PROGRESS_AFTER_MS);
      return {
        update: (n) => {
          done = n;
          shown?.update(n);
        },
        close: () => {
          closed = true;
          shown?.close();
        },
      };
    },
    idNumbers(anchor, content, handlers) {
      // Shown once the language is known; an update or a close that comes first is kept.
      let shown: IdNotice | null = null;
      let latest = content;
      let closed = false;
      void languageFor(options).then((language) => {
        if (!closed) shown = showIdNotice(getHost(), anchor, latest, handlers, language);
      });
      return {
        update: (next) => {
          latest = next;
          shown?.update(next);
        },
        close: () => {
          closed = true;
          shown?.close();
        },
        isOpen: () => !closed && (shown?.isOpen() ?? true),
      };
    },
  };
}
