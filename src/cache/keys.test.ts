import { describe, expect, it } from 'vitest';
import { parseConfig } from '../env';
import type { Selection } from '../model/select';
import { type BodyIdentity, bodyETag, edgeCacheKey, renderFingerprint, snapshotKeys } from './keys';

const selection: Selection = {
  tagIds: ['2', '1'],
  featuredOnly: false,
  eventId: undefined,
  search: [],
  window: 'upcoming',
  pastDays: 30,
  futureDays: 365,
  limit: 5,
};
const identity: BodyIdentity = {
  path: '/feed.rss',
  version: 'v1',
  rendering: 'r1',
  selection,
  occurrenceIds: ['a', 'b'],
};

describe('bodyETag and edgeCacheKey', () => {
  it('are the same for the same selection whatever the tag order or the URL around it', async () => {
    const a = await bodyETag(identity);
    const b = await bodyETag({ ...identity, selection: { ...selection, tagIds: ['1', '2'] } });
    expect(a).toMatch(/^"[0-9a-f]{32}"$/);
    expect(b).toBe(a);
    const plain = edgeCacheKey(new URL('https://f.test/feed.rss?limit=5&tag=1&tag=2'), a).url;
    const tracked = edgeCacheKey(new URL('https://f.test/feed.rss?fbclid=x&tag=2&limit=5'), a);
    expect(tracked.url).toBe(plain);
  });

  it('differs by snapshot version, rendering settings, route, filter and selected occurrences', async () => {
    const base = await bodyETag(identity);
    const variants: Partial<BodyIdentity>[] = [
      { version: 'v2' },
      { rendering: 'r2' },
      { path: '/feed.atom' },
      { selection: { ...selection, limit: 6 } },
      { occurrenceIds: ['b'] },
    ];
    for (const variant of variants)
      expect(await bodyETag({ ...identity, ...variant }), JSON.stringify(variant)).not.toBe(base);
    expect(edgeCacheKey(new URL('https://g.test/feed.rss'), base).url).not.toBe(
      edgeCacheKey(new URL('https://f.test/feed.rss'), base).url,
    );
  });
});

describe('snapshotKeys and renderFingerprint', () => {
  it('change with the settings that shape a snapshot or its rendering, never carrying the secret', async () => {
    const live = { PCO_APP_ID: 'app', PCO_SECRET: 'secret-value' };
    const a = await snapshotKeys(parseConfig(live));
    expect((await snapshotKeys(parseConfig({ ...live, PCO_SECRET: 'other' }))).meta).toBe(a.meta);
    expect((await snapshotKeys(parseConfig({ ...live, TIME_ZONE: 'Europe/Oslo' }))).meta).not.toBe(
      a.meta,
    );
    expect((await snapshotKeys(parseConfig({ ...live, WINDOW_PAST_DAYS: '7' }))).meta).not.toBe(
      a.meta,
    );
    expect(JSON.stringify([a.meta, a.status, a.lease, a.body('v')])).not.toContain('secret');
    const r = await renderFingerprint(parseConfig(live));
    expect(await renderFingerprint(parseConfig({ ...live, FEED_TITLE: 'Other' }))).not.toBe(r);
  });
});
