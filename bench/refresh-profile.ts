/**
 * `npm run bench:refresh-profile`: a CPU profile of warm refreshes of 1,000 occurrences
 * (issue 12). Builds the benchmark's synthetic church (bench/refresh-calendar.ts), records its
 * answers with one cold build, then profiles `PROFILE_RUNS` warm refreshes (the previous
 * snapshot's EventConnections reused, as the Cron refresh runs), each followed by the encoding
 * of its KV body, as a refresh that publishes does. Writes
 * `node_modules/.cache/pco-feeds/refresh.cpuprofile` (open it in Chrome DevTools) and prints the
 * top self times.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { encodeSnapshotBody } from '../src/cache/snapshot-store';
import { refreshSnapshot } from '../src/snapshot/refresh';
import { BENCH_CONFIG, benchCalendar, replayingClient } from './refresh-calendar';

const SIZE = Number(process.env.PROFILE_OCCURRENCES ?? 1_000);
const RUNS = Number(process.env.PROFILE_RUNS ?? 40);
const OUT = 'node_modules/.cache/pco-feeds';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self milliseconds by function, highest first. */
function topSelfTimes(profile: {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const name = frame
      ? `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\//, '')}:${frame.lineNumber + 1}`
      : '?';
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]);
}

const now = new Date();
const client = replayingClient(benchCalendar(SIZE));
const cold = await refreshSnapshot({ client, config: BENCH_CONFIG, now });
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const started = process.cpuUsage();
let bodyBytes = 0;
for (let i = 0; i < RUNS; i += 1) {
  const snapshot = await refreshSnapshot({ client, config: BENCH_CONFIG, now, previous: cold });
  bodyBytes = (await encodeSnapshotBody(snapshot)).byteLength;
}
const used = process.cpuUsage(started);
const { profile } = await session.post('Profiler.stop');
mkdirSync(OUT, { recursive: true });
writeFileSync(`${OUT}/refresh.cpuprofile`, JSON.stringify(profile));
const top = topSelfTimes(profile as unknown as Parameters<typeof topSelfTimes>[0]);
const total = top.reduce((sum, [, ms]) => sum + ms, 0);
console.log(
  `${RUNS} warm refreshes of ${cold.occurrences.length} occurrences, each + KV body encode (${bodyBytes} bytes gzipped): ${((used.user + used.system) / 1000 / RUNS).toFixed(1)} ms CPU each`,
);
for (const [name, ms] of top.slice(0, Number(process.env.PROFILE_TOP ?? 30)))
  console.log(
    `${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${name}`,
  );
