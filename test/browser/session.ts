/**
 * One Chromium per browser test file: launched before the file's tests, and closed with every
 * context the tests opened after them (an open context would keep its pages' connections to
 * `wrangler dev`). Call {@link chromiumSession} at the top level of a spec file.
 */
import {
  type Browser,
  type BrowserContextOptions,
  type BrowserContext as ChromiumContext,
  chromium,
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './context';

/** Opens browser contexts in this file's Chromium; each is closed after the file. */
export interface ChromiumSession {
  /**
   * A new context (its own cookies, cache, viewport, zone and locale).
   * @throws {Error} outside a test or hook of the file (Chromium is not running then)
   */
  newContext(options?: BrowserContextOptions): Promise<ChromiumContext>;
}

/** Registers the file's `beforeAll` (launch) and `afterAll` (close contexts, then Chromium). */
export function chromiumSession(): ChromiumSession {
  let browser: Browser | undefined;
  const contexts: ChromiumContext[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
  });
  return {
    async newContext(options) {
      if (!browser) throw new Error('Chromium is not running: open contexts inside tests');
      const context = await browser.newContext(options);
      contexts.push(context);
      return context;
    },
  };
}
