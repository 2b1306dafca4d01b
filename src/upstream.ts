/**
 * The PCO client of the configured upstream: Planning Center itself with the Personal Access
 * Token, or, in demo mode, the built-in fake PCO server serving the demo church calendar
 * in-process. Both go through the same client, paging, validation and rendering code.
 */
import { DEMO_APP_ID, DEMO_PCO_API_BASE, DEMO_SECRET } from './constants';
import type { Upstream } from './env';
import { buildDemoDataset } from './fake-pco/demo-data';
import { withOddRecords } from './fake-pco/odd-records';
import { FakePco } from './fake-pco/server';
import { type FetchLike, PcoClient, type PcoClientOptions } from './pco/client';

/** Test and tuning hooks for {@link createPcoClient}. */
export type ClientOverrides = Partial<Omit<PcoClientOptions, 'baseUrl' | 'appId' | 'secret'>>;

let demo: { day: string; server: FakePco } | undefined;

/** The demo fake, rebuilt once per UTC day so its calendar stays relative to today. */
function demoServer(now: Date): FakePco {
  const day = now.toISOString().slice(0, 10);
  if (demo?.day !== day) {
    demo = {
      day,
      server: new FakePco({
        dataset: withOddRecords(buildDemoDataset(now), now),
        credentials: { appId: DEMO_APP_ID, secret: DEMO_SECRET },
      }),
    };
  }
  return demo.server;
}

/**
 * A PCO client for `upstream`.
 *
 * @param overrides e.g. an injected `fetch` (tests) or shorter timeouts
 * @param now the clock used to date the demo calendar
 */
export function createPcoClient(
  upstream: Upstream,
  overrides: ClientOverrides = {},
  now = new Date(),
): PcoClient {
  if (upstream.mode === 'live') {
    return new PcoClient({
      ...overrides,
      baseUrl: upstream.baseUrl,
      appId: upstream.appId,
      secret: upstream.secret,
    });
  }
  demoServer(now);
  // Resolve the fake per request, so a long-lived client follows the day's demo calendar.
  const fetchDemo: FetchLike = (request) => demoServer(new Date()).fetch(request);
  return new PcoClient({
    ...overrides,
    fetch: overrides.fetch ?? fetchDemo,
    baseUrl: DEMO_PCO_API_BASE,
    appId: DEMO_APP_ID,
    secret: DEMO_SECRET,
  });
}
