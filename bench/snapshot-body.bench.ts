/**
 * The KV snapshot body (issue 12): schema 3 (src/snapshot/stored-snapshot.ts: each event's
 * shared data once, occurrences referring to it) against schema 2 (the whole snapshot, every
 * occurrence whole, `gzip(JSON.stringify(snapshot))`, rebuilt here as it was), on the same
 * snapshots: ./synthetic.ts's 1,000 and 10,000 occurrences (its mix: HTML descriptions, tags,
 * images, attachments, connections) and the refresh benchmark's church of 1,000
 * (./refresh-calendar.ts).
 *
 * Printed once (the "stdout" block): JSON and gzipped bytes of each body, and the ratio.
 * Timed: encoding a body (what a refresh that publishes adds) and decoding it (what every
 * isolate pays to load the snapshot), 1,000 occurrences, each format.
 */
import { bench, describe } from 'vitest';
import { decodeSnapshotBody, encodeSnapshotBody, gunzip, gzip } from '../src/cache/snapshot-store';
import type { Snapshot } from '../src/model/snapshot';
import { refreshSnapshot } from '../src/snapshot/refresh';
import { storedSnapshotJson } from '../src/snapshot/stored-snapshot';
import { BENCH_CONFIG, benchCalendar, replayingClient } from './refresh-calendar';
import { generate } from './synthetic';

const KiB = 1024;
const kib = (bytes: number) => `${(bytes / KiB).toFixed(1)} KiB`;

/** One line comparing both bodies of `snapshot`. */
async function sizes(name: string, snapshot: Snapshot): Promise<string> {
  const before = JSON.stringify(snapshot);
  const after = storedSnapshotJson(snapshot);
  const beforeGz = (await gzip(before)).byteLength;
  const afterGz = (await encodeSnapshotBody(snapshot)).byteLength;
  const n = snapshot.occurrences.length;
  return `  ${name} (${n} occurrences): schema 2 ${kib(before.length)} JSON, ${kib(beforeGz)} gzipped (${(beforeGz / n).toFixed(0)} B/occurrence); schema 3 ${kib(after.length)} JSON, ${kib(afterGz)} gzipped (${(afterGz / n).toFixed(0)} B/occurrence); gzipped ×${(afterGz / beforeGz).toFixed(2)}`;
}

const synthetic1k = (await generate(1_000)).snapshot;
const synthetic10k = (await generate(10_000)).snapshot;
const church = await refreshSnapshot({
  client: replayingClient(benchCalendar(1_000)),
  config: BENCH_CONFIG,
  now: new Date(),
});
console.log(
  [
    'KV snapshot body, schema 2 (every occurrence whole) vs schema 3 (event data once)',
    await sizes('synthetic', synthetic1k),
    await sizes('synthetic', synthetic10k),
    await sizes('refresh bench church', church),
  ].join('\n'),
);

const schema2 = await gzip(JSON.stringify(synthetic1k));
const schema3 = await encodeSnapshotBody(synthetic1k);
const options = { time: 1_000, iterations: 10, warmupIterations: 2 };

describe('KV snapshot body, synthetic 1,000 occurrences', () => {
  bench('encode schema 2', async () => void (await gzip(JSON.stringify(synthetic1k))), options);
  bench('encode schema 3', async () => void (await encodeSnapshotBody(synthetic1k)), options);
  bench('decode schema 2', async () => void JSON.parse(await gunzip(schema2)), options);
  bench('decode schema 3', async () => void (await decodeSnapshotBody(schema3)), options);
});
