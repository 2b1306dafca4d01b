/**
 * Workers Free (issue 12): the CPU of one refresh for 100, 1,000 and 1,500 published
 * occurrences, measured with `process.cpuUsage` (user + system, the CPU the isolate would be
 * billed) on Planning Center answers recorded once and replayed, so the fake's own work is not
 * counted. Printed as medians over 15 runs in the "stdout" block, with the request count and
 * the number of 40-request invocations (src/constants.ts REFRESH_MAX_UPSTREAM_REQUESTS) the
 * first, cold build takes, and µs per occurrence.
 *
 * The calendar is synthetic but shaped like a real one: an event per 30 occurrences (so 4, 34
 * and 50 EventConnections listings), weekly-ish instances 5 hours apart with HTML descriptions,
 * a tag, two published times on every fifth instance.
 *
 * Timed with vitest's bench as well (wall time, `refreshSnapshot warm` = with the previous
 * snapshot's connections, as the Cron refresh runs).
 *
 * `decode 1,000 EventInstances` isolates the decoder: the record-by-record checks
 * (`decodeRecord`) of the 1,000-occurrence calendar's instances and of their included Events,
 * EventTimes and Tags, on pages already read. Its floor, in the same group, is `JSON.parse` of
 * the same pages: work every refresh does anyway, per byte. The ratio is median ÷ floor.
 */
import { bench, describe } from 'vitest';
import type { Snapshot } from '../src/model/snapshot';
import type { PcoClient } from '../src/pco/client';
import { decodeRecord } from '../src/pco/decode';
import { readAll } from '../src/pco/paginate';
import { PCO_FIELDS, type PcoTypeName, RESOURCES, type Resource } from '../src/pco/wire';
import { type PartialBuild, refreshSlice, refreshSnapshot } from '../src/snapshot/refresh';
import { cpuMedian } from './cpu';
import { benchCalendar, BENCH_CONFIG as config, replayingClient } from './refresh-calendar';

const now = new Date();

const sizes = [100, 1_000, 1_500];
const cases: { size: number; client: PcoClient; cold: Snapshot }[] = [];
const lines: string[] = [];
for (const size of sizes) {
  const client = replayingClient(benchCalendar(size));
  // The cold build as the Worker runs it: slices of at most 40 requests.
  let invocations = 0;
  let requests = 0;
  const carry = {};
  let outcome: Snapshot | PartialBuild;
  do {
    invocations += 1;
    outcome = await refreshSlice({ client, config, now, connectionsCarry: carry });
    requests += outcome.upstreamRequests;
  } while ('partial' in outcome);
  const cold = outcome;
  const warm = await cpuMedian(() => refreshSnapshot({ client, config, now, previous: cold }));
  const full = await cpuMedian(() => refreshSnapshot({ client, config, now }));
  cases.push({ size, client, cold });
  lines.push(
    `  ${String(cold.occurrences.length).padStart(5)} occurrences: cold build ${requests} requests in ${invocations} invocation(s); refresh CPU median warm ${warm.toFixed(1)} ms (${((warm / cold.occurrences.length) * 1000).toFixed(0)} µs/occurrence), without cached connections ${full.toFixed(1)} ms`,
  );
}
console.log(
  ['Workers Free: CPU of one refresh (process.cpuUsage, median of 15)', ...lines].join('\n'),
);

describe('refresh of a synthetic church (wall time, recorded answers)', () => {
  for (const { size, client, cold } of cases) {
    bench(
      `refreshSnapshot warm, ${size} occurrences`,
      async () => void (await refreshSnapshot({ client, config, now, previous: cold })),
      { time: 1_000, iterations: 5, warmupIterations: 1 },
    );
  }
});

/** The 1,000-occurrence calendar's instance pages, as `readInstances` requests them. */
const pages = await (async () => {
  const thousand = cases.find((c) => c.size === 1_000);
  if (!thousand) throw new Error('no 1,000-occurrence case');
  const fields = (type: PcoTypeName) => PCO_FIELDS[type].join(',');
  const { data, included } = await readAll(thousand.client, '/calendar/v2/event_instances', {
    include: 'event,event_times,tags',
    order: 'starts_at',
    'fields[EventInstance]': fields('EventInstance'),
    'fields[Event]': fields('Event'),
    'fields[EventTime]': fields('EventTime'),
    'fields[Tag]': fields('Tag'),
  });
  if (data.length !== 1_000) throw new Error(`expected 1,000 instances, read ${data.length}`);
  return { data, included, text: JSON.stringify({ data, included }) };
})();

/** Decodes every record of `pages` against its type's declaration; counts the decoded ones. */
function decodeAll(data: readonly Resource[], included: readonly Resource[]): number {
  let ok = 0;
  for (const resource of data) if (decodeRecord(resource, RESOURCES.EventInstance).ok) ok += 1;
  for (const resource of included) {
    const type = resource.type as PcoTypeName;
    if (type in RESOURCES && decodeRecord(resource, RESOURCES[type]).ok) ok += 1;
  }
  return ok;
}
if (decodeAll(pages.data, pages.included) !== pages.data.length + pages.included.length)
  throw new Error('a record of the bench calendar did not decode');

describe('decode 1,000 EventInstances (with their included records)', () => {
  const options = { time: 1_000, iterations: 10, warmupIterations: 2 };
  bench('floor: JSON.parse of the same pages', () => void JSON.parse(pages.text), options);
  bench(
    'decodeRecord ×1,000 instances + included',
    () => {
      decodeAll(pages.data, pages.included);
    },
    options,
  );
});
