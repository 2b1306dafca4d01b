/**
 * The Cache API layer (src/cache/edge-cache.ts) is an accelerator: whatever it does, a feed
 * answers whole. Cloudflare documents `Network connection lost.` as a transient failure of
 * bindings such as the cache, and a cached body streamed to the client cannot be taken back
 * once its headers are sent. Here `caches.default` (the same object the Worker uses in this
 * isolate) answers with a body that breaks part-way, or fails its lookup or its put, and each
 * response must still be the full calendar, byte for byte what a render gives.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { liveApp } from './support/live-app';

/** A cached response whose body gives `prefix`, then fails as the platform's does. */
function breakingCached(prefix: string): Response {
  const bytes = new TextEncoder().encode(prefix);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
    },
    pull(controller) {
      controller.error(new Error('Network connection lost.'));
    },
  });
  return new Response(body, {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Length': '900000' },
  });
}

/** `/calendar.ics` rendered with the Cache API out of the way (every lookup a miss). */
async function rendered(request: ReturnType<typeof liveApp>['request']): Promise<string> {
  const match = vi.spyOn(caches.default, 'match').mockResolvedValue(undefined);
  try {
    const response = await request('/calendar.ics');
    expect(response.status).toBe(200);
    return await response.text();
  } finally {
    match.mockRestore();
  }
}

describe('a failing Cache API never truncates a feed', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a hit whose body breaks part-way is a miss: the full calendar is rendered', async () => {
    const { request } = liveApp();
    const expected = await rendered(request);
    expect(expected).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(caches.default, 'match').mockImplementation(async () =>
      breakingCached(expected.slice(0, 284)),
    );
    const response = await request('/calendar.ics');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(expected);
    expect(errors).toHaveBeenCalledWith(
      expect.stringMatching(/^cache read failed: .*connection lost/),
    );
  });

  it('a lookup that rejects is a miss', async () => {
    const { request } = liveApp();
    const expected = await rendered(request);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(caches.default, 'match').mockRejectedValue(new Error('Network connection lost.'));
    const response = await request('/calendar.ics');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(expected);
  });

  it('a put that reads part of its copy and fails leaves the response whole', async () => {
    const { request } = liveApp();
    const expected = await rendered(request);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(caches.default, 'match').mockResolvedValue(undefined);
    const put = vi.spyOn(caches.default, 'put').mockImplementation(async (_key, copy) => {
      const reader = (copy as Response).body?.getReader();
      await reader?.read();
      await reader?.cancel(new Error('Network connection lost.'));
      throw new Error('Network connection lost.');
    });
    const response = await request('/calendar.ics');
    expect(put).toHaveBeenCalledOnce();
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(expected);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^cache put failed: /));
  });
});
