// Recent checks (summaries only) for the popup, kept in session storage so they vanish when the
// browser closes; counts are kept in local storage. Writes go through one promise chain so two
// uploads finishing together cannot overwrite each other.
import browser from 'webextension-polyfill';
import type { CheckSummary, Stats } from '../core/protocol';

const RECENT_KEY = 'recentChecks';
const STATS_KEY = 'stats';
const MAX_RECENT = 50;

let queue: Promise<unknown> = Promise.resolve();
function serialised<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

function sessionArea(): browser.Storage.StorageArea {
  // storage.session: Chrome 102+, Firefox 115+.
  return browser.storage.session ?? browser.storage.local;
}

function emptyStats(): Stats {
  return { checked: 0, warnings: 0, copies: 0, idNumbers: 0 };
}

export async function readRecent(): Promise<{ recent: CheckSummary[]; stats: Stats }> {
  const [session, local] = await Promise.all([
    sessionArea().get(RECENT_KEY),
    browser.storage.local.get(STATS_KEY),
  ]);
  const recent = Array.isArray(session[RECENT_KEY]) ? (session[RECENT_KEY] as CheckSummary[]) : [];
  const stats = { ...emptyStats(), ...(local[STATS_KEY] as Partial<Stats> | undefined) };
  return { recent, stats };
}

export function recordCheck(summary: CheckSummary): Promise<void> {
  return serialised(async () => {
    const { recent, stats } = await readRecent();
    const warned = summary.risk === 'high' || summary.risk === 'medium';
    const copied = summary.choice === 'blurred' || summary.choice === 'stripped';
    await Promise.all([
      sessionArea().set({ [RECENT_KEY]: [summary, ...recent].slice(0, MAX_RECENT) }),
      browser.storage.local.set({
        [STATS_KEY]: {
          ...stats,
          checked: stats.checked + 1,
          warnings: stats.warnings + (warned ? 1 : 0),
          copies: stats.copies + (copied ? 1 : 0),
        },
      }),
    ]);
  });
}

/** Most identity numbers one message may add: a post holds a few, never hundreds. */
const MAX_ID_NUMBERS = 50;

export function recordIdNumbers(count: number): Promise<void> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_ID_NUMBERS) return Promise.resolve();
  return serialised(async () => {
    const { stats } = await readRecent();
    await browser.storage.local.set({ [STATS_KEY]: { ...stats, idNumbers: stats.idNumbers + count } });
  });
}

export function clearRecent(): Promise<void> {
  return serialised(() => sessionArea().remove(RECENT_KEY));
}
