/**
 * The streamed bodies (render/fragments: per-occurrence fragments joined per request) are the
 * same bytes as the whole-document renderers (render/ics `renderIcs`, render/feeds
 * `renderFeed`, which write every item in one ical-generator calendar or one `feed` document),
 * on the test church and on the client suite's conformance calendar (about 1,400 occurrences,
 * DST edges, tricky text, `<` in a tag, long HTML), for whole snapshots and for cuts of them.
 */
import { describe, expect, inject, it, vi } from 'vitest';
import type { FakeDataset } from '../src/fake-pco/dataset';
import type { Occurrence } from '../src/model/occurrence';
import type { Snapshot } from '../src/model/snapshot';
import { renderFeed } from '../src/render/feeds';
import { feedStream, fragmentsOf, icsStream } from '../src/render/fragments';
import { renderIcs } from '../src/render/ics';
import type { RenderContext } from '../src/render/render-context';
import { buildConformanceFixture } from './clients/fixture';
import { buildTestChurch, TEST_CREDENTIALS } from './fixtures/church';
import { refreshedSnapshot } from './support/refreshed-snapshot';

// A refresh of the conformance calendar in workerd takes seconds on a loaded machine.
vi.setConfig({ testTimeout: 240_000 });

const now = new Date(inject('fixtureNow'));
const CONTEXT: RenderContext = {
  baseUrl: 'https://feeds.test',
  host: 'pco-organization-1',
  title: 'Grace, “Community”; Church',
  description: 'Events from Grace <Community> & Church',
  demo: false,
};

/** A snapshot of `dataset`, read through the fake PCO by the real client and refresh. */
const snapshotOf = (dataset: FakeDataset) => refreshedSnapshot(dataset, now, TEST_CREDENTIALS);

/** The bytes of a streamed body. */
async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Cuts a request could make: all, none, one, a sparse subset, only all-day, only timed. */
function cuts(occurrences: readonly Occurrence[]): Array<[string, Occurrence[]]> {
  return [
    ['all', [...occurrences]],
    ['none', []],
    ['first', occurrences.slice(0, 1)],
    ['every third', occurrences.filter((_, i) => i % 3 === 0)],
    ['all-day only', occurrences.filter((o) => o.dates !== null)],
    ['timed only, last 50', occurrences.filter((o) => o.dates === null).slice(-50)],
  ];
}

const FIXTURES: Array<[string, () => FakeDataset]> = [
  ['test church', () => buildTestChurch(now).dataset],
  ['conformance calendar', () => buildConformanceFixture(now, 1).church.dataset],
];

describe.each(FIXTURES)('fragments on the %s', (name, dataset) => {
  it('stream the same bytes as the whole-document renderers, first and second time', async () => {
    const snapshot = await snapshotOf(dataset());
    expect(snapshot.occurrences.length).toBeGreaterThan(5);
    expect(snapshot.occurrences.some((o) => o.dates !== null)).toBe(true);
    const encoder = new TextEncoder();
    // The big calendar: the whole of it and a sparse cut (the small one covers every cut fast).
    const all = cuts(snapshot.occurrences);
    const chosen =
      name === 'test church' ? all : all.filter(([cut]) => cut === 'all' || cut === 'every third');
    for (const [cut, occurrences] of chosen) {
      // Twice for a cut, to see fragments built by the first request give the same bytes.
      for (let pass = 1; pass <= (cut === 'every third' ? 2 : 1); pass += 1) {
        const label = `${cut}, pass ${pass}`;
        const ics = await bytesOf(icsStream(snapshot, occurrences, CONTEXT));
        expect(ics, `ics ${label}`).toEqual(
          encoder.encode(renderIcs(snapshot, occurrences, CONTEXT)),
        );
        // Feeds list at most 500 items (routes/query).
        const items = occurrences.slice(0, 500);
        for (const format of ['rss', 'atom', 'json'] as const) {
          const streamed = await bytesOf(feedStream(format, snapshot, items, CONTEXT));
          const whole = renderFeed(format, snapshot, items, CONTEXT);
          expect(streamed, `${format} ${label}`).toEqual(encoder.encode(whole));
        }
      }
    }
  });
});

describe('fragments of the next snapshot', () => {
  /** A context of its own, so no set made by another test is taken over. */
  const contextNamed = (title: string): RenderContext => ({ ...CONTEXT, title });

  /** Whole-document bytes of every output, against the streamed ones. */
  async function expectSameBytes(snapshot: Snapshot, context: RenderContext): Promise<void> {
    const encoder = new TextEncoder();
    const all = snapshot.occurrences;
    expect(await bytesOf(icsStream(snapshot, all, context))).toEqual(
      encoder.encode(renderIcs(snapshot, all, context)),
    );
    for (const format of ['rss', 'atom', 'json'] as const) {
      expect(await bytesOf(feedStream(format, snapshot, all, context)), format).toEqual(
        encoder.encode(renderFeed(format, snapshot, all, context)),
      );
    }
  }

  /**
   * The next snapshot as another isolate would load it from KV (every occurrence a new object):
   * `change` applied to the occurrence at `index`, a new version and feed date.
   */
  function nextSnapshot(
    snapshot: Snapshot,
    index: number,
    change: (o: Occurrence) => Occurrence,
  ): Snapshot {
    const occurrences = structuredClone(snapshot.occurrences);
    const target = occurrences[index];
    if (!target) throw new Error('no such occurrence');
    occurrences[index] = change(target);
    return {
      ...structuredClone(snapshot),
      occurrences,
      version: `${snapshot.version}-next`,
      lastModified: '2031-01-01T00:00:00Z',
    };
  }

  it('builds only the changed occurrence, takes the others over, and writes the same bytes', async () => {
    const context = contextNamed('After one change');
    const first = await snapshotOf(buildTestChurch(now).dataset);
    const n = first.occurrences.length;
    expect(n).toBeGreaterThan(5);
    await expectSameBytes(first, context);
    expect(fragmentsOf(first, context).counts).toEqual({ built: 4 * n, reused: 0 });

    const index = Math.floor(n / 2);
    const second = nextSnapshot(first, index, (o) => ({
      ...o,
      title: `${o.title} (moved)`,
      updated: '2031-01-01T00:00:00Z',
    }));
    await expectSameBytes(second, context);
    // One VEVENT and three feed items built; the other n − 1 occurrences' four fragments kept.
    expect(fragmentsOf(second, context).counts).toEqual({ built: 4, reused: 4 * (n - 1) });
    // The changed title is in the new bytes (not a fragment of the earlier snapshot).
    const ics = await new Response(icsStream(second, second.occurrences, context)).text();
    expect(ics).toContain('(moved)');
  });

  it('takes nothing over when the organization changed (every fragment depends on it)', async () => {
    const context = contextNamed('After an organization change');
    const first = await snapshotOf(buildTestChurch(now).dataset);
    const n = first.occurrences.length;
    await expectSameBytes(first, context);
    const second: Snapshot = {
      ...nextSnapshot(first, 0, (o) => o),
      organization: { ...first.organization, name: `${first.organization.name} Downtown` },
    };
    await expectSameBytes(second, context);
    expect(fragmentsOf(second, context).counts).toEqual({ built: 4 * n, reused: 0 });
  });

  it('takes nothing over from another request context', async () => {
    const first = await snapshotOf(buildTestChurch(now).dataset);
    const n = first.occurrences.length;
    const context = contextNamed('One context');
    await expectSameBytes(first, context);
    const other = { ...contextNamed('Another context'), baseUrl: 'https://other.test' };
    const second = nextSnapshot(first, 0, (o) => o);
    await expectSameBytes(second, other);
    expect(fragmentsOf(second, other).counts).toEqual({ built: 4 * n, reused: 0 });
  });
});
