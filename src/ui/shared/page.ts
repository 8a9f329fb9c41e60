// Small helpers every extension page uses: build elements, start a page in the person's language, and
// re-render at once when settings change anywhere (language included).
import { languageTag, type Translate } from '../../core/i18n';
import type { Settings } from '../../core/settings';
import { loadSettings, onSettingsChanged, saveSettings } from '../../platform/settings-store';
import { localizePage, pageLanguage } from '../page-language';

type Child = Node | string | null | undefined | false;

/** document.createElement with a class, attributes and children; text goes in as text, never as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; attrs?: Record<string, string> } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) el.setAttribute(name, value);
  for (const child of children) if (child) el.append(child);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}

export interface PageContext {
  settings: Settings;
  t: Translate;
  /** 'en', 'zh-CN' or 'zh-TW', for dates and times. */
  locale: string;
}

/**
 * Loads settings, translates the static page and calls render; calls it again whenever settings change
 * (in this page, another page, or another device through sync). Marks <html data-ready> for tests.
 */
export async function startPage(render: (ctx: PageContext) => void | Promise<void>): Promise<void> {
  const run = async (settings: Settings) => {
    const language = pageLanguage(settings);
    const t = localizePage(document, language);
    await render({ settings, t, locale: languageTag(language) });
    document.documentElement.dataset.ready = '1';
  };
  let chain = Promise.resolve();
  const queue = (settings: Settings) => {
    chain = chain.then(() => run(settings)).catch((error: unknown) => console.error(error));
  };
  onSettingsChanged(queue);
  queue(await loadSettings());
  await chain;
}

/** An accessible on/off switch: a real checkbox with role="switch" inside its label. */
export function switchControl(
  label: string,
  checked: boolean,
  onChange: (on: boolean) => void,
): HTMLLabelElement {
  const input = h('input', { attrs: { type: 'checkbox', role: 'switch' } });
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return h(
    'label',
    { class: 'switch' },
    input,
    h('span', { class: 'switch-track', attrs: { 'aria-hidden': 'true' } }),
    h('span', { class: 'switch-label' }, label),
  );
}

let changes: Promise<unknown> = Promise.resolve();

/**
 * Reads, changes and writes settings, one change at a time: two quick clicks must not both read the
 * old value and have the second write undo the first.
 */
export function changeSettings(apply: (settings: Settings) => Settings): Promise<Settings> {
  const run = async () => saveSettings(apply(await loadSettings()));
  const next = changes.then(run, run);
  changes = next.catch(() => undefined);
  return next;
}
