// The settings schema: one versioned object with defaults, validation and migration. Pure, so the
// same rules apply in every context and in Node tests. A stored value that fails validation falls
// back to its default field by field, so one bad value never resets the others.
import type { LanguageSetting } from './i18n';
import { builtinSiteFor, customHostFor, hostFromInput } from './sites';
import type { Sensitivity } from './verdict';

export const SETTINGS_VERSION = 2;

export type Mode = 'ask' | 'notify' | 'off';
export type BlurStyle = 'blur' | 'fill';

export interface Settings {
  version: number;
  /** ask: hold the upload and ask; notify: let it through and show a notice; off: do nothing. */
  mode: Mode;
  sensitivity: Sensitivity;
  warnMetadata: boolean;
  /** Small non-blocking notices for medium risk and metadata-only findings. */
  mediumNotices: boolean;
  /** How long an upload may be held for the check before it is released unchecked. */
  timeLimitSeconds: number;
  language: LanguageSetting;
  blurStyle: BlurStyle;
  /** Built-in site ids and added hosts the person switched off. */
  disabledSites: string[];
  /** Hosts the person added (host permission granted at that moment). */
  customSites: string[];
  /** A calm notice when text typed or pasted into a post holds an identity number. */
  idNumberNotices: boolean;
  /** Site keys (as in disabledSites) where the person chose "don't warn on this site" for ID numbers. */
  idNumberQuietSites: string[];
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  mode: 'ask',
  sensitivity: 'balanced',
  warnMetadata: true,
  mediumNotices: true,
  timeLimitSeconds: 4,
  language: 'browser',
  blurStyle: 'fill',
  disabledSites: [],
  customSites: [],
  idNumberNotices: true,
  idNumberQuietSites: [],
});

export const TIME_LIMIT_RANGE = { min: 1, max: 30 } as const;

/** The choices each setting offers, in the order the settings page shows them. */
export const MODES: readonly Mode[] = ['ask', 'notify', 'off'];
export const SENSITIVITIES: readonly Sensitivity[] = ['strict', 'balanced', 'relaxed'];
export const LANGUAGES: readonly LanguageSetting[] = ['browser', 'zh_CN', 'zh_TW', 'en'];
export const BLUR_STYLES: readonly BlurStyle[] = ['blur', 'fill'];

const oneOf =
  <T extends string>(...values: T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as string[]).includes(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length <= 500 && v.every((s) => typeof s === 'string' && s.length <= 253);
/** Added hosts must be what hostFromInput makes of them (lower-case, no scheme, no www.). */
const isHostList = (v: unknown): v is string[] =>
  isStringList(v) && v.every((host) => hostFromInput(host) === host);
const isTimeLimit = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= TIME_LIMIT_RANGE.min && v <= TIME_LIMIT_RANGE.max;

const validators: { [K in keyof Omit<Settings, 'version'>]: (v: unknown) => v is Settings[K] } = {
  mode: oneOf('ask', 'notify', 'off'),
  sensitivity: oneOf('strict', 'balanced', 'relaxed'),
  warnMetadata: isBoolean,
  mediumNotices: isBoolean,
  timeLimitSeconds: isTimeLimit,
  language: oneOf('browser', 'en', 'zh_CN', 'zh_TW'),
  blurStyle: oneOf('blur', 'fill'),
  disabledSites: isStringList,
  customSites: isHostList,
  idNumberNotices: isBoolean,
  idNumberQuietSites: isStringList,
};

/**
 * Ordered migrations, each from version N to N+1. Version 0 is what a store without a version holds
 * (nothing shipped before 1, so it only stamps the version).
 */
const MIGRATIONS: Array<(raw: Record<string, unknown>) => Record<string, unknown>> = [
  (raw) => ({ ...raw, version: 1 }),
  // 2 adds the ID-number notice (idNumberNotices, idNumberQuietSites): a version-1 store has neither,
  // so both take their defaults (on, no quiet sites), as the photo checks are on for everyone.
  (raw) => ({ ...raw, version: 2 }),
];

/** Turns whatever storage holds into valid Settings; never throws. */
export function parseSettings(stored: unknown): Settings {
  let raw: Record<string, unknown> =
    stored && typeof stored === 'object' && !Array.isArray(stored) ? { ...(stored as object) } : {};
  const stamped = raw.version;
  // A missing, negative or non-integer version is read as 0 (nothing shipped before version 1).
  let version = typeof stamped === 'number' && Number.isInteger(stamped) && stamped > 0 ? stamped : 0;
  // A newer version (from a newer install synced in) is read field by field as far as we understand it.
  for (; version < SETTINGS_VERSION; version++) raw = MIGRATIONS[version]!(raw);
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    disabledSites: [],
    customSites: [],
    idNumberQuietSites: [],
  };
  for (const key of Object.keys(validators) as Array<keyof typeof validators>) {
    const value = raw[key];
    if (validators[key](value)) (settings as unknown as Record<string, unknown>)[key] = value;
  }
  settings.disabledSites = [...new Set(settings.disabledSites)];
  settings.customSites = [...new Set(settings.customSites)];
  settings.idNumberQuietSites = [...new Set(settings.idNumberQuietSites)];
  return settings;
}

/** Applies a partial change, validating it; invalid fields are ignored. */
export function updateSettings(current: Settings, change: Partial<Settings>): Settings {
  return parseSettings({ ...current, ...change, version: SETTINGS_VERSION });
}

export interface SiteState {
  /** The key used in disabledSites: a built-in site id or an added host. Null when not a protectable web page. */
  key: string | null;
  builtin: boolean;
  /** Listed (built in or added). */
  listed: boolean;
  /** Listed, not switched off, and FaceGuard is not off. */
  protected: boolean;
}

export function siteState(url: URL, settings: Settings): SiteState {
  const builtin = builtinSiteFor(url);
  const custom = builtin ? undefined : customHostFor(url, settings.customSites);
  const isWeb = url.protocol === 'http:' || url.protocol === 'https:';
  const key = builtin?.id ?? custom ?? (isWeb ? url.hostname.replace(/^www\./, '') : null);
  const listed = Boolean(builtin ?? custom);
  return {
    key,
    builtin: Boolean(builtin),
    listed,
    protected: listed && settings.mode !== 'off' && !settings.disabledSites.includes(key!),
  };
}

export function setSiteEnabled(settings: Settings, key: string, enabled: boolean): Settings {
  const others = settings.disabledSites.filter((k) => k !== key);
  return updateSettings(settings, { disabledSites: enabled ? others : [...others, key] });
}

/** Adds a host the person chose to protect (and switches it on); unchanged when the host is invalid. */
export function addCustomSite(settings: Settings, host: string): Settings {
  const normal = hostFromInput(host);
  if (!normal || builtinSiteFor(new URL(`https://${normal}/`))) return settings;
  return updateSettings(settings, {
    customSites: [...settings.customSites.filter((h) => h !== normal), normal],
    disabledSites: settings.disabledSites.filter((k) => k !== normal),
  });
}

/** Removes an added host and any switch-off recorded for it. */
export function removeCustomSite(settings: Settings, host: string): Settings {
  return updateSettings(settings, {
    customSites: settings.customSites.filter((h) => h !== host),
    disabledSites: settings.disabledSites.filter((k) => k !== host),
  });
}

/** Whether ID-number notices show on a page: a protected site where the person has not quieted them. */
export function idNumberNoticesOn(url: URL, settings: Settings): boolean {
  const state = siteState(url, settings);
  return state.protected && settings.idNumberNotices && !settings.idNumberQuietSites.includes(state.key!);
}

/** "Don't warn on this site" for ID numbers, or warn there again. */
export function setIdNumberQuiet(settings: Settings, key: string, quiet: boolean): Settings {
  const others = settings.idNumberQuietSites.filter((k) => k !== key);
  return updateSettings(settings, { idNumberQuietSites: quiet ? [...others, key] : others });
}
