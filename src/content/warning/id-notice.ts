// The calm notice beside a text field that holds an identity number: what was found, why it matters,
// and mask it / leave it / don't warn on this site. Never modal and never focused: it is added to the
// warning's shadow host without touching focus or the caret, and its buttons keep the focus where the
// person is typing (a pointer press on them is not allowed to move it). While it shows, <html> carries
// data-faceguard-idnumber="shown".

import { type Language, type Translate, translator } from '../../core/i18n';
import type { IdKind } from '../../core/id-numbers';
import { openLearnPage } from './platform';
import { brand, button, h, uid } from './view';

export interface IdNoticeContent {
  /** The kind of each number found, in text order. */
  kinds: IdKind[];
  /** Each number as it would read masked (never the number itself: the notice shows no more than that). */
  masked: string[];
}

export interface IdNoticeHandlers {
  /** Masks every number in the field; resolves false when the field did not take the change. */
  mask(): Promise<boolean>;
  leave(): void;
  quiet(): void;
}

export interface IdNotice {
  update(content: IdNoticeContent): void;
  close(): void;
  /** False once closed, by the person or because the field went away. */
  isOpen(): boolean;
}

/** The part of the warning UI the ID-number watcher uses. */
export interface IdNumberUi {
  idNumbers(anchor: Element, content: IdNoticeContent, handlers: IdNoticeHandlers): IdNotice;
}

/** What the notice needs from the warning's shadow host. */
export interface NoticeHost {
  readonly layer: HTMLElement;
  acquire(): void;
  release(): void;
}

const KIND_KEYS: Record<IdKind, string> = {
  cn: 'idn_kind_cn',
  hk: 'idn_kind_hk',
  tw: 'idn_kind_tw',
};
const GAP = 8;
/** Masked forms listed before "and N more". */
const LISTED = 2;

function title(t: Translate, content: IdNoticeContent): string {
  if (content.kinds.length > 1) return t('idn_title_many', [String(content.kinds.length)]);
  return t('idn_title_one', [t(KIND_KEYS[content.kinds[0] ?? 'cn'])]);
}

/** Below the field, else above it, else at the bottom of the window; hidden while the field is off screen. */
function position(notice: HTMLElement, anchor: Element): void {
  const r = anchor.getBoundingClientRect();
  const vw = document.documentElement.clientWidth || innerWidth;
  const vh = innerHeight;
  const offscreen =
    r.bottom < 0 || r.top > vh || r.right < 0 || r.left > vw || (r.width === 0 && r.height === 0);
  notice.toggleAttribute('data-offscreen', offscreen);
  if (offscreen) return;
  const w = notice.offsetWidth;
  const height = notice.offsetHeight;
  const left = Math.max(GAP, Math.min(r.left, vw - w - GAP));
  let top = vh - height - GAP;
  if (r.bottom + GAP + height <= vh - GAP) top = r.bottom + GAP;
  else if (r.top - GAP - height >= GAP) top = r.top - GAP - height;
  notice.style.setProperty('left', `${Math.round(left)}px`);
  notice.style.setProperty('top', `${Math.round(Math.max(GAP, top))}px`);
}

export function showIdNotice(
  host: NoticeHost,
  anchor: Element,
  content: IdNoticeContent,
  handlers: IdNoticeHandlers,
  language: Language,
): IdNotice {
  const t = translator(language);
  const titleId = uid('idn-title');
  const descId = uid('idn-desc');
  const heading = h('h2', { id: titleId });
  const masked = h('p', { class: 'idn-masked' });
  const failed = h('p', { class: 'idn-failed', role: 'alert', hidden: true });
  const announce = h('div', { class: 'sr-only', role: 'status' });

  const maskButton = button(t('idn_mask'), { primary: true, action: 'mask' });
  const leaveButton = button(t('idn_leave'), { action: 'leave' });
  const quietButton = h('button', { type: 'button', class: 'link', 'data-action': 'quiet' }, t('idn_quiet'));
  const learnButton = h('button', { type: 'button', class: 'link', 'data-learn': true }, t('idn_learn'));

  const notice = h(
    'aside',
    {
      class: 'idnotice',
      'aria-labelledby': titleId,
      'aria-describedby': descId,
      lang: language === 'zh_CN' ? 'zh-CN' : 'en',
      'data-faceguard': 'idnumber',
    },
    brand(t),
    heading,
    h('p', { class: 'intro', id: descId }, t('idn_why')),
    masked,
    h('div', { class: 'actions' }, maskButton, leaveButton),
    failed,
    h('div', { class: 'bottom' }, quietButton, learnButton),
    announce,
  );

  let closed = false;
  let busy = false;
  const label = (el: HTMLElement, text: string) => {
    const span = el.querySelector('span');
    if (span) span.textContent = text;
  };
  const render = (next: IdNoticeContent) => {
    const many = next.kinds.length > 1;
    heading.textContent = title(t, next);
    label(maskButton, t(many ? 'idn_mask_many' : 'idn_mask'));
    label(leaveButton, t(many ? 'idn_leave_many' : 'idn_leave'));
    const listed = next.masked.slice(0, LISTED).join(t('idn_list_separator'));
    const more = next.masked.length - LISTED;
    masked.replaceChildren(
      t('idn_masked_label'),
      ' ',
      h('span', { class: 'idn-value', translate: 'no' }, listed),
      more > 0 ? ` ${t('idn_more', [String(more)])}` : '',
    );
  };

  let frame = 0;
  const reposition = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (closed) return;
      if (!anchor.isConnected) {
        // The field went away (the post was sent, the composer closed): nothing left to warn about.
        close();
        return;
      }
      position(notice, anchor);
    });
  };
  const resize = new ResizeObserver(reposition);

  const close = () => {
    if (closed) return;
    closed = true;
    cancelAnimationFrame(frame);
    resize.disconnect();
    removeEventListener('scroll', reposition, true);
    removeEventListener('resize', reposition);
    notice.remove();
    delete document.documentElement.dataset.faceguardIdnumber;
    host.release();
  };

  const act = (run: () => void) => () => {
    if (!busy) run();
  };
  maskButton.addEventListener(
    'click',
    act(() => {
      busy = true;
      failed.hidden = true;
      void handlers.mask().then((done) => {
        busy = false;
        if (done) {
          close();
          return;
        }
        failed.textContent = t('idn_mask_failed');
        failed.hidden = false;
      });
    }),
  );
  leaveButton.addEventListener(
    'click',
    act(() => {
      handlers.leave();
      close();
    }),
  );
  quietButton.addEventListener(
    'click',
    act(() => {
      handlers.quiet();
      close();
    }),
  );
  learnButton.addEventListener('click', () => openLearnPage());

  // A press on the notice must not take the focus (and the caret) from the field; the click still
  // arrives. Nothing inside reaches the page either, so a site closing its composer on an outside
  // click, or reacting to keys, does not see us.
  for (const type of ['pointerdown', 'mousedown'] as const) {
    notice.addEventListener(type, (event) => {
      event.preventDefault();
      event.stopPropagation();
    });
  }
  for (const type of [
    'pointerup',
    'mouseup',
    'click',
    'keydown',
    'keyup',
    'keypress',
    'focusin',
    'focusout',
  ] as const) {
    notice.addEventListener(type, (event) => event.stopPropagation());
  }
  notice.addEventListener('keydown', (event) => {
    if (event.isComposing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      handlers.leave();
      close();
      return;
    }
    // Enter and Space press the focused button here: Firefox now and then leaves a key press on a
    // button in our shadow root without its click (seen in about one run in six under automation).
    const target = event.composedPath()[0];
    if (
      (event.key === 'Enter' || event.key === ' ') &&
      !event.repeat &&
      target instanceof HTMLButtonElement
    ) {
      event.preventDefault();
      target.click();
    }
  });

  render(content);
  host.acquire();
  host.layer.append(notice);
  position(notice, anchor);
  resize.observe(anchor);
  addEventListener('scroll', reposition, { capture: true, passive: true });
  addEventListener('resize', reposition, { passive: true });
  document.documentElement.dataset.faceguardIdnumber = 'shown';
  // Filled after insertion so screen readers announce it without the focus moving.
  setTimeout(() => {
    if (!closed) announce.textContent = heading.textContent;
  }, 100);

  return {
    update: (next) => {
      if (closed) return;
      render(next);
      reposition();
    },
    close,
    isOpen: () => !closed,
  };
}
