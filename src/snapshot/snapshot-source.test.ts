/**
 * SnapshotSource when the platform cancels a refresh: a refresh started in a `waitUntil` that
 * the runtime ended never settles, and the isolate must not join it forever.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { makeOccurrence, makeSnapshot } from '../../test/support/occurrence';
import { SnapshotStore } from '../cache/snapshot-store';
import { REFRESH_ABANDONED_AFTER_SECONDS } from '../constants';
import { SnapshotSource } from './snapshot-source';

/** KV keys of their own, so no other test's snapshot is read. */
function keysOf(prefix: string) {
  return {
    meta: `${prefix}:meta`,
    body: (version: string) => `${prefix}:body:${version}`,
    status: `${prefix}:status`,
    build: `${prefix}:build`,
    lease: `${prefix}:lease`,
  };
}

describe('a refresh that never settles', () => {
  it('is joined while it may still be running, then given up for a new one', async () => {
    let nowMs = Date.parse('2026-12-02T10:00:00Z');
    let loads = 0;
    const snapshot = makeSnapshot([makeOccurrence()], { version: 'a'.repeat(32) });
    const source = new SnapshotSource({
      store: new SnapshotStore(env.SNAPSHOTS, keysOf(`abandoned-${crypto.randomUUID()}`)),
      maxAgeSeconds: 600,
      // The first load stands for one the platform cancelled: it never settles.
      load: () => {
        loads += 1;
        return loads === 1 ? new Promise(() => undefined) : Promise.resolve(snapshot);
      },
      requestCount: () => 0,
      rateLimit: () => undefined,
      now: () => new Date(nowMs),
      sleep: async () => undefined,
    });

    const first = source.refresh();
    // Let it reach the load (KV reads first).
    while (loads === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    nowMs += 60_000;
    expect(source.refresh()).toBe(first);
    nowMs += (REFRESH_ABANDONED_AFTER_SECONDS - 60) * 1000 + 1_000;
    const record = await source.refresh();
    expect(loads).toBe(2);
    expect(record.result).toBe('published');
    expect((await source.current())?.version).toBe(snapshot.version);
    // The next refresh starts afresh (the new one cleared itself when it ended).
    await source.refresh();
    expect(loads).toBe(3);
  });
});
