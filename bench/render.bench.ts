/**
 * Render benchmarks: the Worker's own renderers, run in Node 20 on synthetic snapshots of 100,
 * 1,000 and 10,000 occurrences (see ./synthetic.ts), one group per size:
 * - `ics`: `renderIcs` (src/render/ics.ts), the `/calendar.ics` body;
 * - `rss`, `atom`, `json feed`: `renderFeed` (src/render/feeds.ts) in each format;
 * - `events.json`: `renderEventsJson` (src/render/events-json.ts).
 * Every renderer gets the whole snapshot (routes normally cut it first: feeds default to 50
 * items and allow at most 500, `/events.json` at most 1,000, `/calendar.ics` at most 10,000),
 * so the larger sizes show how each one scales rather than what a default request costs.
 *
 * How to read it: one row per renderer; times are milliseconds per render (one full document
 * string). vitest's own table has no median column, so ./median-reporter.ts prints a second
 * table with the median (p50) of the same samples; prefer it over the mean, which one GC pause
 * can skew. Occurrences are built before timing starts: their cost is in occurrence.bench.ts.
 * The document sizes at 1,000 occurrences are printed first, for scale.
 */
import { bench, describe } from 'vitest';
import type { Occurrence } from '../src/model/occurrence';
import type { Snapshot } from '../src/model/snapshot';
import { renderEventsJson } from '../src/render/events-json';
import { type FeedFormat, renderFeed } from '../src/render/feeds';
import { renderIcs } from '../src/render/ics';
import type { RenderContext } from '../src/render/render-context';
import { CONTEXT, generate } from './synthetic';

/** tinybench options per size: enough samples for a stable median, bounded run time. */
const OPTIONS: Record<number, { time: number; iterations: number; warmupIterations: number }> = {
  100: { time: 500, iterations: 20, warmupIterations: 20 },
  1000: { time: 1_000, iterations: 10, warmupIterations: 2 },
  10000: { time: 0, iterations: 5, warmupIterations: 1 },
};

type Renderer = (
  snapshot: Snapshot,
  occurrences: readonly Occurrence[],
  context: RenderContext,
) => string;

const FEEDS: ReadonlyArray<[string, FeedFormat]> = [
  ['rss', 'rss'],
  ['atom', 'atom'],
  ['json feed', 'json'],
];

const RENDERERS: ReadonlyArray<[string, Renderer]> = [
  ['ics', renderIcs],
  ...FEEDS.map(([name, format]): [string, Renderer] => [
    name,
    (snapshot, occurrences, context) => renderFeed(format, snapshot, occurrences, context),
  ]),
  ['events.json', renderEventsJson],
];

/** Prints the size of each document rendered from `snapshot`, for scale. */
function printSizes(snapshot: Snapshot): void {
  const sizes = RENDERERS.map(([name, render]) => {
    const bytes = new TextEncoder().encode(render(snapshot, snapshot.occurrences, CONTEXT)).length;
    return `${name} ${(bytes / 1024).toFixed(0)} KiB`;
  });
  console.log(`Documents at ${snapshot.occurrences.length} occurrences: ${sizes.join(', ')}`);
}

for (const size of [100, 1_000, 10_000]) {
  const { snapshot } = await generate(size);
  const occurrences = snapshot.occurrences;
  const options = OPTIONS[size];
  if (size === 1_000) printSizes(snapshot);
  describe(`render ${size.toLocaleString('en-US')} occurrences`, () => {
    for (const [name, render] of RENDERERS) {
      bench(name, () => void render(snapshot, occurrences, CONTEXT), options);
    }
  });
}
