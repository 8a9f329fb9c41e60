// A browser with the extension and the demo site's server, for one describe block: started before its
// tests, and closed after them once the privacy promise is checked (nothing left the machine).
import { afterAll, beforeAll, expect } from 'vitest';
import { startServer } from '../../server.mjs';
import { launch } from './index';
import { forbiddenRequests } from './network-recorder';
import type { BrowserName, BrowserSession, LaunchOptions } from './session';

export interface DemoSession {
  server: Awaited<ReturnType<typeof startServer>>;
  session: BrowserSession;
}

export function useDemoSession(name: BrowserName, options: LaunchOptions = {}): DemoSession {
  const ctx = {} as DemoSession;
  beforeAll(async () => {
    ctx.server = await startServer();
    ctx.session = await launch(name, options);
  });
  afterAll(async () => {
    if (ctx.session) expect(forbiddenRequests(ctx.session.network, name)).toEqual([]);
    await ctx.session?.close();
    await ctx.server?.close();
  });
  return ctx;
}
