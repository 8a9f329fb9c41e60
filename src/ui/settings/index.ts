// The full settings page: every setting, the protected-site list (built-in ones can be switched off,
// added ones removed), site access, and reset to defaults. Every control saves at once; the page (and
// every other context) re-renders from onSettingsChanged, so what it shows is always what is stored.
import '../common.css';
import './settings.css';
import type { LanguageSetting } from '../../core/i18n';
import {
  type BlurStyle,
  DEFAULT_SETTINGS,
  type Mode,
  type Settings,
  setIdNumberQuiet,
  setSiteEnabled,
  TIME_LIMIT_RANGE,
  updateSettings,
} from '../../core/settings';
import { BUILTIN_SITES, builtinSiteFor, hostFromInput } from '../../core/sites';
import type { Sensitivity } from '../../core/verdict';
import { hasBuiltinAccess, protectSite, requestBuiltinAccess, unprotectSite } from '../shared/access';
import { byId, changeSettings, h, type PageContext, startPage, switchControl } from '../shared/page';
import { coverPreview } from './cover-preview';

let savedTimer: ReturnType<typeof setTimeout> | undefined;
let currentT: PageContext['t'] = (key) => key;

async function change(apply: (settings: Settings) => Settings): Promise<void> {
  await changeSettings(apply);
  const saved = byId('saved');
  saved.textContent = currentT('settings_saved');
  saved.classList.add('show');
  clearTimeout(savedTimer);
  savedTimer = setTimeout(() => saved.classList.remove('show'), 1500);
}

function renderSites({ settings, t }: PageContext): void {
  byId('builtin-sites').replaceChildren(
    ...BUILTIN_SITES.map((site) =>
      h(
        'li',
        { attrs: { 'data-site': site.id } },
        switchControl(
          site.id === 'demo' ? t('welcome_site_demo') : site.name,
          !settings.disabledSites.includes(site.id),
          (on) => change((s) => setSiteEnabled(s, site.id, on)),
        ),
      ),
    ),
  );
  byId('custom-sites').replaceChildren(
    ...settings.customSites.map((host) => {
      const remove = h('button', { class: 'link-button', attrs: { type: 'button' } }, t('settings_remove'));
      remove.setAttribute('aria-label', t('settings_remove_site', [host]));
      remove.addEventListener('click', () => void unprotectSite(host));
      return h(
        'li',
        { attrs: { 'data-site': host } },
        switchControl(host, !settings.disabledSites.includes(host), (on) =>
          change((s) => setSiteEnabled(s, host, on)),
        ),
        remove,
      );
    }),
  );
  byId('custom-empty').hidden = settings.customSites.length > 0;
}

/** A site key as people know it: the built-in site's name, or the host they added. */
function siteName(key: string, t: PageContext['t']): string {
  if (key === 'demo') return t('welcome_site_demo');
  return BUILTIN_SITES.find((site) => site.id === key)?.name ?? key;
}

/** The ID-number switch, and the sites where the person chose "don't warn on this site". */
function renderIdNumbers({ settings, t }: PageContext): void {
  const quiet = settings.idNumberQuietSites.map((key) => {
    const name = siteName(key, t);
    const restore = h(
      'button',
      { class: 'link-button', attrs: { type: 'button' } },
      t('settings_id_quiet_restore'),
    );
    restore.setAttribute('aria-label', t('settings_id_quiet_restore_site', [name]));
    restore.addEventListener('click', () => void change((s) => setIdNumberQuiet(s, key, false)));
    return h('li', { attrs: { 'data-site': key } }, h('span', {}, name), restore);
  });
  byId('row-id-numbers').replaceChildren(
    h(
      'div',
      { class: 'row-text' },
      switchControl(t('settings_id_numbers'), settings.idNumberNotices, (on) =>
        change((s) => updateSettings(s, { idNumberNotices: on })),
      ),
      h('p', { class: 'hint' }, t('settings_id_numbers_hint')),
      quiet.length > 0 ? h('p', { class: 'hint' }, t('settings_id_quiet')) : null,
      quiet.length > 0
        ? h('ul', { class: 'site-list quiet-sites', attrs: { id: 'id-quiet-sites' } }, ...quiet)
        : null,
    ),
  );
}

async function render(ctx: PageContext): Promise<void> {
  const { settings, t } = ctx;
  currentT = t;
  document.title = t('settings_title');
  byId<HTMLSelectElement>('mode').value = settings.mode;
  byId<HTMLSelectElement>('sensitivity').value = settings.sensitivity;
  byId<HTMLInputElement>('time-limit').value = String(settings.timeLimitSeconds);
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="blur-style"]')) {
    radio.checked = radio.value === settings.blurStyle;
  }
  byId<HTMLSelectElement>('language').value = settings.language;
  byId('row-metadata').replaceChildren(
    h(
      'div',
      { class: 'row-text' },
      switchControl(t('settings_warn_metadata'), settings.warnMetadata, (on) =>
        change((s) => updateSettings(s, { warnMetadata: on })),
      ),
      h('p', { class: 'hint' }, t('settings_warn_metadata_hint')),
    ),
  );
  byId('row-medium').replaceChildren(
    h(
      'div',
      { class: 'row-text' },
      switchControl(t('settings_medium_notices'), settings.mediumNotices, (on) =>
        change((s) => updateSettings(s, { mediumNotices: on })),
      ),
      h('p', { class: 'hint' }, t('settings_medium_notices_hint')),
    ),
  );
  renderIdNumbers(ctx);
  renderSites(ctx);
  byId('access').hidden = await hasBuiltinAccess();
}

function wireSelect<T extends string>(id: string, apply: (value: T) => Partial<Settings>): void {
  const select = byId<HTMLSelectElement>(id);
  select.addEventListener('change', () => void change((s) => updateSettings(s, apply(select.value as T))));
}

function wire(): void {
  wireSelect<Mode>('mode', (mode) => ({ mode }));
  wireSelect<Sensitivity>('sensitivity', (sensitivity) => ({ sensitivity }));
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="blur-style"]')) {
    const style = radio.value as BlurStyle;
    radio.closest('label')?.querySelector('.cover-picture')?.append(coverPreview(style));
    radio.addEventListener('change', () => {
      if (radio.checked) void change((s) => updateSettings(s, { blurStyle: style }));
    });
  }
  wireSelect<LanguageSetting>('language', (language) => ({ language }));
  const timeLimit = byId<HTMLInputElement>('time-limit');
  timeLimit.addEventListener('change', () => {
    const value = Math.round(Number(timeLimit.value));
    const clamped = Math.min(
      TIME_LIMIT_RANGE.max,
      Math.max(TIME_LIMIT_RANGE.min, value || DEFAULT_SETTINGS.timeLimitSeconds),
    );
    timeLimit.value = String(clamped);
    void change((s) => updateSettings(s, { timeLimitSeconds: clamped }));
  });
  byId('access-button').addEventListener('click', () => {
    void requestBuiltinAccess().then(async () => {
      byId('access').hidden = await hasBuiltinAccess();
    });
  });
  byId('add-site').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = byId<HTMLInputElement>('add-host');
    const message = byId('add-message');
    const host = hostFromInput(input.value);
    if (!host) {
      message.textContent = currentT('settings_add_site_invalid');
      return;
    }
    if (builtinSiteFor(new URL(`https://${host}/`))) {
      message.textContent = currentT('settings_add_site_builtin');
      return;
    }
    // Synchronously inside the submit handler: Firefox requires user input for permissions.request.
    void protectSite(host).then((granted) => {
      message.textContent = currentT(granted ? 'settings_add_site_done' : 'popup_protect_site_refused');
      if (granted) input.value = '';
    });
  });
  // Two clicks, not window.confirm: a modal dialog is easy to dismiss by habit.
  const reset = byId<HTMLButtonElement>('reset');
  let armed: ReturnType<typeof setTimeout> | undefined;
  reset.addEventListener('click', () => {
    if (!armed) {
      reset.textContent = currentT('settings_reset_confirm');
      armed = setTimeout(() => {
        armed = undefined;
        reset.textContent = currentT('settings_reset');
      }, 5000);
      return;
    }
    clearTimeout(armed);
    armed = undefined;
    reset.textContent = currentT('settings_reset');
    // Added sites stay added (their permission was given on purpose); everything else goes back.
    void change((s) => ({ ...DEFAULT_SETTINGS, customSites: s.customSites, disabledSites: [] }));
  });
}

wire();
void startPage(render);
