import { describe, expect, inject, it } from 'vitest';
import { withExtraInstances } from '../../test/fixtures/bulk';
import { buildTestChurch, TEST_CREDENTIALS } from '../../test/fixtures/church';
import { makeOccurrence } from '../../test/support/occurrence';
import { refreshedSnapshot } from '../../test/support/refreshed-snapshot';
import { decodeSnapshotBody, encodeSnapshotBody, gunzip, gzip } from '../cache/snapshot-store';
import { DatasetBuilder } from '../fake-pco/builder';
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

/**
 * A weekly series of `weeks` instances sharing their event's HTML description, image, tag,
 * attachment and signup; the third has its own name and description and no location.
 */
function series(weeks: number) {
  const b = new DatasetBuilder({ name: 'Series Church', timeZone: 'America/Chicago' });
  const event = b.event(
    {
      name: 'Alpha Course',
      summary: null,
      description: `<p>Dinner, a talk and <strong>conversation</strong>. ${'Everyone is welcome. '.repeat(20)}</p><ul><li>Childcare</li></ul>`,
      image_url: 'https://images.test/alpha.png',
      registration_url: 'https://series.churchcenter.com/registrations/events/7',
    },
    { tags: [b.tag('Courses')] },
  );
  b.attachment(event, { name: 'Guide.pdf' });
  b.connection(event, {
    connected_to_type: 'signup',
    product_name: 'registrations',
    connected_to_name: 'Alpha signup',
    connected_to_url: 'https://series.churchcenter.com/registrations/events/7',
  });
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (let week = 0; week < weeks; week += 1) {
    const start = now().getTime() + (week + 1) * 7 * 86_400_000;
    b.instance(event, {
      times: [{ start: iso(start), end: iso(start + 2 * 3_600_000) }],
      location: week === 2 ? null : 'Fellowship Hall',
      ...(week === 2
        ? { name: 'Alpha Course: Holy Spirit Day', description: '<p>All day.</p>' }
        : {}),
    });
  }
  return refreshedSnapshot(b.build(), now(), TEST_CREDENTIALS);
}

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
  it('stores a refreshed series smaller than schema 2 did, its description once, and loads it back deep-equal', async () => {
    const snapshot = await series(10);
    const body = await encodeSnapshotBody(snapshot);
    const before = await schema2Body(snapshot);
    expect(body.byteLength).toBeLessThan(before.byteLength);
    const stored = await gunzip(body);
    // Each event's HTML description is stored once, not once per occurrence.
    const counts = new Map<string, number>();
    for (const { descriptionHtml } of snapshot.occurrences)
      if (descriptionHtml) counts.set(descriptionHtml, (counts.get(descriptionHtml) ?? 0) + 1);
    const [html = '', repeated = 0] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
    expect(repeated).toBeGreaterThan(1);
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
    for (const snapshot of [await church(5), await series(4)]) {
      const loaded = await decodeSnapshotBody(await encodeSnapshotBody(snapshot));
      if (!loaded) throw new Error('body not loaded');
      expect(contentJson(loaded)).toBe(contentJson(snapshot));
      expect((await assemble([...loaded.occurrences], '2027-01-01T00:00:00Z')).version).toBe(
        (await assemble([...snapshot.occurrences])).version,
      );
    }
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
