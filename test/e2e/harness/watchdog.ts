// Turns a driver call that never returns into an error that names it. A windowed Firefox scenario
// sometimes stalls with no error of its own; each call has a deadline well above its own waits, so a
// stall fails fast, says where it was, and leaves time for the retry.
import type { BrowserSession, TestPage } from './session';

export class StalledError extends Error {}

/** `promise`, or a StalledError naming `what` (described only then) once `ms` pass without it settling. */
export function within<T>(what: string | (() => string), ms: number, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const name = typeof what === 'string' ? what : what();
      const error = new StalledError(`${name} did not return within ${ms} ms`);
      // Logged at once: a later step (or the test timeout) may hide the first stall.
      console.warn(`[watchdog] ${error.message}`);
      reject(error);
    }, ms);
  });
  return Promise.race([promise, stalled]).finally(() => clearTimeout(timer));
}

const describeArg = (arg: unknown): string => {
  if (typeof arg === 'function') return 'fn';
  const text = JSON.stringify(arg) ?? String(arg);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** `page` with every method that returns a promise held to `ms`. */
export function watchPage(page: TestPage, ms: number): TestPage {
  return new Proxy(page, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        // Described lazily: arguments can be whole files as base64.
        return within(() => `page.${String(key)}(${args.map(describeArg).join(', ')})`, ms, result);
      };
    },
  });
}

/** `session` whose pages are watched and whose own calls are held to `ms`. */
export function watchSession(session: BrowserSession, ms: number): BrowserSession {
  return {
    ...session,
    newPage: async () => watchPage(await within('newPage()', ms, session.newPage()), ms),
    openExtensionPage: async (path) =>
      watchPage(await within(`openExtensionPage(${path})`, ms, session.openExtensionPage(path)), ms),
    close: () => within('close()', ms, session.close()),
  };
}
