/**
 * Upstream requests and time of one full refresh of the demo calendar.
 *
 * Printed once, before the timings (the "stdout | bench/refresh.bench.ts" block):
 * - `demo client`: `createPcoClient({ mode: 'demo', pco: DEMO_PCO })` exactly as the Worker builds it, and
 *   `refreshSnapshot` with `parseConfig({})` (the default window): its
 *   `snapshot.upstreamRequests` and occurrence count, cold and then with the first snapshot
 *   as `previous`;
 * - `instrumented`: the same refresh through the same client, but with the fake PCO passed in
 *   as `fetch` (built exactly as src/upstream.ts builds its private demo fake:
 *   `buildDemoDataset(now)` with the demo credentials), so its `requests` log can be split by
 *   endpoint, and N (instances in the window) and A (attachments) read from the answers'
 *   `meta.total_count` and checked against the dataset.
 * The documented cost (src/snapshot/refresh.ts) is 1 + ⌈N/100⌉ + ⌈A/100⌉ requests plus one
 * `/event_connections` listing per published event whose cached connections are stale; the
 * check prints the requests without those listings against ⌈N/100⌉ + ⌈A/100⌉ + 5.
 *
 * Timed (ms per refresh, whole demo read through the in-process fake, which is what demo mode
 * costs a Worker; a live refresh adds network latency per request): `cold` with no previous
 * snapshot, `warm` reusing the connections of the previous one. These use their own fake with
 * the rate limit raised, since the real 100 requests per 20 s would make repeated runs wait.
 */
import { bench, describe } from 'vitest';
import { DEMO_APP_ID, DEMO_SECRET } from '../src/constants';
import { DEMO_PCO } from '../src/demo/pco';
import type { Upstream } from '../src/env';
import { parseConfig } from '../src/env';
import { buildDemoDataset } from '../src/fake-pco/demo-data';
import { FakePco } from '../src/fake-pco/server';
import type { Snapshot } from '../src/model/snapshot';
import type { FetchLike } from '../src/pco/client';
import { refreshSnapshot } from '../src/snapshot/refresh';
import { createPcoClient } from '../src/upstream';

const DEMO_UPSTREAM: Upstream = { mode: 'demo', pco: DEMO_PCO };

const config = parseConfig({}, DEMO_PCO);
const now = new Date();
/** The next refresh, a minute later: cached connections (kept up to a day) are reused. */
const later = new Date(now.getTime() + 60_000);
const credentials = { appId: DEMO_APP_ID, secret: DEMO_SECRET };

/** Requests of one refresh by endpoint, from the fake's log (index = first entry of it). */
function requestsByEndpoint(fake: FakePco, since: number) {
  const counts = { organization: 0, instances: 0, attachments: 0, connections: 0, other: 0 };
  for (const record of fake.requests.slice(since)) {
    const path = new URL(record.url).pathname;
    if (path === '/calendar/v2') counts.organization += 1;
    else if (path.endsWith('/event_instances')) counts.instances += 1;
    else if (path.endsWith('/attachments')) counts.attachments += 1;
    else if (path.endsWith('/event_connections')) counts.connections += 1;
    else counts.other += 1;
  }
  return counts;
}

// 1. The Worker's own demo client.
const demoClient = createPcoClient(DEMO_UPSTREAM);
const plainCold = await refreshSnapshot({ client: demoClient, config, now });
const plainWarm = await refreshSnapshot({
  client: demoClient,
  config,
  now: later,
  previous: plainCold,
});

// 2. The same refresh with the fake passed in, to see its request log and totals.
const dataset = buildDemoDataset(now);
const fake = new FakePco({ dataset, credentials });
const totals = new Map<string, number>();
const recordingFetch: FetchLike = async (request) => {
  const response = await fake.fetch(request);
  const path = new URL(request.url).pathname.replace(/^.*\//, '');
  if ((path === 'event_instances' || path === 'attachments') && response.ok) {
    const document = (await response.clone().json()) as { meta?: { total_count?: number } };
    totals.set(path, document.meta?.total_count ?? Number.NaN);
  }
  return response;
};
const client = createPcoClient(DEMO_UPSTREAM, { fetch: recordingFetch });
const cold = await refreshSnapshot({ client, config, now });
const coldCounts = requestsByEndpoint(fake, 0);
const logged = fake.requests.length;
const warm = await refreshSnapshot({ client, config, now: later, previous: cold });
const warmCounts = requestsByEndpoint(fake, logged);

const n = totals.get('event_instances') ?? Number.NaN;
const a = totals.get('attachments') ?? Number.NaN;
const nFromDataset = dataset.instances.filter(
  (i) => i.attributes.ends_at >= cold.window.from && i.attributes.starts_at <= cold.window.to,
).length;
const bound = Math.ceil(n / 100) + Math.ceil(a / 100) + 5;
const withoutConnections = (snapshot: Snapshot, connections: number) =>
  snapshot.upstreamRequests - connections;
const publishedEvents = new Set(cold.occurrences.map((o) => o.eventId)).size;

console.log(
  [
    `Demo refresh at ${now.toISOString()} (window ${cold.window.from} → ${cold.window.to})`,
    `  demo client   cold: ${plainCold.upstreamRequests} requests, ${plainCold.occurrences.length} occurrences`,
    `  demo client   warm: ${plainWarm.upstreamRequests} requests, ${plainWarm.occurrences.length} occurrences (previous = cold)`,
    `  instrumented  cold: ${cold.upstreamRequests} requests = ${JSON.stringify(coldCounts)}, ${cold.occurrences.length} occurrences`,
    `  instrumented  warm: ${warm.upstreamRequests} requests = ${JSON.stringify(warmCounts)}, ${warm.occurrences.length} occurrences`,
    `  N (instances in window) = ${n} (dataset: ${nFromDataset}), A (attachments) = ${a} (dataset: ${dataset.attachments.length})`,
    `  published events = ${publishedEvents} (one /event_connections listing each when the cache is cold)`,
    `  bound ⌈N/100⌉ + ⌈A/100⌉ + 5 = ${bound}; requests without /event_connections: cold ${withoutConnections(cold, coldCounts.connections)}, warm ${withoutConnections(warm, warmCounts.connections)}`,
    `  /event_connections requests: cold ${coldCounts.connections}, warm ${warmCounts.connections}`,
  ].join('\n'),
);

// 3. Timings, against a fake whose rate limit never bites.
const unlimited = new FakePco({
  dataset,
  credentials,
  rateLimit: { limit: 1_000_000, periodSeconds: 20 },
});
const timedClient = createPcoClient(DEMO_UPSTREAM, { fetch: unlimited.fetch });
const options = { time: 1_000, iterations: 10, warmupIterations: 2 };

describe(`demo refresh (${cold.occurrences.length} occurrences)`, () => {
  bench(
    'refreshSnapshot cold',
    async () => void (await refreshSnapshot({ client: timedClient, config, now })),
    options,
  );
  bench(
    'refreshSnapshot warm (previous)',
    async () =>
      void (await refreshSnapshot({ client: timedClient, config, now: later, previous: cold })),
    options,
  );
});
