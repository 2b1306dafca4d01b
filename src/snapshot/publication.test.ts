/**
 * Record-by-record decoding end to end: the demo church through FakePco (which applies JSON:API
 * sparse fieldsets to relationships, as real PCO does) → PcoClient → refreshSnapshot, with and
 * without the odd records of `fake-pco/odd-records.ts`.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../env';
import type { FakeDataset } from '../fake-pco/dataset';
import { buildDemoDataset } from '../fake-pco/demo-data';
import { ODD_RECORD_IDS, ODD_RECORD_MARKER, withOddRecords } from '../fake-pco/odd-records';
import { FakePco } from '../fake-pco/server';
import { UNPUBLISHED_REASONS } from '../model/publication-rule';
import { PcoClient } from '../pco/client';
import { readPublication } from './publication';
import { refreshSnapshot } from './refresh';

const CREDENTIALS = { appId: 'app', secret: 'shh' };
const NOW = new Date('2027-05-03T12:00:00Z');

function setup(dataset: FakeDataset, bindings: Record<string, string> = {}) {
  const fake = new FakePco({ dataset, credentials: CREDENTIALS });
  const config = parseConfig({
    PCO_APP_ID: CREDENTIALS.appId,
    PCO_SECRET: CREDENTIALS.secret,
    PCO_API_BASE: 'https://pco.test',
    ...bindings,
  });
  const client = new PcoClient({
    baseUrl: 'https://pco.test',
    ...CREDENTIALS,
    fetch: (request) => fake.fetch(request),
  });
  return { fake, config, client };
}

const demo = () => buildDemoDataset(NOW);

describe('odd records', () => {
  it('change nothing that is published, and the refresh succeeds', async () => {
    const plain = setup(demo(), { PUBLISH_ATTACHMENTS: 'true' });
    const odd = setup(withOddRecords(demo(), NOW), { PUBLISH_ATTACHMENTS: 'true' });
    const before = await refreshSnapshot({ ...plain, now: NOW });
    const after = await refreshSnapshot({ ...odd, now: NOW });
    expect(after.occurrences.length).toBeGreaterThan(100);
    expect(after.occurrences).toEqual(before.occurrences);
    expect(after.tags).toEqual(before.tags);
    expect(after.version).toBe(before.version);
    expect(JSON.stringify(after)).not.toContain(ODD_RECORD_MARKER);
  });

  it('keep a tag internal when its hidden tag group comes without its tags relationship', async () => {
    // The internal tag flagged shown itself: only its group (Campus, not shown) hides it.
    const dataset = withOddRecords(demo(), NOW);
    const internal = dataset.tags.find((t) => t.id === ODD_RECORD_IDS.internalTag);
    if (internal) internal.attributes.church_center_category = true;
    const { fake, config } = setup(dataset);
    const hiddenGroup = dataset.tagGroups?.find((g) =>
      g.tagIds.includes(ODD_RECORD_IDS.internalTag),
    );
    // PCO drops every relationship a sparse fieldset does not name (pco-api.md): this answer
    // lost the hidden group's.
    const client = new PcoClient({
      baseUrl: 'https://pco.test',
      ...CREDENTIALS,
      fetch: async (request) => {
        const response = await fake.fetch(request);
        if (!request.url.includes('/tag_groups')) return response;
        const body = (await response.json()) as { data: { id: string; relationships?: unknown }[] };
        for (const group of body.data) if (group.id === hiddenGroup?.id) delete group.relationships;
        return Response.json(body, { headers: response.headers });
      },
    });
    const snapshot = await refreshSnapshot({ client, config, now: NOW });
    expect(snapshot.occurrences.length).toBeGreaterThan(100);
    expect(snapshot.tags.length).toBeGreaterThan(0);
    expect(JSON.stringify(snapshot)).not.toContain(ODD_RECORD_MARKER);
  });

  it('are counted on the snapshot only where they would otherwise be published', async () => {
    const { client, config } = setup(withOddRecords(demo(), NOW));
    const snapshot = await refreshSnapshot({ client, config, now: NOW });
    expect(snapshot.notices).toEqual({
      withheld: { 'malformed-published-record': 1, 'unreadable-times': 1 },
      optionalFieldDropped: 0,
      publishedTimesDiffer: 0,
      publishedTimesOnly: 0,
      attachmentsSkipped: 0,
    });
  });

  it('are each reported with their reason and what could not be read', async () => {
    const { client, config } = setup(withOddRecords(demo(), NOW), { PUBLISH_ATTACHMENTS: 'true' });
    const { report } = await readPublication(client, config, NOW);
    const instance = (id: string) =>
      report.events.flatMap((e) => e.instances).find((i) => i.id === id);
    expect(instance(ODD_RECORD_IDS.unprovenInstance)).toMatchObject({
      published: false,
      reason: 'undecodable-record',
      problems: ['event visible_in_church_center: null'],
    });
    expect(instance(ODD_RECORD_IDS.nullKindInstance)).toMatchObject({
      reason: 'not-standard-kind',
      problems: ['kind: null'],
    });
    expect(instance(ODD_RECORD_IDS.malformedInstance)).toMatchObject({
      reason: 'malformed-published-record',
      problems: ['all_day_event: null'],
    });
    expect(instance(ODD_RECORD_IDS.unreadableTimesInstance)).toMatchObject({
      reason: 'unreadable-times',
    });
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Attachment', id: '9201', problems: ['url: null'] }),
        expect.objectContaining({ type: 'EventTime', problems: ['starts_at: null'] }),
      ]),
    );
    expect(report.internalTags).toEqual([
      { id: ODD_RECORD_IDS.internalTag, name: `Main Campus (${ODD_RECORD_MARKER})` },
    ]);
  });

  it('give the demo every withheld reason', async () => {
    const { client, config } = setup(withOddRecords(demo(), NOW));
    const { report } = await readPublication(client, config, NOW);
    for (const reason of UNPUBLISHED_REASONS)
      expect(report.withheld[reason], reason).toBeGreaterThan(0);
    expect(report.published + Object.values(report.withheld).reduce((a, b) => a + b, 0)).toBe(
      report.instancesRead,
    );
  });

  it('still fail the refresh when the document itself is malformed', async () => {
    const { client, config, fake } = setup(demo());
    fake.injectFault(
      { kind: 'malformed-json' },
      { match: (url) => url.pathname.endsWith('event_instances') },
    );
    await expect(refreshSnapshot({ client, config, now: NOW })).rejects.toMatchObject({
      kind: 'schema',
    });
  });
});

describe('attachments', () => {
  it('are read and published only with PUBLISH_ATTACHMENTS=true', async () => {
    const off = setup(demo());
    const on = setup(demo(), { PUBLISH_ATTACHMENTS: 'true' });
    const hidden = await refreshSnapshot({ ...off, now: NOW });
    const shown = await refreshSnapshot({ ...on, now: NOW });
    expect(hidden.occurrences.every((o) => o.attachments.length === 0)).toBe(true);
    expect(shown.occurrences.some((o) => o.attachments.length > 0)).toBe(true);
    expect(off.fake.requests.some((r) => r.url.includes('/attachments'))).toBe(false);
    expect(shown.upstreamRequests - hidden.upstreamRequests).toBe(1);
  });
});

describe('upstream requests', () => {
  it('name every relationship the client reads in fields[TYPE]', async () => {
    const { client, config, fake } = setup(demo());
    await refreshSnapshot({ client, config, now: NOW });
    const listing = fake.requests.find((r) => new URL(r.url).pathname.endsWith('/event_instances'));
    const fields = new URL(listing?.url ?? 'https://x').searchParams.get('fields[EventInstance]');
    expect(fields?.split(',')).toEqual(
      expect.arrayContaining(['kind', 'event', 'event_times', 'tags']),
    );
  });
});
