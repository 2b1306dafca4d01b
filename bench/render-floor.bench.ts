/**
 * Renders against their floor (issue 12): `/calendar.ics` for 1,000 occurrences and
 * `/feed.rss` for 1,000 items, each measured in this run against a plain string-join
 * serializer producing the same bytes (bench/floor.ts; byte identity of floor, whole-document
 * renderer and stream is asserted below before anything is timed).
 *
 * Rows per group, each producing the body's UTF-8 bytes:
 * - `floor`: the plain serializer's string, encoded once (as `new Response(string)` does);
 * - `before`: the whole-document renderer (render/ics `renderIcs`, render/feeds `renderFeed`:
 *   ical-generator / `feed` per request), encoded once;
 * - `after (cold)`: what a request does now, render/fragments `icsStream` / `feedStream`, read
 *   to the end. "Cold" means no body of this query exists anywhere (the Worker keeps no
 *   rendered body; the Cache API is not involved), while the snapshot's fragments do: they are
 *   built once per snapshot, by the first request that selects each occurrence;
 * - `build fragments`: that once-per-snapshot cost, every occurrence's fragment from scratch
 *   (a new fragment set each time), reported separately.
 * The selection itself (`selectOccurrences`) is the same for every row and not timed.
 *
 * How to read it: after the run a "stdout | bench/render-floor.bench.ts" block prints, per
 * group, the median of each row (ms per body) and its ratio to the floor's median. The issue's
 * figures: `after (cold)` ≤ 1.5× the floor for both. The 10,000-occurrence memory figure is
 * `npm run bench:heap` (bench/heap.ts), run at the end of `npm run bench`.
 */
import { bench, describe } from 'vitest';
import type { Occurrence } from '../src/model/occurrence';
import type { Snapshot } from '../src/model/snapshot';
import { renderFeed } from '../src/render/feeds';
import { feedStream, icsStream, SnapshotFragments } from '../src/render/fragments';
import { renderIcs } from '../src/render/ics';
import type { RenderContext } from '../src/render/render-context';
import { floorIcs, floorRss } from './floor';
import { CONTEXT, generate } from './synthetic';

const SIZE = 1_000;
const OPTIONS = { time: 1_500, iterations: 15, warmupIterations: 3 };
const encoder = new TextEncoder();

/** Reads a body stream to the end, as the runtime does when it sends it; returns its length. */
async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  const reader = stream.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.length;
  }
}

/** The bytes of a stream, for the identity check. */
async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

type Whole = (snapshot: Snapshot, occurrences: readonly Occurrence[], c: RenderContext) => string;
type Streamed = (
  snapshot: Snapshot,
  occurrences: readonly Occurrence[],
  c: RenderContext,
) => ReadableStream<Uint8Array>;

interface Route {
  name: string;
  floor: Whole;
  before: Whole;
  after: Streamed;
  build: (fragments: SnapshotFragments, occurrences: readonly Occurrence[]) => unknown;
}

const ROUTES: Route[] = [
  {
    name: `/calendar.ics, ${SIZE.toLocaleString('en-US')} occurrences`,
    floor: floorIcs,
    before: renderIcs,
    after: icsStream,
    build: (fragments, occurrences) => fragments.icsPieces(occurrences),
  },
  {
    name: `/feed.rss, ${SIZE.toLocaleString('en-US')} items`,
    floor: floorRss,
    before: (s, o, c) => renderFeed('rss', s, o, c),
    after: (s, o, c) => feedStream('rss', s, o, c),
    build: (fragments, occurrences) => fragments.feedPieces('rss', occurrences),
  },
];

const { snapshot } = await generate(SIZE);
const occurrences = snapshot.occurrences;

/** Per group and row, the duration of each timed run (ms), for the ratio table. */
const samples = new Map<string, Map<string, number[]>>();

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function report(group: string): void {
  const rows = samples.get(group);
  const floor = median(rows?.get('floor') ?? []);
  if (!rows || floor === 0) return;
  const lines = [...rows].map(([row, values]) => {
    const value = median(values);
    return `  ${row.padEnd(34)} ${value.toFixed(2).padStart(8)} ms  ${(value / floor).toFixed(2).padStart(6)}× floor  (${values.length} runs)`;
  });
  console.log([`${group}: medians and ratios to the floor`, ...lines].join('\n'));
}

/** A bench that also records its own durations under `group`/`row`. */
function timedBench(group: string, row: string, fn: () => unknown, last = false): void {
  let runs: number[] = [];
  bench(
    row,
    async () => {
      const start = performance.now();
      await fn();
      runs.push(performance.now() - start);
    },
    {
      ...OPTIONS,
      setup: () => {
        runs = [];
      },
      teardown: (_task, mode) => {
        if (mode !== 'run') return;
        const rows = samples.get(group) ?? new Map<string, number[]>();
        rows.set(row, runs);
        samples.set(group, rows);
        if (last) report(group);
      },
    },
  );
}

for (const route of ROUTES) {
  // Byte identity, and the fragments built once (as the first request of a snapshot does).
  const floor = encoder.encode(route.floor(snapshot, occurrences, CONTEXT));
  const before = encoder.encode(route.before(snapshot, occurrences, CONTEXT));
  const after = await bytesOf(route.after(snapshot, occurrences, CONTEXT));
  const same = (a: Uint8Array, b: Uint8Array) =>
    a.length === b.length && a.every((byte, i) => byte === b[i]);
  if (!same(floor, before) || !same(floor, after)) {
    throw new Error(`${route.name}: floor, before and after do not write the same bytes`);
  }
  console.log(
    `${route.name}: ${floor.length.toLocaleString('en-US')} bytes, identical in all rows`,
  );

  describe(route.name, () => {
    timedBench(route.name, 'floor', () =>
      encoder.encode(route.floor(snapshot, occurrences, CONTEXT)),
    );
    timedBench(route.name, 'before (whole document)', () =>
      encoder.encode(route.before(snapshot, occurrences, CONTEXT)),
    );
    timedBench(route.name, 'after (cold: fragments exist)', () =>
      drain(route.after(snapshot, occurrences, CONTEXT)),
    );
    timedBench(
      route.name,
      'build fragments (once per snapshot)',
      () => route.build(new SnapshotFragments(snapshot, CONTEXT), occurrences),
      true,
    );
  });
}
