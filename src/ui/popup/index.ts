// The toolbar popup: this site's protection (switch it off/on, or protect a site not in the list),
// whether the browser granted access to the built-in sites, the mode, counts, this session's recent
// checks (summaries only) and a way into the explanation and settings pages.
//
// popup.html?tab=<id> shows the state of that tab instead of the active one: tests open the popup in a
// tab of its own, where "the active tab" would be the popup itself.
import '../common.css';
import './popup.css';
import browser from 'webextension-polyfill';
import { hasMessage, type Translate } from '../../core/i18n';
import type { CheckSummary, Choice } from '../../core/protocol';
import { type Mode, type Settings, setSiteEnabled, siteState, updateSettings } from '../../core/settings';
import type { Risk } from '../../core/verdict';
import { send } from '../../platform/messaging';
import { hasBuiltinAccess, protectSite, requestBuiltinAccess } from '../shared/access';
import { byId, changeSettings, h, type PageContext, startPage } from '../shared/page';

const OWN_ORIGIN = browser.runtime.getURL('');

/**
 * The tab the popup speaks about: ?tab=<id>, else the active tab. Firefox for Android shows the popup as
 * a page of its own, so there the active tab can be the popup itself; then it is the web page used last.
 */
async function targetTabUrl(): Promise<URL | null> {
  const param = new URLSearchParams(location.search).get('tab');
  try {
    if (param) {
      const tab = await browser.tabs.get(Number(param));
      return tab.url ? new URL(tab.url) : null;
    }
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    if (active?.url && !active.url.startsWith(OWN_ORIGIN)) return new URL(active.url);
    const pages = (await browser.tabs.query({})).filter(
      (tab) => tab.id !== active?.id && tab.url && !tab.url.startsWith(OWN_ORIGIN),
    );
    pages.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
    return pages[0]?.url ? new URL(pages[0].url) : null;
  } catch {
    return null;
  }
}

/**
 * A popup in a tab (Firefox for Android shows it as a page; tests open it in a tab) fills the width of
 * the screen instead of the toolbar popup's fixed 360 px.
 */
async function markPageMode(): Promise<void> {
  const [tab, platform] = await Promise.all([
    browser.tabs.getCurrent().catch(() => undefined),
    browser.runtime.getPlatformInfo().catch(() => undefined),
  ]);
  document.documentElement.classList.toggle('as-page', tab !== undefined || platform?.os === 'android');
}

function openPage(page: 'learn' | 'settings' | 'privacy'): void {
  void send('open-page', { page }).then(() => window.close());
}

function renderSite(url: URL | null, settings: Settings, t: Translate): void {
  const host = byId('site-host');
  const status = byId('site-status');
  const controls = byId('site-controls');
  controls.replaceChildren();
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    host.textContent = t('popup_site_none');
    status.textContent = '';
    delete status.dataset.state;
    return;
  }
  const state = siteState(url, settings);
  host.textContent = url.hostname;
  status.dataset.state = state.protected ? 'on' : 'off';
  if (state.protected) status.textContent = t('popup_site_protected');
  else if (state.listed && settings.mode === 'off') status.textContent = t('popup_site_all_off');
  else if (state.listed) status.textContent = t('popup_site_switched_off');
  else status.textContent = t('popup_site_unprotected');

  const key = state.key!;
  if (state.listed) {
    const on = !settings.disabledSites.includes(key);
    const input = h('input', { attrs: { type: 'checkbox', role: 'switch', id: 'site-switch' } });
    input.checked = on;
    input.disabled = settings.mode === 'off';
    input.addEventListener('change', () => {
      void changeSettings((s) => setSiteEnabled(s, key, input.checked));
    });
    controls.append(
      h(
        'label',
        { class: 'switch' },
        input,
        h('span', { class: 'switch-track', attrs: { 'aria-hidden': 'true' } }),
        h('span', { class: 'switch-label' }, t('popup_site_switch')),
      ),
    );
  } else {
    const button = h('button', { class: 'primary', attrs: { type: 'button', id: 'protect-site' } });
    button.textContent = t('popup_protect_site');
    const note = h('p', { class: 'hint' }, t('popup_protect_site_note'));
    button.addEventListener('click', () => {
      void protectSite(key).then((granted) => {
        if (!granted) note.textContent = t('popup_protect_site_refused');
      });
    });
    controls.append(button, note);
  }
}

const RISK_KEYS: Record<Risk, string> = {
  high: 'popup_risk_high',
  medium: 'popup_risk_medium',
  low: 'popup_risk_low',
  none: 'popup_risk_none',
  unknown: 'popup_risk_unknown',
};
const CHOICE_KEYS: Record<Choice, string> = {
  released: 'popup_choice_released',
  'upload-anyway': 'popup_choice_upload_anyway',
  cancel: 'popup_choice_cancel',
  blurred: 'popup_choice_blurred',
  stripped: 'popup_choice_stripped',
  unchecked: 'popup_choice_unchecked',
};

/** A short label for a reason key: popup_<key> when there is one; the full reason needs values we dropped. */
function reasonLabel(key: string | null, t: Translate): string | null {
  if (!key) return null;
  return hasMessage(`popup_${key}`) ? t(`popup_${key}`) : null;
}

function renderRecentItem(check: CheckSummary, ctx: PageContext): HTMLLIElement {
  const { t, locale } = ctx;
  const time = new Date(check.time);
  const risk = RISK_KEYS[check.risk] ?? RISK_KEYS.unknown;
  // "No face" twice (risk and reason) says nothing more: show the reason only when it adds something.
  const reason = check.risk === 'none' ? null : reasonLabel(check.reasonKey, t);
  return h(
    'li',
    { class: 'recent-item' },
    h(
      'div',
      { class: 'recent-line' },
      h(
        'time',
        { attrs: { datetime: time.toISOString() } },
        time.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' }),
      ),
      h('span', { class: 'recent-site' }, check.site),
      h('span', { class: 'risk', attrs: { 'data-risk': check.risk } }, t(risk)),
    ),
    h(
      'div',
      { class: 'recent-detail' },
      reason ? h('span', {}, reason) : null,
      h('span', { class: 'recent-choice' }, t(CHOICE_KEYS[check.choice] ?? 'popup_choice_released')),
    ),
  );
}

async function renderRecent(ctx: PageContext): Promise<void> {
  let data: Awaited<ReturnType<typeof send<'get-recent'>>>;
  try {
    data = await send('get-recent', {});
  } catch {
    return;
  }
  byId('stat-checked').textContent = String(data.stats.checked);
  byId('stat-warnings').textContent = String(data.stats.warnings);
  byId('stat-copies').textContent = String(data.stats.copies);
  byId('stat-id-numbers').textContent = String(data.stats.idNumbers);
  const list = byId('recent-list');
  list.replaceChildren(...data.recent.slice(0, 20).map((check) => renderRecentItem(check, ctx)));
  byId('recent-empty').hidden = data.recent.length > 0;
  byId<HTMLButtonElement>('clear-recent').disabled = data.recent.length === 0;
}

let lastContext: PageContext | null = null;

async function render(ctx: PageContext): Promise<void> {
  lastContext = ctx;
  const { settings, t } = ctx;
  byId('access').hidden = await hasBuiltinAccess();
  renderSite(await targetTabUrl(), settings, t);
  byId<HTMLSelectElement>('mode').value = settings.mode;
  await renderRecent(ctx);
}

function wire(): void {
  byId('access-button').addEventListener('click', () => {
    void requestBuiltinAccess().then(async (granted) => {
      if (granted) byId('access').hidden = await hasBuiltinAccess();
    });
  });
  const mode = byId<HTMLSelectElement>('mode');
  mode.addEventListener('change', () => {
    void changeSettings((s) => updateSettings(s, { mode: mode.value as Mode }));
  });
  byId('clear-recent').addEventListener('click', () => {
    void send('clear-recent', {}).then(() => lastContext && renderRecent(lastContext));
  });
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-page]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      openPage(link.dataset.page as 'learn' | 'settings' | 'privacy');
    });
  }
  // Checks finishing while the popup is open, from any tab.
  browser.storage.onChanged.addListener((changes) => {
    if (lastContext && ('recentChecks' in changes || 'stats' in changes)) void renderRecent(lastContext);
  });
}

wire();
void markPageMode().finally(() => startPage(render));
