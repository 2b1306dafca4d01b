/**
 * The cache-hit path: the real Worker (`createWorker`, demo mode) answering `/calendar.ics`
 * when the snapshot is in memory and the rendered body is in the cache, i.e. query
 * validation, cache-key building, the cache lookup, staleness headers and conditional checks.
 * KV and `caches.default` are in-memory stand-ins (bench/platform-stubs.ts), so the time is
 * our own work. Compare: `render 1,000 occurrences › ics` is a cache miss's render alone.
 */
import { bench, describe } from 'vitest';
import { createWorker } from '../src/app';
import { DEMO_PCO } from '../src/demo/pco';
import { executionContext, installMemoryCache, memoryKv } from './platform-stubs';

installMemoryCache();
const worker = createWorker({ demo: DEMO_PCO });
const env = { SNAPSHOTS: memoryKv() };
const url = 'http://127.0.0.1:8787/calendar.ics?days=180';

const warm = executionContext();
const first = await worker.fetch(new Request(url), env, warm);
await warm.settle();
const etag = first.headers.get('ETag') ?? '';
if (first.status !== 200 || !etag) throw new Error(`warm-up failed: ${first.status}`);

describe('cache hit /calendar.ics (demo calendar)', () => {
  bench('200 from the edge cache', async () => {
    const response = await worker.fetch(new Request(url), env, executionContext());
    if (response.status !== 200) throw new Error(String(response.status));
    await response.body?.cancel();
  });
  bench('304 for If-None-Match', async () => {
    const request = new Request(url, { headers: { 'If-None-Match': etag } });
    const response = await worker.fetch(request, env, executionContext());
    if (response.status !== 304) throw new Error(String(response.status));
  });
});
