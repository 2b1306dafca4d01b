/**
 * Issue 12's Workers Free figures under `wrangler dev`, counted at the fake Planning Center:
 * one refresh of this suite's calendar stays within Workers Free's 50 subrequests per
 * invocation, and subscribers after it cost Planning Center nothing (they are served from the
 * snapshot, whatever the route, query or conditional headers).
 */
import { describe, expect, it } from 'vitest';
import {
  fetchApp,
  RESTART_TIMEOUT_MS,
  refreshApp,
  restartApp,
  upstreamRequests,
} from './support/context';

/** Workers Free: subrequests per invocation. */
const FREE_SUBREQUESTS = 50;

/** What subscribers ask for: every public route, a few queries, and a conditional GET. */
const SUBSCRIBER_PATHS = [
  '/calendar.ics',
  '/feed.rss',
  '/feed.atom',
  '/feed.json',
  '/events.json',
  '/',
  '/widget',
  '/widget?view=month',
  '/widget?view=week',
  '/widget?view=tiles',
  '/calendar.ics?days=30',
  '/feed.rss?limit=5',
  '/feed.json?utm_source=newsletter',
  '/events.json?limit=3',
  '/widget?lang=es',
  '/widget.jsonld',
  '/sitemap.xml',
  '/calendar.ics',
  '/feed.rss',
  '/health',
] as const;

// A restart, and an admin refresh right after it, may wait out the fake's rate-limit window.
describe('upstream requests under wrangler dev', { timeout: RESTART_TIMEOUT_MS }, () => {
  it('a cold start (the app restarted with empty state) reads the client calendar in at most 50 Planning Center requests', async () => {
    const before = await upstreamRequests();
    const startedMs = Date.now();
    // The restart waits until `/calendar.ics` answers 200: the cold refresh is then whole.
    await restartApp();
    const coldCost = (await upstreamRequests()) - before;
    const seconds = ((Date.now() - startedMs) / 1000).toFixed(1);
    console.log(`wrangler dev: cold start ${coldCost} upstream requests, restart ${seconds} s`);
    expect(coldCost).toBeGreaterThan(0);
    expect(coldCost).toBeLessThanOrEqual(FREE_SUBREQUESTS);
  });

  it('one refresh of the client calendar makes at most 50 Planning Center requests, and 20 subscriber requests after it make none', async () => {
    const before = await upstreamRequests();
    await refreshApp();
    const afterRefresh = await upstreamRequests();
    const refreshCost = afterRefresh - before;
    expect(refreshCost).toBeGreaterThan(0);
    expect(refreshCost).toBeLessThanOrEqual(FREE_SUBREQUESTS);

    expect(SUBSCRIBER_PATHS).toHaveLength(20);
    for (const path of SUBSCRIBER_PATHS) {
      const response = await fetchApp(path);
      await response.arrayBuffer();
    }
    const subscriberCost = (await upstreamRequests()) - afterRefresh;
    console.log(
      `wrangler dev: refresh ${refreshCost} upstream requests; 20 subscriber requests after it ${subscriberCost}`,
    );
    expect(subscriberCost).toBe(0);
  });
});
