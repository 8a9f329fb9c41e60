// DOM builders of the warning (createElement only: no markup is ever parsed from data).
import { hasMessage, type Translate } from '../../core/i18n';
import type { Reason, Verdict } from '../../core/verdict';
import type { HeldImage, ImageAction } from '../decision';
import {
  type Choices,
  type CoverWords,
  documentCoverWords,
  faceRect,
  type Level,
  levelOf,
  reasonsOf,
  type Size,
  thumbnailSize,
} from './model';

type Child = Node | string | null | undefined | false;

/** createElement with attributes (true = present, false/undefined = absent) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

/** Sizes through CSSOM (allowed under any page CSP, unlike style attributes). */
export function place(
  el: HTMLElement,
  box: Partial<{ x: number; y: number; width: number; height: number }>,
) {
  if (box.x !== undefined) el.style.setProperty('left', `${box.x}px`);
  if (box.y !== undefined) el.style.setProperty('top', `${box.y}px`);
  if (box.width !== undefined) el.style.setProperty('width', `${box.width}px`);
  if (box.height !== undefined) el.style.setProperty('height', `${box.height}px`);
}

let counter = 0;
/** Ids unique within the shadow root (aria-labelledby, label for). */
export function uid(prefix: string): string {
  counter += 1;
  return `fg-${prefix}-${counter}`;
}

const SVG = 'http://www.w3.org/2000/svg';

/** The FaceGuard mark beside its name (decorative). */
export function brand(t: Translate): HTMLElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  const shield = document.createElementNS(SVG, 'path');
  shield.setAttribute('d', 'M8 1.5 L14.5 2.5 V7.5 C14.5 11.2 12 13.6 8 15 C4 13.6 1.5 11.2 1.5 7.5 V2.5 Z');
  shield.setAttribute('fill', 'currentColor');
  const face = document.createElementNS(SVG, 'ellipse');
  for (const [k, v] of Object.entries({ cx: '8', cy: '8', rx: '4', ry: '4.5', fill: '#f2fffd' })) {
    face.setAttribute(k, v);
  }
  svg.append(shield, face);
  return h('p', { class: 'brand' }, svg, t('ext_name'));
}

export function kbd(key: string): HTMLElement {
  return h('kbd', { 'aria-hidden': 'true' }, key);
}

export function button(
  label: string,
  options: { primary?: boolean; shortcut?: string; shortcutLabel?: string; action?: string } = {},
): HTMLButtonElement {
  const el = h(
    'button',
    {
      type: 'button',
      class: options.primary ? 'btn primary' : 'btn',
      'aria-keyshortcuts': options.shortcut,
      'data-action': options.action,
    },
    h('span', {}, label),
    options.shortcutLabel ? kbd(options.shortcutLabel) : null,
  );
  return el;
}

/** Renders reasons whose keys are known (unknown keys would show as raw keys). */
function reasonList(reasons: Reason[], t: Translate, className: string): HTMLElement | null {
  const known = reasons.filter((r) => hasMessage(r.key));
  if (known.length === 0) return null;
  return h('ul', { class: className }, ...known.map((r) => h('li', {}, t(r.key, r.values))));
}

export interface CardOptions {
  thumbMax: Size;
  /** Face outlines are buttons that tick a face on/off for the blurred copy. */
  faceToggles: boolean;
  /** A radio group with this image's own choice (several images in the dialog). */
  choiceControls: boolean;
  /** Show the "saved inside the file" line before metadata. */
  metaIntro: boolean;
  /** Object URLs to revoke on close. */
  urls: string[];
  /** What the copy does to faces, in words (the chosen cover style). */
  words: CoverWords;
}

function levelLabel(t: Translate, level: Level): string {
  switch (level) {
    case 'high':
      return t('warn_level_high');
    case 'medium':
      return t('warn_level_medium');
    default:
      return t('warn_level_metadata');
  }
}

function choiceLabel(t: Translate, action: ImageAction, words: CoverWords, verdict: Verdict): string {
  switch (action) {
    case 'blur':
      return verdict.document ? t(documentCoverWords(verdict).choice) : t(words.choice);
    case 'strip':
      return t('warn_choice_strip');
    case 'upload':
      return t('warn_choice_upload');
    default:
      return t('warn_choice_cancel');
  }
}

/** Draws the file into a canvas when the page's CSP refuses blob: images. */
async function drawInto(thumb: HTMLElement, file: File, size: Size): Promise<void> {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const canvas = h('canvas', { width: size.width, height: size.height, 'aria-hidden': 'true' });
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, size.width, size.height);
    bitmap.close();
    thumb.querySelector('img')?.replaceWith(canvas);
  } catch {
    // Leave the empty frame: the text says everything that matters.
  }
}

function faceCountText(t: Translate, words: CoverWords, covered: number, total: number): string {
  if (total === 1) return covered === 1 ? t(words.one) : t('warn_face_one_uncovered');
  return t(words.count, [String(covered), String(total)]);
}

/** One image: thumbnail with faces outlined, risk level, reasons, metadata, and optionally its choice. */
export function imageCard(
  image: HeldImage,
  index: number,
  t: Translate,
  choices: Choices,
  options: CardOptions,
): HTMLLIElement {
  const { verdict, file } = image;
  const nameId = uid('name');
  const name = file.name || t('warn_photo_n', [String(index + 1)]);
  const imageSize = { width: verdict.width, height: verdict.height };
  const size = thumbnailSize(imageSize, options.thumbMax);

  const url = URL.createObjectURL(file);
  options.urls.push(url);
  const img = h('img', { src: url, alt: t('warn_thumb_alt', [name]), draggable: 'false' });
  const thumb = h('div', { class: 'thumb' }, img);
  place(thumb, size);
  img.addEventListener('error', () => void drawInto(thumb, file, size), { once: true });

  const choice = choices.get(image.id);
  const total = verdict.faces.length;
  const count = h('p', { class: 'face-count', 'aria-live': 'polite' });
  place(count, { width: size.width });
  const updateCount = () => {
    count.textContent = faceCountText(t, options.words, choices.covered(image.id).length, total);
  };

  verdict.faces.forEach((face, i) => {
    const rect = faceRect(face.box, imageSize, size, options.faceToggles ? 24 : 0);
    if (!rect) return;
    if (!options.faceToggles) {
      const outline = h('span', { class: 'face', 'aria-hidden': 'true', 'aria-pressed': 'true' });
      place(outline, rect);
      thumb.append(outline);
      return;
    }
    const label = t(options.words.toggle, [String(i + 1)]);
    const toggle = h('button', {
      type: 'button',
      class: 'face',
      'aria-pressed': String(choice.faces[i] ?? true),
      'aria-label': label,
      title: label,
      'data-face': i,
    });
    place(toggle, rect);
    toggle.addEventListener('click', () => {
      const on = choices.toggleFace(image.id, i);
      toggle.setAttribute('aria-pressed', String(on));
      updateCount();
    });
    thumb.append(toggle);
  });

  // A document's portrait and identifying lines, outlined: what its copy covers (not a choice).
  for (const area of verdict.document?.cover ?? []) {
    const rect = faceRect(area, imageSize, size, 0);
    if (!rect) continue;
    const outline = h('span', { class: 'doc-area', 'aria-hidden': 'true' });
    place(outline, rect);
    thumb.append(outline);
  }

  const thumbCol = h('div', { class: 'thumb-col' }, thumb);
  if (verdict.document) {
    const note = h('p', { class: 'face-count' }, t(documentCoverWords(verdict).note));
    place(note, { width: size.width });
    thumbCol.append(note);
  } else if (options.faceToggles && total > 0) {
    updateCount();
    thumbCol.append(count);
    const hint = h('p', { class: 'face-count' }, t(options.words.hint));
    place(hint, { width: size.width });
    thumbCol.append(hint);
  }

  const level = levelOf(verdict);
  const { face, metadata } = reasonsOf(verdict);
  const details = h(
    'div',
    { class: 'details' },
    h('p', { class: 'name', id: nameId, title: name }, name),
    h('p', { class: `level level-${level}` }, levelLabel(t, level)),
    reasonList(face, t, 'reasons'),
    metadata.length > 0 && options.metaIntro ? h('p', { class: 'meta-intro' }, t('warn_meta_intro')) : null,
    reasonList(metadata, t, 'meta'),
  );

  if (options.choiceControls) {
    const group = uid('choice');
    const fieldset = h(
      'fieldset',
      { class: 'choice' },
      h('legend', {}, t('warn_choice_legend')),
      h(
        'div',
        { class: 'choice-options' },
        ...choice.offered.map((action) => {
          const input = h('input', {
            type: 'radio',
            name: group,
            value: action,
            checked: action === choice.action,
            'data-choice': action,
          });
          input.addEventListener('change', () => {
            if (input.checked) choices.set(image.id, action);
          });
          return h('label', {}, input, choiceLabel(t, action, options.words, verdict));
        }),
      ),
    );
    details.append(fieldset);
  }

  return h('li', { class: 'image', 'aria-labelledby': nameId, 'data-image': image.id }, thumbCol, details);
}

/** Elements Tab can reach inside root, in order (one radio per group: the checked one). */
export function tabbables(root: ParentNode): HTMLElement[] {
  const all = [...root.querySelectorAll<HTMLElement>('button, input, [tabindex="0"]')].filter(
    (el) => !(el as HTMLButtonElement).disabled && !el.closest('[hidden]'),
  );
  const seenGroups = new Set<string>();
  return all.filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio') return true;
    const group = [...all].filter(
      (o): o is HTMLInputElement => o instanceof HTMLInputElement && o.type === 'radio' && o.name === el.name,
    );
    const pick = group.find((o) => o.checked) ?? group[0];
    if (pick !== el || seenGroups.has(el.name)) return false;
    seenGroups.add(el.name);
    return true;
  });
}
