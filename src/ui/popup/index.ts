// The toolbar popup: the current site's protection state and why FaceGuard matters.
import '../common.css';
import './popup.css';
import browser from 'webextension-polyfill';
import { siteState } from '../../core/settings';
import { loadSettings } from '../../platform/settings-store';
import { localizePage, pageLanguage } from '../page-language';

async function currentTabUrl(): Promise<URL | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  try {
    return tab?.url ? new URL(tab.url) : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const settings = await loadSettings();
  const t = localizePage(document, pageLanguage(settings));
  const url = await currentTabUrl();
  const host = document.getElementById('site-host')!;
  const status = document.getElementById('site-status')!;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    host.textContent = t('popup_site_none');
    status.textContent = '';
    return;
  }
  const state = siteState(url, settings);
  host.textContent = url.hostname;
  status.textContent = t(state.protected ? 'popup_site_protected' : 'popup_site_unprotected');
  status.dataset.state = state.protected ? 'on' : 'off';
}

void main();
