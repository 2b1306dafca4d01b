/**
 * `npm run test:clients`: pco-feeds under `wrangler dev`, read by real calendar and feed
 * clients (ical.js, python3-icalendar, vdirsyncer + khal, python3-feedparser, newsboat) and
 * JSON Schema validators. Runs in Node, not in workerd: the global setup starts the fake PCO
 * and the app as processes (test/clients/global-setup.ts). Files run one at a time, because
 * one of them changes the served calendar and changes it back.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/clients/**/*.spec.ts'],
    environment: 'node',
    globalSetup: ['test/clients/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
