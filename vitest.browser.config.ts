/**
 * `npm run test:browser`: the widget, the subscribe page and `/embed.js` in real Chromium
 * (Debian's `chromium`, driven by playwright-core) against `wrangler dev` in demo mode. Runs in
 * Node: the global setup starts the app on 127.0.0.1:8795 and a second-origin host page server
 * on 127.0.0.1:8796 (test/browser/global-setup.ts).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.spec.ts'],
    environment: 'node',
    globalSetup: ['test/browser/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
