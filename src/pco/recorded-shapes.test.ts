/**
 * The decoder and the publication rule on a page with the shapes real PCO accounts return
 * (src/pco/fixtures/recorded-shapes.ts, which records its sources).
 */
import { describe, expect, it } from 'vitest';
import { decidePublication } from '../snapshot/publication';
import { PcoClient } from './client';
import { RECORDED_SHAPES_PAGE } from './fixtures/recorded-shapes';
import { readInstances } from './read';

const client = () =>
  new PcoClient({
    baseUrl: 'https://api.planningcenteronline.com',
    appId: 'a',
    secret: 'b',
    fetch: async () =>
      new Response(JSON.stringify(RECORDED_SHAPES_PAGE), {
        headers: { 'Content-Type': 'application/json', 'X-PCO-API-Request-Rate-Period': '20' },
      }),
  });

describe('a page with the shapes of real PCO responses', () => {
  it('decodes record by record: the odd private record is set apart, the rest decoded', async () => {
    const read = await readInstances(client(), '2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z');
    expect(read.instances.map((i) => i.id)).toEqual(['240001101']);
    expect(read.undecodableInstances).toEqual([
      expect.objectContaining({ id: '240001177', eventId: '5550002', problems: ['kind: null'] }),
    ]);
    expect(read.tags.get('880002')?.attributes).toMatchObject({ position: -8192 });
    expect(read.events.get('5550001')?.attributes).toMatchObject({
      summary: null,
      registration_url: null,
      featured: false,
    });
  });

  it('publishes the public instance at its visible times, keeping the internal tags apart', async () => {
    const read = await readInstances(client(), '2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z');
    const { published, report, publicTags } = decidePublication(
      {
        organization: {
          id: '123456',
          name: 'Example',
          timeZone: 'America/Chicago',
          twentyFourHourTime: false,
        },
        instances: read,
        tagGroups: new Map(),
        attachments: undefined,
      },
      { from: '2026-12-01T00:00:00Z', to: '2026-12-31T00:00:00Z' },
    );
    expect(published.map((p) => p.visibleTimes.map((t) => t.id))).toEqual([
      ['310000002', '310000003'],
    ]);
    expect(report.withheld).toEqual({ 'event-hidden': 1 });
    expect(report.notices.publishedTimesDiffer).toBe(0);
    expect([...publicTags.keys()]).toEqual(['880001']);
    expect(report.internalTags.map((t) => t.name)).toEqual(['Main Campus', 'Staff']);
  });
});
