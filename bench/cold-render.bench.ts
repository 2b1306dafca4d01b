/**
 * Workers Free (issue 12): the CPU of one cold render for 100, 1,000 and 1,500 occurrences,
 * measured with `process.cpuUsage` (bench/cpu.ts), medians of 15, printed in the "stdout" block.
 *
 * "Cold" is the first request for a snapshot this isolate has not rendered yet: its fragments
 * (render/fragments) are built from scratch for what the request selects, then joined and
 * streamed to the end. "Hit" is the next request of the same query in the same isolate (the
 * fragments exist; nothing is built). Workers Caching answers repeat requests before the
 * Worker runs at all, so a hit in the Worker happens only for a new query or after a purge.
 * Not included: reading and parsing the snapshot from KV, once per isolate and snapshot.
 *
 * Rows: `/calendar.ics` (every occurrence), `/feed.rss` (its default 50 items) and
 * `/feed.json` (50 items), on the synthetic calendar of bench/synthetic.ts.
 *
 * "After one change" is the first request for the next snapshot in a warm isolate: the same
 * calendar with one occurrence changed, loaded as another isolate would (every occurrence a
 * new object), whose fragment set takes over the earlier set's unchanged fragments.
 */
import { bench, describe } from 'vitest';
import type { Occurrence } from '../src/model/occurrence';
import type { Snapshot } from '../src/model/snapshot';
import { joinedStream } from '../src/render/byte-stream';
import { SnapshotFragments } from '../src/render/fragments';
import { cpuMedian } from './cpu';
import { CONTEXT, generate } from './synthetic';

/** Items a feed carries by default (README "Feeds"). */
const FEED_ITEMS = 50;

/** Reads a body stream to the end, as the runtime does when it sends it. */
async function drain(stream: ReadableStream<Uint8Array>): Promise<void> {
  const reader = stream.getReader();
  while (!(await reader.read()).done) {
    // each chunk is sent
  }
}

type Pieces = (fragments: SnapshotFragments, occurrences: readonly Occurrence[]) => Uint8Array[];

const ROUTES: { name: string; pieces: Pieces; items?: number }[] = [
  { name: '/calendar.ics', pieces: (f, o) => f.icsPieces(o) },
  { name: '/feed.rss', pieces: (f, o) => f.feedPieces('rss', o), items: FEED_ITEMS },
  { name: '/feed.json', pieces: (f, o) => f.feedPieces('json', o), items: FEED_ITEMS },
];

/** `snapshot` as the next version with its middle occurrence retitled, every object new. */
function nextSnapshot(snapshot: Snapshot): Snapshot {
  const occurrences = structuredClone(snapshot.occurrences);
  const middle = occurrences[Math.floor(occurrences.length / 2)];
  if (middle) middle.title = `${middle.title} (moved)`;
  return { ...snapshot, occurrences, version: `${snapshot.version}-next` };
}

const lines: string[] = [];
const cases: { size: number; snapshot: Snapshot; all: readonly Occurrence[] }[] = [];
for (const size of [100, 1_000, 1_500]) {
  const { snapshot } = await generate(size);
  const all = snapshot.occurrences;
  const cells: string[] = [];
  for (const route of ROUTES) {
    const selected = route.items ? all.slice(0, route.items) : all;
    const cold = await cpuMedian(
      (fragments: SnapshotFragments) => drain(joinedStream(route.pieces(fragments, selected))),
      15,
      () => new SnapshotFragments(snapshot, CONTEXT),
    );
    const warm = new SnapshotFragments(snapshot, CONTEXT);
    route.pieces(warm, selected);
    const hit = await cpuMedian(() => drain(joinedStream(route.pieces(warm, selected))));
    const next = nextSnapshot(snapshot);
    const nextSelected = route.items ? next.occurrences.slice(0, route.items) : next.occurrences;
    const changed = await cpuMedian(
      (fragments: SnapshotFragments) => drain(joinedStream(route.pieces(fragments, nextSelected))),
      15,
      () => new SnapshotFragments(next, CONTEXT, warm),
    );
    cells.push(
      `${route.name} cold ${cold.toFixed(2)} ms, after one change ${changed.toFixed(2)} ms, hit ${hit.toFixed(2)} ms`,
    );
  }
  lines.push(`  ${String(size).padStart(5)} occurrences: ${cells.join('; ')}`);
  cases.push({ size, snapshot, all });
}
console.log(
  ['Workers Free: CPU of one render (process.cpuUsage, median of 15)', ...lines].join('\n'),
);

describe('cold /calendar.ics render (wall time, fresh fragments each run)', () => {
  for (const { size, all, snapshot } of cases) {
    bench(
      `${size} occurrences`,
      async () => {
        await drain(joinedStream(new SnapshotFragments(snapshot, CONTEXT).icsPieces(all)));
      },
      { time: 1_000, iterations: 5, warmupIterations: 1 },
    );
  }
});
