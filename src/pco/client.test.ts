import { describe, expect, it } from 'vitest';
import { DatasetBuilder } from '../fake-pco/builder';
import type { FakeDataset } from '../fake-pco/dataset';
import { FakePco } from '../fake-pco/server';
import { PcoClient, type PcoClientOptions } from './client';
import {
  PcoError,
  PcoHttpError,
  PcoRateLimitError,
  PcoSchemaError,
  PcoTimeoutError,
} from './errors';
import { readAttachments, readConnections, readInstances, readOrganization } from './read';

const CREDENTIALS = { appId: 'app-id-123', secret: 'very-secret-token' };
const BASE = 'https://api.pco.test';
const FROM = '2026-01-01T00:00:00Z';
const TO = '2035-12-31T00:00:00Z';

/** A church with `count` weekly instances, one hidden setup time each, and one blockout. */
function church(count: number): FakeDataset {
  const b = new DatasetBuilder({ name: 'Test Church', timeZone: 'America/Chicago' });
  const worship = b.tag('Worship');
  const sunday = b.event(
    { name: 'Sunday Worship', description: '<p>Hello</p>' },
    { tags: [worship] },
  );
  for (let week = 0; week < count; week += 1) {
    const day = new Date(Date.UTC(2026, 0, 4 + week * 7)).toISOString().slice(0, 10);
    b.instance(sunday, {
      times: [
        { name: 'Setup', start: `${day}T07:30`, end: `${day}T08:45`, visible: false },
        { start: `${day}T09:00`, end: `${day}T10:15` },
      ],
    });
  }
  const rooms = b.event({ name: 'Room hold' });
  b.instance(rooms, {
    kind: 'blockout',
    times: [{ start: '2026-02-02T09:00', end: '2026-02-02T17:00' }],
  });
  b.attachment(sunday, { name: 'Bulletin.pdf', content_type: 'application/pdf' });
  b.connection(sunday, {
    connected_to_type: 'signup',
    product_name: 'registrations',
    promoted: true,
  });
  return b.build();
}

/** A fake PCO and a client wired to it, sharing one fake clock that `sleep` advances. */
function setup(
  dataset: FakeDataset,
  options: Partial<PcoClientOptions> = {},
  rateLimit?: { limit: number; periodSeconds: number },
) {
  let clock = Date.UTC(2026, 5, 1);
  const sleeps: number[] = [];
  const fake = new FakePco({
    dataset,
    credentials: CREDENTIALS,
    now: () => clock,
    ...(rateLimit ? { rateLimit } : {}),
  });
  const client = new PcoClient({
    baseUrl: BASE,
    ...CREDENTIALS,
    fetch: (request) => fake.fetch(request),
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    ...options,
  });
  return { fake, client, sleeps };
}

const paths = (fake: FakePco) => fake.requests.map((r) => `${new URL(r.url).pathname} ${r.status}`);

describe('paging', () => {
  it('follows links.next across more than three pages and returns every instance once', async () => {
    const { fake, client } = setup(church(350));
    const read = await readInstances(client, FROM, TO);
    expect(read.instances).toHaveLength(351);
    expect(new Set(read.instances.map((i) => i.id)).size).toBe(351);
    const pages = fake.requests.filter((r) => r.url.includes('/event_instances'));
    expect(pages).toHaveLength(4);
    expect(pages.every((r) => r.status === 200)).toBe(true);
    expect(new URL(pages[0]?.url ?? '').searchParams.get('per_page')).toBe('100');
    expect(new URL(pages[3]?.url ?? '').searchParams.get('offset')).toBe('300');
  });
});

describe('includes and sparse fields', () => {
  it('resolves each instance event, event times and tags from included', async () => {
    const { client } = setup(church(2));
    const read = await readInstances(client, FROM, TO);
    const first = read.instances[0];
    expect(first?.times.map((t) => t.attributes.visible_on_widget_and_ical)).toEqual([false, true]);
    expect(read.events.get(first?.eventId ?? '')?.attributes.name).toBe('Sunday Worship');
    expect(first?.tagIds.map((id) => read.tags.get(id)?.attributes.name)).toEqual(['Worship']);
  });

  it('gets the sparse-only attributes (kind, description) by asking for them', async () => {
    const { client } = setup(church(1));
    const read = await readInstances(client, FROM, TO);
    expect(read.instances.map((i) => i.attributes.kind).sort()).toEqual(['blockout', 'standard']);
    const connections = await readConnections(client, read.instances[0]?.eventId ?? '');
    expect(connections[0]?.attributes.promoted).toBe(true);
  });

  it('reads the organization and the attachments with their event', async () => {
    const { client } = setup(church(1));
    const org = await readOrganization(client);
    expect(org).toMatchObject({
      name: 'Test Church',
      timeZone: 'America/Chicago',
      twentyFourHourTime: false,
    });
    const { attachments } = await readAttachments(client);
    expect(attachments.map((a) => [a.attributes.name, a.attributes.content_type])).toEqual([
      ['Bulletin.pdf', 'application/pdf'],
    ]);
  });

  it('sends the API version header and Basic credentials', async () => {
    const seen: Request[] = [];
    const fake = new FakePco({ dataset: church(1), credentials: CREDENTIALS });
    const client = new PcoClient({
      baseUrl: BASE,
      ...CREDENTIALS,
      fetch: (request) => {
        seen.push(request.clone());
        return fake.fetch(request);
      },
    });
    await readOrganization(client);
    expect(seen[0]?.headers.get('X-PCO-API-Version')).toBe('2022-07-07');
    expect(seen[0]?.headers.get('Authorization')).toBe(
      `Basic ${btoa('app-id-123:very-secret-token')}`,
    );
  });
});

describe('authentication', () => {
  it('fails with an auth error on 401 and keeps the secret out of the error', async () => {
    const { client } = setup(church(1), { secret: 'wrong-secret' });
    const error = await readOrganization(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PcoHttpError);
    expect(error).toMatchObject({ status: 401, kind: 'auth' });
    const serialized = JSON.stringify(error) + String(error) + ((error as Error).stack ?? '');
    expect(serialized).not.toContain('wrong-secret');
    expect(serialized).not.toContain(btoa('app-id-123:wrong-secret'));
  });
});

describe('rate limits', () => {
  it('waits Retry-After seconds after a 429, then succeeds', async () => {
    const { fake, client, sleeps } = setup(church(1));
    fake.injectFault({ kind: 'rate-limit', retryAfterSeconds: 7 });
    const org = await readOrganization(client);
    expect(org.name).toBe('Test Church');
    expect(sleeps).toEqual([7000]);
    expect(paths(fake)).toEqual(['/calendar/v2 429', '/calendar/v2 200']);
  });

  it('never goes past the limit the response headers announce', async () => {
    const { fake, client, sleeps } = setup(church(1), {}, { limit: 3, periodSeconds: 20 });
    for (let i = 0; i < 7; i += 1) await readOrganization(client);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(sleeps.length).toBeGreaterThanOrEqual(2);
    expect(sleeps.every((ms) => ms > 0 && ms <= 20_000)).toBe(true);
  });

  it('gives up with a rate-limit error when Retry-After is longer than it will wait', async () => {
    const { fake, client } = setup(church(1), { maxWaitSeconds: 30 });
    fake.injectFault({ kind: 'rate-limit', retryAfterSeconds: 3600 });
    await expect(readOrganization(client)).rejects.toBeInstanceOf(PcoRateLimitError);
  });
});

describe('server errors', () => {
  it('retries a 5xx with backoff and succeeds when PCO recovers', async () => {
    const { fake, client, sleeps } = setup(church(1));
    fake.injectFault({ kind: 'status', status: 502 });
    await expect(readOrganization(client)).resolves.toMatchObject({ name: 'Test Church' });
    expect(paths(fake)).toEqual(['/calendar/v2 502', '/calendar/v2 200']);
    expect(sleeps).toEqual([500]);
  });

  it('fails cleanly with the status after its bounded attempts', async () => {
    const { fake, client, sleeps } = setup(church(1));
    fake.injectFault({ kind: 'status', status: 503 }, { times: 10 });
    const error = await readOrganization(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PcoHttpError);
    expect(error).toMatchObject({ status: 503, kind: 'http' });
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('does not retry a 4xx other than 429', async () => {
    const { fake, client } = setup(church(1));
    fake.injectFault({ kind: 'status', status: 404 }, { times: 10 });
    await expect(readOrganization(client)).rejects.toMatchObject({ status: 404 });
    expect(fake.requests).toHaveLength(1);
  });

  it('times out a stalled request and reports a timeout', async () => {
    const { fake, client } = setup(church(1), { timeoutMs: 20, maxAttempts: 2 });
    fake.injectFault({ kind: 'stall', ms: 5_000 }, { times: 2 });
    await expect(readOrganization(client)).rejects.toBeInstanceOf(PcoTimeoutError);
  });
});

describe('malformed answers', () => {
  it('cancels a body larger than the cap, even without Content-Length', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    let sent = 0;
    const client = new PcoClient({
      baseUrl: BASE,
      ...CREDENTIALS,
      fetch: async () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              sent += 1;
              if (sent > 64) controller.close();
              else controller.enqueue(chunk);
            },
          }),
          { headers: { 'Content-Type': 'application/json' } },
        ),
    });
    await expect(readOrganization(client)).rejects.toThrow(/exceeds/);
    expect(sent).toBeLessThan(20);
  });

  it('rejects a body that is not JSON', async () => {
    const { fake, client } = setup(church(1));
    fake.injectFault({ kind: 'malformed-json' });
    await expect(readOrganization(client)).rejects.toBeInstanceOf(PcoSchemaError);
  });

  it('sets apart an instance whose event is missing from included, keeping the others', async () => {
    const dataset = church(2);
    const orphan = dataset.instances[0];
    if (orphan) orphan.eventId = '999999';
    const { client } = setup(dataset);
    const read = await readInstances(client, FROM, TO);
    expect(read.undecodableInstances).toEqual([
      expect.objectContaining({ id: orphan?.id, problems: [expect.stringMatching(/no event/)] }),
    ]);
    expect(read.instances.map((i) => i.id)).not.toContain(orphan?.id);
    expect(read.instances.length).toBeGreaterThan(0);
  });

  it('sets apart a record with a malformed required attribute, naming it but not its value', async () => {
    const dataset = church(1);
    const first = dataset.instances[0];
    if (first) Object.assign(first.attributes, { all_day_event: 'yes' });
    const { client } = setup(dataset);
    const read = await readInstances(client, FROM, TO);
    expect(read.undecodableInstances[0]).toMatchObject({
      id: first?.id,
      problems: ['all_day_event: unreadable string (expected a boolean)'],
      partial: { kind: 'standard' },
    });
  });

  it('publishes an instance whose optional instant is malformed without that field only', async () => {
    const dataset = church(2);
    const first = dataset.instances[0];
    if (first) Object.assign(first.attributes, { published_starts_at: '2026-01-04 09:00' });
    const { client } = setup(dataset);
    const read = await readInstances(client, FROM, TO);
    const decoded = read.instances.find((i) => i.id === first?.id);
    expect(decoded?.dropped).toEqual(['published_starts_at']);
    expect(decoded?.attributes.published_starts_at).toBeNull();
    expect(decoded?.attributes.published_ends_at).toMatch(/^2026-01-04T/);
    expect(decoded?.times).toHaveLength(2);
    expect(read.undecodableInstances).toEqual([]);
  });

  it('judges an instance that offset paging repeats by its later copy', async () => {
    // Between two pages a record is added before the offset and the last record of page 1 is
    // changed: page 2 repeats it, as read now (offset paging over live data).
    const dataset = church(150);
    const byStart = [...dataset.instances].sort((a, b) =>
      a.attributes.starts_at.localeCompare(b.attributes.starts_at),
    );
    const repeated = byStart[99];
    const first = byStart[0];
    if (!repeated || !first) throw new Error('fixture');
    let pages = 0;
    const { fake, client } = setup(dataset, {
      fetch: (request) => {
        if (request.url.includes('/event_instances') && pages++ === 1) {
          dataset.instances.push({ ...structuredClone(first), id: 'added' });
          Object.assign(repeated.attributes, { kind: null });
        }
        return fake.fetch(request);
      },
    });
    const read = await readInstances(client, FROM, TO);
    expect(read.instances.map((i) => i.id)).not.toContain(repeated.id);
    expect(read.undecodableInstances.filter((i) => i.id === repeated.id)).toHaveLength(1);
  });

  it('stops at the first links.next that repeats a page, instead of following the loop', async () => {
    const { fake, client } = setup(church(250));
    fake.injectFault({ kind: 'next-loops' }, { times: Number.POSITIVE_INFINITY });
    const error = await readInstances(client, FROM, TO).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PcoSchemaError);
    expect(String((error as Error).message)).toMatch(/repeats/);
    // The first page, whose next is itself: one request, not PCO_MAX_PAGES of them.
    expect(fake.requests.filter((r) => r.url.includes('/event_instances'))).toHaveLength(1);
  });

  it('fails the listing when meta.next says a page follows but links.next is missing', async () => {
    const { fake, client } = setup(church(250));
    fake.injectFault({ kind: 'next-missing' }, { match: (url) => url.searchParams.has('offset') });
    const error = await readInstances(client, FROM, TO).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PcoSchemaError);
    // A listing cut short would publish a calendar missing its later events as if whole.
    expect(fake.requests.filter((r) => r.url.includes('/event_instances'))).toHaveLength(2);
  });

  it('fails the whole listing when a later page fails, never returning part of it', async () => {
    const { fake, client } = setup(church(250));
    fake.injectFault({ kind: 'fail-after-first-page' }, { times: 10 });
    const error = await readInstances(client, FROM, TO).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PcoError);
    expect(error).toMatchObject({ status: 500 });
  });
});
