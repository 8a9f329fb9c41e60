// First run: what FaceGuard does, the privacy promise, the sites it protects, and, where the browser
// has withheld access to them (Firefox MV3 lets people do that), a button that asks for it.
import '../common.css';
import './welcome.css';
import { BUILTIN_SITES } from '../../core/sites';
import { hasBuiltinAccess, requestBuiltinAccess } from '../shared/access';
import { byId, h, type PageContext, startPage } from '../shared/page';

let currentT: PageContext['t'] = (key) => key;

async function render({ settings, t }: PageContext): Promise<void> {
  currentT = t;
  document.title = t('welcome_title');
  byId('site-chips').replaceChildren(
    ...BUILTIN_SITES.map((site) =>
      h(
        'li',
        { class: settings.disabledSites.includes(site.id) ? 'chip off' : 'chip' },
        site.id === 'demo' ? t('welcome_site_demo') : site.name,
      ),
    ),
  );
  byId('access').hidden = await hasBuiltinAccess();
}

byId('access-button').addEventListener('click', () => {
  void requestBuiltinAccess().then(async (granted) => {
    const has = await hasBuiltinAccess();
    byId('access-result').textContent = currentT(
      granted && has ? 'welcome_access_done' : 'welcome_access_refused',
    );
    if (has) byId('access').hidden = true;
  });
});

void startPage(render);
