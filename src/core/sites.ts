// The built-in list of protected sites and match-pattern logic. The build writes the same list into
// the manifest's content_scripts, so this JSON is the one place the list lives.
import builtinSites from './builtin-sites.json';

export interface Site {
  id: string;
  name: string;
  matches: string[];
}

export const BUILTIN_SITES: readonly Site[] = builtinSites;

/** True when a WebExtension match pattern (scheme://host/path) matches the URL. */
export function matchesPattern(pattern: string, url: URL): boolean {
  const m = /^(\*|https?):\/\/(\*|\*\.[^/]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const protocol = url.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme) return false;
  if (host === '*') {
    // any host
  } else if (host.startsWith('*.')) {
    const base = host.slice(2);
    if (url.hostname !== base && !url.hostname.endsWith(`.${base}`)) return false;
  } else if (url.hostname !== host) {
    return false;
  }
  const re = new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return re.test(url.pathname + url.search);
}

/** Normalises what a person types ("www.example.com", "https://example.com/x") to a host, or null. */
export function hostFromInput(input: string): string | null {
  const text = input.trim().toLowerCase();
  if (!text) return null;
  try {
    const url = new URL(/^[a-z]+:\/\//.test(text) ? text : `https://${text}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!/^[a-z0-9.-]+$/.test(url.hostname) || !url.hostname.includes('.')) return null;
    return url.hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** The match patterns that cover a host the person added (the host and its subdomains). */
export function patternsForHost(host: string): string[] {
  return [`*://${host}/*`, `*://*.${host}/*`];
}

export function builtinSiteFor(url: URL): Site | undefined {
  return BUILTIN_SITES.find((site) => site.matches.some((p) => matchesPattern(p, url)));
}

export function customHostFor(url: URL, hosts: readonly string[]): string | undefined {
  return hosts.find((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
}
