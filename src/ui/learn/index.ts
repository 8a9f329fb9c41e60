// The explanation page: the Guangzhou Internet Court case, how one frontal photo becomes a "live" face
// video (an inline SVG drawn for this page), what makes a photo risky, what FaceGuard checks on the
// device, and what to do. All text comes from src/i18n/<language>/learn.json.
import '../common.css';
import './learn.css';
import { startPage } from '../shared/page';

void startPage(({ t, locale }) => {
  document.title = t('learn_title');
  // The Chinese terms stay in Chinese on every page: Traditional characters on the Traditional page.
  for (const term of document.querySelectorAll<HTMLElement>('.term-zh')) {
    term.lang = locale === 'zh-TW' ? 'zh-TW' : 'zh-CN';
  }
});
