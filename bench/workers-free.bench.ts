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
 */
import { bench, describe } from 'vitest';
import type { Snapshot } from '../src/model/snapshot';
import type { PcoClient } from '../src/pco/client';
import { type PartialBuild, refreshSlice, refreshSnapshot } from '../src/snapshot/refresh';
import { benchCalendar, BENCH_CONFIG as config, replayingClient } from './refresh-calendar';

const now = new Date();

/** Median CPU milliseconds of `run` over `runs` runs. */
async function cpuMedian(run: () => Promise<unknown>, runs = 15): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const before = process.cpuUsage();
    await run();
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

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
