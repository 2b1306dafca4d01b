/**
 * The synthetic church of the refresh benchmarks (issue 12), and a PCO client that replays
 * its fake's answers, so that timing a refresh counts none of the fake's own work.
 */
import { DEMO_APP_ID, DEMO_SECRET } from '../src/constants';
import { parseConfig } from '../src/env';
import { DatasetBuilder } from '../src/fake-pco/builder';
import type { FakeDataset } from '../src/fake-pco/dataset';
import { FakePco } from '../src/fake-pco/server';
import { PcoClient } from '../src/pco/client';

const ZONE = 'America/Chicago';
const credentials = { appId: DEMO_APP_ID, secret: DEMO_SECRET };

/** The configuration the benchmark refreshes with (demo credentials, a made-up base URL). */
export const BENCH_CONFIG = parseConfig({
  PCO_APP_ID: DEMO_APP_ID,
  PCO_SECRET: DEMO_SECRET,
  PCO_API_BASE: 'https://pco.bench',
});

/**
 * A calendar of `count` published occurrences from now on, shaped like a real one: an event per
 * 30 occurrences (so 4, 34 and 50 EventConnections listings for 100, 1,000 and 1,500),
 * instances 5 hours apart with HTML descriptions, a tag, two published times on every fifth.
 */
export function benchCalendar(count: number): FakeDataset {
  const b = new DatasetBuilder({ name: 'Bench Church', timeZone: ZONE });
  const tag = b.tag('Worship');
  const events = Array.from({ length: Math.ceil(count / 30) }, (_, i) =>
    b.event(
      {
        name: `Series ${i}`,
        description: `<p>Series <strong>${i}</strong>: bring a friend. <a href="https://example.org/${i}">More</a></p>`,
      },
      { tags: [tag] },
    ),
  );
  const start = Date.now() + 86_400_000;
  for (let i = 0; i < count; i += 1) {
    const at = new Date(start + i * 5 * 3_600_000);
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const times = [{ start: iso(at.getTime()), end: iso(at.getTime() + 3_600_000) }];
    if (i % 5 === 0)
      times.push({ start: iso(at.getTime() + 7_200_000), end: iso(at.getTime() + 10_800_000) });
    b.instance(events[i % events.length] as (typeof events)[number], {
      times,
      location: 'Main Hall',
    });
  }
  return b.build();
}

/** A client replaying the answers of a fake recorded on first use (no fake work when timed). */
export function replayingClient(dataset: FakeDataset): PcoClient {
  const fake = new FakePco({
    dataset,
    credentials,
    rateLimit: { limit: 1_000_000_000, periodSeconds: 20 },
  });
  const recorded = new Map<string, { status: number; headers: [string, string][]; body: string }>();
  return new PcoClient({
    baseUrl: 'https://pco.bench',
    ...credentials,
    fetch: async (request) => {
      let answer = recorded.get(request.url);
      if (!answer) {
        const response = await fake.fetch(request);
        answer = {
          status: response.status,
          headers: [...response.headers],
          body: await response.text(),
        };
        recorded.set(request.url, answer);
      }
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    },
  });
}
