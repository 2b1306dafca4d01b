import { describe, expect, it } from 'vitest';
import { parseConfig } from '../env';
import { edgeCacheKey, renderFingerprint, snapshotKeys } from './keys';

describe('edgeCacheKey', () => {
  it('is the same for the same parameters in any order', () => {
    const a = edgeCacheKey(new URL('https://f.test/feed.rss?tag=2&limit=5&tag=1'), 'v1', 'r1');
    const b = edgeCacheKey(new URL('https://f.test/feed.rss?limit=5&tag=1&tag=2'), 'v1', 'r1');
    expect(a.url).toBe(b.url);
  });

  it('differs by snapshot version, rendering settings, host and path', () => {
    const url = new URL('https://f.test/feed.rss?limit=5');
    const base = edgeCacheKey(url, 'v1', 'r1').url;
    expect(edgeCacheKey(url, 'v2', 'r1').url).not.toBe(base);
    expect(edgeCacheKey(url, 'v1', 'r2').url).not.toBe(base);
    expect(edgeCacheKey(new URL('https://g.test/feed.rss?limit=5'), 'v1', 'r1').url).not.toBe(base);
    expect(edgeCacheKey(new URL('https://f.test/feed.atom?limit=5'), 'v1', 'r1').url).not.toBe(
      base,
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
