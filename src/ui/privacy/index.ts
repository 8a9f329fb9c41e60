// The privacy policy as an extension page (linked from the popup and the settings page). Its text is
// src/i18n/<language>/privacy.json; store/<language>/privacy-policy.md is written from the same strings
// (scripts/store-texts.mjs), so the page and the store listing always say the same.
import '../common.css';
import './privacy.css';
import { startPage } from '../shared/page';

void startPage(({ t }) => {
  document.title = t('privacy_title');
});
