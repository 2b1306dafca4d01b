import { describe, expect, inject, it } from 'vitest';
import { withExtraInstances } from '../../test/fixtures/bulk';
import { buildTestChurch, TEST_CREDENTIALS } from '../../test/fixtures/church';
import { makeOccurrence } from '../../test/support/occurrence';
import { refreshedSnapshot } from '../../test/support/refreshed-snapshot';
import { decodeSnapshotBody, encodeSnapshotBody, gunzip, gzip } from '../cache/snapshot-store';
import type { Occurrence } from '../model/occurrence';
import type { Snapshot } from '../model/snapshot';
import { assembleSnapshot } from './assemble';
import { contentJson } from './stored-snapshot';

const now = () => new Date(inject('fixtureNow'));

/** The test church grown to `extra` more instances of its first public one, as a refresh reads it. */
const church = (extra = 0) => {
  const { dataset } = buildTestChurch(now());
  return refreshedSnapshot(withExtraInstances(dataset, extra), now(), TEST_CREDENTIALS);
};

/** The KV body as schema 2 wrote it: the whole snapshot, every occurrence whole, gzipped. */
const schema2Body = (snapshot: Snapshot) => gzip(JSON.stringify(snapshot));

const assemble = (occurrences: Occurrence[], builtAt = '2026-11-21T09:00:00Z') =>
  assembleSnapshot({
    organization: {
      id: '1',
      name: 'Test Church',
      timeZone: 'America/Chicago',
      twentyFourHourTime: false,
    },
    occurrences,
    window: { from: '2026-11-01T00:00:00Z', to: '2027-11-01T00:00:00Z' },
    builtAt,
    upstreamRequests: 0,
    connections: {},
  });

describe('encodeSnapshotBody / decodeSnapshotBody (issue 12)', () => {
  it('stores a refreshed snapshot smaller than schema 2 did and loads it back deep-equal', async () => {
    const snapshot = await church(60);
    const body = await encodeSnapshotBody(snapshot);
    const before = await schema2Body(snapshot);
    expect(body.byteLength).toBeLessThan(before.byteLength);
    const stored = await gunzip(body);
    // Each event's HTML description is stored once, not once per occurrence.
    const html = snapshot.occurrences.find((o) => o.descriptionHtml)?.descriptionHtml ?? '';
    expect(html).not.toBe('');
    expect(stored.split(JSON.stringify(html)).length - 1).toBe(1);
    expect(stored.length).toBeLessThan(JSON.stringify(snapshot).length);
    expect(await decodeSnapshotBody(body)).toEqual(snapshot);
  });

  it('keeps what one occurrence has of its own, a null over its event’s value included', async () => {
    const event = { eventId: '7', descriptionHtml: '<p>Bring a friend.</p>', location: 'Hall' };
    const snapshot = await assemble([
      makeOccurrence({ ...event, id: '1', start: '2026-11-22T15:00:00Z' }),
      makeOccurrence({
        ...event,
        id: '2',
        start: '2026-11-29T15:00:00Z',
        end: '2026-11-29T16:00:00Z',
        title: 'Sunday Worship (Advent)',
        location: null,
        tags: [{ id: '3', name: 'Advent', color: '#aa0000' }],
      }),
      makeOccurrence({
        ...event,
        id: '3',
        start: '2026-12-06T15:00:00Z',
        end: '2026-12-06T16:00:00Z',
      }),
    ]);
    const loaded = await decodeSnapshotBody(await encodeSnapshotBody(snapshot));
    expect(loaded).toEqual(snapshot);
    const [first, second, third] = loaded?.occurrences ?? [];
    expect(second?.location).toBeNull();
    expect(second?.title).toBe('Sunday Worship (Advent)');
    // Occurrences of one event share the loaded objects.
    expect(third?.tags).toBe(first?.tags);
  });

  it('reads no body of another schema version', async () => {
    const snapshot = await assemble([makeOccurrence()]);
    expect(
      await decodeSnapshotBody(
        await schema2Body({ ...snapshot, schemaVersion: 2 } as unknown as Snapshot),
      ),
    ).toBeNull();
  });
});

describe('contentJson and the content version', () => {
  it('gives a loaded snapshot the same canonical JSON, so the same version', async () => {
    const snapshot = await church(5);
    const loaded = await decodeSnapshotBody(await encodeSnapshotBody(snapshot));
    if (!loaded) throw new Error('body not loaded');
    expect(contentJson(loaded)).toBe(contentJson(snapshot));
    expect((await assemble([...loaded.occurrences], '2027-01-01T00:00:00Z')).version).toBe(
      (await assemble([...snapshot.occurrences])).version,
    );
  });

  it('moves the version when one occurrence’s own value differs from its event’s', async () => {
    const a = makeOccurrence({ id: '1' });
    const b = makeOccurrence({
      id: '2',
      start: '2026-11-29T15:00:00Z',
      end: '2026-11-29T16:00:00Z',
    });
    const same = await assemble([a, b]);
    const changed = await assemble([a, { ...b, summary: 'Bring a friend.' }]);
    const back = await assemble([a, b], '2026-12-01T00:00:00Z');
    expect(changed.version).not.toBe(same.version);
    expect(back.version).toBe(same.version);
  });
});
