/**
 * Test harness: the app in live mode against its own in-process fake PCO (the client's real
 * code, with the fake's handler as transport), the real KV binding, an execution context whose
 * background work (`waitUntil`) is awaited after every request, and a clock tests can move.
 */

import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { inject } from 'vitest';
import { type AppOptions, createApp, createWorker } from '../../src/app';
import type { Bindings } from '../../src/env';
import type { FakeDataset } from '../../src/fake-pco/dataset';
import { FakePco } from '../../src/fake-pco/server';
import { buildTestChurch, TEST_CREDENTIALS } from '../fixtures/church';

/** Live-mode bindings of the test church. */
export const LIVE: Bindings = {
  SNAPSHOTS: env.SNAPSHOTS,
  PCO_APP_ID: TEST_CREDENTIALS.appId,
  PCO_SECRET: TEST_CREDENTIALS.secret,
  PCO_API_BASE: 'https://pco.test',
  // The test church publishes its attachments (they are private by default).
  PUBLISH_ATTACHMENTS: 'true',
};

/** The feed routes. */
export const FEED_ROUTES = [
  '/calendar.ics',
  '/feed.rss',
  '/feed.atom',
  '/feed.json',
  '/events.json',
];

/** An app, its fake PCO, and helpers. */
export interface LiveApp {
  fake: FakePco;
  worker: ReturnType<typeof createWorker>;
  /** Sends a request and waits for its background work. */
  request: (path: string, init?: RequestInit, bindings?: Bindings) => Promise<Response>;
  /** Moves the app's clock forward (snapshot ages, refresh times). */
  advance: (seconds: number) => void;
  /** PCO requests made so far. */
  upstream: () => number;
}

/**
 * A live app over the test church (or `dataset`), with fast client retries.
 *
 * @param bindings extra bindings (e.g. ADMIN_TOKEN), merged over {@link LIVE}
 * @param extra app options beyond the harness's own (an injected Workers Caching purge)
 */
export function liveApp(
  bindings: Bindings = {},
  dataset?: FakeDataset,
  extra: Pick<AppOptions, 'purge'> = {},
): LiveApp {
  let offsetMs = 0;
  // The fake's clock moves with the app's, so its rate-limit window passes when the app waits.
  const fake = new FakePco({
    dataset: dataset ?? buildTestChurch(new Date(inject('fixtureNow'))).dataset,
    credentials: TEST_CREDENTIALS,
    now: () => Date.now() + offsetMs,
  });
  const options = {
    ...extra,
    now: () => new Date(Date.now() + offsetMs),
    sleep: async () => undefined,
    client: {
      fetch: (request: Request) => fake.fetch(request),
      retryBaseDelayMs: 1,
      timeoutMs: 100,
      sleep: async () => undefined,
    },
  };
  const worker = createWorker(options);
  const merged = { ...LIVE, ...bindings };
  const request = async (path: string, init: RequestInit = {}, extra: Bindings = {}) => {
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request(`https://feeds.test${path}`, init),
      { ...merged, ...extra },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return response;
  };
  return {
    fake,
    worker,
    request,
    advance: (seconds) => {
      offsetMs += seconds * 1000;
    },
    upstream: () => fake.requests.length,
  };
}

export { createApp };
