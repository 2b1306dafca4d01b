/**
 * Tests run inside workerd (@cloudflare/vitest-pool-workers). The Worker under test (`SELF`)
 * runs in live mode against a fake Planning Center reached as its outbound service: every
 * `fetch` the Worker makes leaves the isolate and is answered by `FakePco`, running here in
 * Node with the test church. Tests rebuild the same fixture from the provided `fixtureNow`.
 */
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { FakePco } from './src/fake-pco/server';
import { buildTestChurch, TEST_CREDENTIALS } from './test/fixtures/church';

const fixtureNow = new Date().toISOString();
const church = buildTestChurch(new Date(fixtureNow));
const fakePco = new FakePco({ dataset: church.dataset, credentials: TEST_CREDENTIALS });

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          PCO_APP_ID: TEST_CREDENTIALS.appId,
          PCO_SECRET: TEST_CREDENTIALS.secret,
          PCO_API_BASE: 'https://pco.test',
          // The test church publishes its attachments (they are private by default).
          PUBLISH_ATTACHMENTS: 'true',
        },
        // Miniflare hands over its own undici Request; rebuild it as this Node's Request.
        outboundService: async (request: Request) =>
          fakePco.fetch(
            new Request(request.url, {
              method: request.method,
              headers: Object.fromEntries(request.headers),
            }),
          ),
      },
    }),
  ],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The lines the Worker logs on purpose on the error paths that negative tests provoke
    // against the fake PCO (a refresh failed by a Planning Center fault, an invalid setting, a
    // cron run): each test asserts the answer, so these stay out of the output. Any other log
    // is shown: `unexpected error: …`, a cache or KV failure, and `refresh failed: build: …`
    // (pco-feeds' own failure; the one test that provokes it spies on console.error).
    onConsoleLog: (log) =>
      /^(refresh failed: (auth|http|rate-limit|timeout|network|schema): |configuration error: |scheduled refresh: )/.test(
        log,
      )
        ? false
        : undefined,
    provide: { fixtureNow },
  },
});

declare module 'vitest' {
  export interface ProvidedContext {
    fixtureNow: string;
  }
}
