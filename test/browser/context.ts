/** What the browser suite's global setup hands to the tests, and the fixed loopback ports. */

/**
 * `wrangler dev` (demo mode) of the app: loopback, away from 8787/8788/8790/8791.
 * `BROWSER_APP_PORT` overrides it, so two checkouts can run the suite side by side.
 */
export const APP_PORT = Number(process.env.BROWSER_APP_PORT ?? 8795);
/** The host page server: a second origin that embeds the widget (`BROWSER_HOST_PORT`). */
export const HOST_PORT = Number(process.env.BROWSER_HOST_PORT ?? 8796);
/** Where Chromium is expected (Debian's `chromium` package). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Chromium flags for this machine (no sandbox as root, no network side traffic). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Screenshots of every view go here (git-ignored). */
export const SCREENSHOT_DIR = 'test-results/browser';

/** Values provided to the tests. */
export interface BrowserContext {
  appOrigin: string;
  hostOrigin: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    browser: BrowserContext;
  }
}
