import { describe, expect, it } from 'vitest';
import type { FakeDataset, FakeEventInstance } from './dataset';
import type { FakePcoOptions } from './server';
import { basicAuthHeader, FakePco } from './server';

const ORIGIN = 'https://api.planningcenteronline.com';
const BASE = `${ORIGIN}/calendar/v2`;
const CREDENTIALS = { appId: 'app-id', secret: 's3cret-value' };
const AUTH = basicAuthHeader(CREDENTIALS.appId, CREDENTIALS.secret);
/** 2026-11-10 12:00 UTC: instances 1 and 2 have ended, 3–11 have not. */
const NOW_MS = Date.parse('2026-11-10T12:00:00Z');

interface Resource {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships: Record<string, { data: unknown }>;
  links: { self: string };
}
interface ListBody {
  data: Resource[];
  included: Resource[];
  meta: { total_count: number; count: number; next?: { offset: number }; parent: unknown };
  links: { self: string; next?: string };
}
interface SingleBody {
  data: Resource;
  included: Resource[];
  meta: Record<string, unknown>;
}
interface ErrorBody {
  errors: Array<{ status?: string; code?: string; title?: string; detail?: string }>;
}

function instance(
  id: string,
  eventId: string,
  startsAt: string,
  endsAt: string,
  extra: Partial<FakeEventInstance['attributes']> = {},
): FakeEventInstance {
  return {
    id,
    eventId,
    attributes: {
      name: null,
      all_day_event: false,
      church_center_url: `https://grace.churchcenter.com/calendar/event/${id}`,
      compact_recurrence_description: null,
      recurrence: null,
      recurrence_description: null,
      location: 'Main Hall',
      kind: 'standard',
      description: `<p>Instance ${id}</p>`,
      image_url: null,
      starts_at: startsAt,
      ends_at: endsAt,
      published_starts_at: null,
      published_ends_at: null,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: `2026-01-${id.padStart(2, '0')}T00:00:00Z`,
      ...extra,
    },
  };
}

/** Grace Church in Chicago: event 1 (approved, weekly ×9), 2 (pending), 3 (rejected). */
function makeDataset(): FakeDataset {
  const event = (id: string, name: string, status: 'A' | 'P' | 'R', tagIds: string[]) => ({
    id,
    tagIds,
    attributes: {
      name,
      approval_status: status,
      visible_in_church_center: status === 'A',
      featured: id === '1',
      summary: null,
      description: null,
      image_url: null,
      registration_url: null,
      percent_approved: status === 'A' ? 100 : 0,
      percent_rejected: status === 'R' ? 100 : 0,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    },
  });
  const weekly = Array.from({ length: 9 }, (_, week) => {
    const day = new Date(Date.UTC(2026, 10, 1 + 7 * week));
    const date = day.toISOString().slice(0, 10);
    return instance(String(week + 1), '1', `${date}T15:00:00Z`, `${date}T16:15:00Z`);
  });
  return {
    organization: {
      id: '900',
      attributes: {
        name: 'Grace Church',
        time_zone: 'America/Chicago',
        twenty_four_hour_time: false,
        date_format: '%m/%d/%Y',
        calendar_starts_on: 'Sunday',
      },
    },
    events: [
      event('1', 'Sunday Worship', 'A', ['1', '2']),
      event('2', 'Staff Retreat', 'P', ['2']),
      event('3', 'Picnic', 'R', []),
    ],
    instances: [
      ...weekly,
      instance('10', '2', '2026-11-20T14:00:00Z', '2026-11-21T22:00:00Z', { kind: 'blockout' }),
      instance('11', '3', '2026-11-25T17:00:00Z', '2026-11-25T20:00:00Z'),
    ],
    eventTimes: [
      {
        id: '51',
        instanceId: '1',
        eventId: '1',
        attributes: {
          name: 'Worship',
          starts_at: '2026-11-01T15:30:00Z',
          ends_at: '2026-11-01T16:15:00Z',
          visible_on_kiosks: true,
          visible_on_widget_and_ical: true,
        },
      },
      {
        id: '50',
        instanceId: '1',
        eventId: '1',
        attributes: {
          name: 'Setup',
          starts_at: '2026-11-01T15:00:00Z',
          ends_at: '2026-11-01T15:30:00Z',
          visible_on_kiosks: false,
          visible_on_widget_and_ical: false,
        },
      },
    ],
    tags: [
      {
        id: '1',
        attributes: {
          name: 'Worship',
          color: '#123456',
          position: 1,
          church_center_category: true,
        },
      },
      {
        id: '2',
        attributes: { name: 'All Church', color: null, position: 2, church_center_category: false },
      },
    ],
    attachments: ['70', '71'].map((id) => ({
      id,
      eventId: '1',
      attributes: {
        name: `bulletin-${id}.pdf`,
        url: `https://files.example/${id}`,
        content_type: 'application/pdf',
        file_size: Number(id) * 1000,
        description: null,
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
      },
    })),
    connections: [
      {
        id: '80',
        eventId: '1',
        attributes: {
          connected_to_id: '4411',
          connected_to_name: 'Greeters',
          connected_to_type: 'group',
          connected_to_url: 'https://groups.example/4411',
          product_name: 'groups',
          promoted: true,
        },
      },
    ],
  };
}

/** A fake on a hand-moved clock, and helpers that GET paths under /calendar/v2. */
function setup(options: Partial<FakePcoOptions> = {}) {
  const clock = { nowMs: NOW_MS };
  const pco = new FakePco({
    dataset: makeDataset(),
    credentials: CREDENTIALS,
    now: () => clock.nowMs,
    ...options,
  });
  const get = (pathAndQuery: string, init: RequestInit = {}) =>
    pco.fetch(`${BASE}${pathAndQuery}`, { headers: { Authorization: AUTH }, ...init });
  const getJson = async <T = ListBody>(pathAndQuery: string) => {
    const response = await get(pathAndQuery);
    return { status: response.status, body: (await response.json()) as T, response };
  };
  return { pco, clock, get, getJson };
}

const ids = (resources: readonly Resource[]) => resources.map((r) => r.id);

describe('paging', () => {
  it('follows absolute links.next across more than three pages and omits it on the last page', async () => {
    const { pco } = setup();
    const seen: string[] = [];
    const nextLinks: string[] = [];
    let url: string | undefined = `${BASE}/event_instances?per_page=3&include=tags`;
    let last: ListBody | undefined;
    while (url) {
      const response = await pco.fetch(url, { headers: { Authorization: AUTH } });
      last = (await response.json()) as ListBody;
      seen.push(...ids(last.data));
      url = last.links.next;
      if (url) nextLinks.push(url);
    }
    expect(seen).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expect(nextLinks).toEqual(
      [3, 6, 9].map((o) => `${BASE}/event_instances?per_page=3&include=tags&offset=${o}`),
    );
    expect(last?.meta).toMatchObject({ total_count: 11, count: 2 });
    expect(last?.meta.next).toBeUndefined();
    expect(last?.links.self).toBe(`${BASE}/event_instances?per_page=3&include=tags&offset=9`);
  });

  it('reports total_count, count and next.offset in meta while records remain', async () => {
    const { getJson } = setup();
    const { body } = await getJson('/event_instances?per_page=4&offset=4');
    expect(body.meta).toMatchObject({ total_count: 11, count: 4, next: { offset: 8 } });
    expect(body.meta.parent).toEqual({ type: 'Organization', id: '900' });
  });

  it('serves 25 records by default and caps per_page at 100', async () => {
    const { pco, getJson } = setup();
    pco.dataset.instances = Array.from({ length: 130 }, (_, i) =>
      instance(String(i + 1), '1', '2026-12-01T15:00:00Z', '2026-12-01T16:00:00Z'),
    );
    const byDefault = await getJson('/event_instances');
    expect(byDefault.body.data).toHaveLength(25);
    const capped = await getJson('/event_instances?per_page=500');
    expect(capped.status).toBe(200);
    expect(capped.body.data).toHaveLength(100);
    expect(capped.body.meta.next).toEqual({ offset: 100 });
    const rest = await getJson('/event_instances?per_page=500&offset=100');
    expect(rest.body.data).toHaveLength(30);
    expect(rest.body.links.next).toBeUndefined();
  });

  it('answers an offset past the end with an empty page', async () => {
    const { getJson } = setup();
    const { status, body } = await getJson('/event_instances?offset=50');
    expect(status).toBe(200);
    expect(body.data).toEqual([]);
    expect(body.meta.total_count).toBe(11);
  });

  it.each(['per_page=0', 'per_page=-5', 'per_page=ten', 'offset=-1', 'offset=x'])(
    'rejects %s with a 400 error document',
    async (query) => {
      const { getJson } = setup();
      const { status, body, response } = await getJson<ErrorBody>(`/event_instances?${query}`);
      expect(status).toBe(400);
      expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
      expect(body.errors[0]).toMatchObject({ status: '400', title: 'Bad Request' });
    },
  );
});

describe('where', () => {
  it('combines gte and lt on a date attribute', async () => {
    const { getJson } = setup();
    const { body } = await getJson(
      '/event_instances?where[starts_at][gte]=2026-11-08T15:00:00Z&where[starts_at][lt]=2026-11-22T15:00:00Z',
    );
    expect(ids(body.data)).toEqual(['2', '3', '10']);
  });

  it('reads a date-only value as midnight in the organization zone', async () => {
    const { pco, getJson } = setup();
    // Chicago is on CST (UTC−6) on 2026-11-08, so local midnight is 06:00Z.
    pco.dataset.instances = [
      instance('1', '1', '2026-11-08T05:59:00Z', '2026-11-08T07:00:00Z'),
      instance('2', '1', '2026-11-08T06:00:00Z', '2026-11-08T07:00:00Z'),
    ];
    const { body } = await getJson('/event_instances?where[starts_at][gte]=2026-11-08');
    expect(ids(body.data)).toEqual(['2']);
  });

  it('matches strings, booleans and integers by equality', async () => {
    const { getJson } = setup();
    expect(ids((await getJson('/events?where[approval_status]=P')).body.data)).toEqual(['2']);
    expect(ids((await getJson('/events?where[featured]=true')).body.data)).toEqual(['1']);
    expect(ids((await getJson('/events?where[percent_rejected]=100')).body.data)).toEqual(['3']);
    expect(ids((await getJson('/event_instances?where[kind]=blockout')).body.data)).toEqual(['10']);
  });

  it('matches a date attribute by instant equality', async () => {
    const { getJson } = setup();
    const { body } = await getJson('/event_instances?where[starts_at]=2026-11-15T15:00:00.000Z');
    expect(ids(body.data)).toEqual(['3']);
  });

  it('silently ignores a where on an attribute the type cannot be queried by', async () => {
    const { getJson } = setup();
    const byTag = await getJson('/event_instances?where[tag_ids]=999&where[name]=nothing');
    expect(byTag.status).toBe(200);
    expect(byTag.body.meta.total_count).toBe(11);
    const hidden = await getJson('/event_instances?where[visible_in_church_center]=false');
    expect(hidden.body.meta.total_count).toBe(11);
  });

  it.each([
    'where[starts_at][gte]=tomorrow',
    'where[starts_at][gte]=2026-02-30',
    'where[starts_at][between]=2026-11-01',
    'where[kind][gt]=a',
  ])('rejects %s with 400', async (query) => {
    const { getJson } = setup();
    const { status, body } = await getJson<ErrorBody>(`/event_instances?${query}`);
    expect(status).toBe(400);
    expect(body.errors[0]?.status).toBe('400');
  });

  it('rejects a boolean that is neither true nor false with 400', async () => {
    const { getJson } = setup();
    expect((await getJson('/events?where[featured]=yes')).status).toBe(400);
  });
});

describe('filter', () => {
  it('keeps instances that have not ended with filter=future', async () => {
    const { getJson } = setup();
    const { body } = await getJson('/event_instances?filter=future&per_page=100');
    expect(ids(body.data)).toEqual(['3', '4', '5', '6', '7', '8', '9', '10', '11']);
  });

  it('selects by the event approval status', async () => {
    const { getJson } = setup();
    expect((await getJson('/event_instances?filter=approved')).body.meta.total_count).toBe(9);
    expect(ids((await getJson('/event_instances?filter=pending')).body.data)).toEqual(['10']);
    expect(ids((await getJson('/event_instances?filter=rejected')).body.data)).toEqual(['11']);
  });

  it('requires every comma-combined filter to hold', async () => {
    const { clock, getJson } = setup();
    clock.nowMs = Date.parse('2026-11-21T00:00:00Z');
    const { body } = await getJson('/event_instances?filter=approved,future');
    expect(ids(body.data)).toEqual(['4', '5', '6', '7', '8', '9']);
    const pending = await getJson('/event_instances?filter=future&filter=pending');
    expect(ids(pending.body.data)).toEqual(['10']);
  });

  it('rejects an unknown filter with 400', async () => {
    const { getJson } = setup();
    const { status, body } = await getJson<ErrorBody>('/event_instances?filter=past');
    expect(status).toBe(400);
    expect(body.errors[0]?.detail).toContain('past');
  });
});

describe('order', () => {
  it('orders by an attribute ascending, and descending with a leading hyphen', async () => {
    const { getJson } = setup();
    const ascending = await getJson('/event_instances?order=starts_at&per_page=100');
    expect(ids(ascending.body.data)).toEqual([
      '1',
      '2',
      '3',
      '10',
      '4',
      '11',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
    const descending = await getJson('/event_instances?order=-updated_at&per_page=3');
    expect(ids(descending.body.data)).toEqual(['11', '10', '9']);
  });

  it('orders by numeric id when no order is given', async () => {
    const { getJson } = setup();
    const { body } = await getJson('/event_instances?per_page=100');
    expect(ids(body.data)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
  });

  it('breaks ties by id so pages neither repeat nor skip records', async () => {
    const { pco, getJson } = setup();
    pco.dataset.instances = ['5', '3', '4', '1', '2'].map((id) =>
      instance(id, '1', '2026-12-01T15:00:00Z', '2026-12-01T16:00:00Z'),
    );
    const first = await getJson('/event_instances?order=-starts_at&per_page=2');
    const second = await getJson('/event_instances?order=-starts_at&per_page=2&offset=2');
    expect([...ids(first.body.data), ...ids(second.body.data)]).toEqual(['1', '2', '3', '4']);
  });

  it('rejects an attribute the type cannot be ordered by with 400', async () => {
    const { getJson } = setup();
    expect((await getJson('/event_instances?order=name')).status).toBe(400);
    expect((await getJson('/events?order=name')).status).toBe(400);
  });
});

describe('include', () => {
  it('adds included records once each and links them from every instance', async () => {
    const { getJson } = setup();
    const { body } = await getJson('/event_instances?include=event,tags&per_page=3');
    expect(body.included.map((r) => `${r.type}:${r.id}`)).toEqual(['Event:1', 'Tag:1', 'Tag:2']);
    for (const resource of body.data) {
      expect(resource.relationships.event).toMatchObject({ data: { type: 'Event', id: '1' } });
      expect(resource.relationships.tags).toMatchObject({
        data: [
          { type: 'Tag', id: '1' },
          { type: 'Tag', id: '2' },
        ],
      });
    }
    expect(body.included[0]?.links.self).toBe(`${BASE}/events/1`);
  });

  it('always sends to-one linkage and sends to-many linkage only when included', async () => {
    const { getJson } = setup();
    const { body } = await getJson<SingleBody>('/event_instances/1');
    expect(body.data.relationships).toEqual({
      event: {
        data: { type: 'Event', id: '1' },
        links: {
          self: `${BASE}/event_instances/1/relationships/event`,
          related: `${BASE}/event_instances/1/event`,
        },
      },
    });
    expect(body.included).toEqual([]);
    expect(body.data.links.self).toBe(`${BASE}/event_instances/1`);
  });

  it('includes event times in start order with their own event linkage', async () => {
    const { getJson } = setup();
    const { body } = await getJson<SingleBody>(
      '/event_instances/1?include=event_times,resource_bookings',
    );
    expect(body.data.relationships.event_times?.data).toEqual([
      { type: 'EventTime', id: '50' },
      { type: 'EventTime', id: '51' },
    ]);
    expect(body.data.relationships.resource_bookings?.data).toEqual([]);
    expect(body.included[0]).toMatchObject({
      type: 'EventTime',
      id: '50',
      relationships: { event: { data: { type: 'Event', id: '1' } } },
      links: { self: `${BASE}/event_instances/1/event_times/50` },
    });
  });

  it('includes an event’s attachments and tags, and null for owner', async () => {
    const { getJson } = setup();
    const { body } = await getJson<SingleBody>('/events/1?include=attachments,tags,owner');
    expect(body.data.relationships.attachments?.data).toEqual([
      { type: 'Attachment', id: '70' },
      { type: 'Attachment', id: '71' },
    ]);
    expect(body.data.relationships.owner).toMatchObject({ data: null });
    expect(body.included.map((r) => r.type)).toEqual(['Attachment', 'Attachment', 'Tag', 'Tag']);
  });

  it('includes the event of each attachment', async () => {
    const { getJson } = setup();
    const { body } = await getJson('/attachments?include=event');
    expect(ids(body.data)).toEqual(['70', '71']);
    expect(body.included.map((r) => `${r.type}:${r.id}`)).toEqual(['Event:1']);
  });

  it('applies fields[Type] to relationships as to attributes (JSON:API 1.0 §6.3)', async () => {
    const { getJson } = setup();
    const { body } = await getJson(
      '/event_instances?include=event,event_times,tags&per_page=2&fields[EventInstance]=name,tags&fields[Event]=name',
    );
    for (const resource of body.data) {
      expect(Object.keys(resource.attributes)).toEqual(['name']);
      expect(Object.keys(resource.relationships)).toEqual(['tags']);
    }
    // Included records still come (the include asked for them), trimmed by their own lists.
    const event = body.included.find((r) => r.type === 'Event');
    expect(event).toMatchObject({ attributes: { name: expect.any(String) }, relationships: {} });
    expect(Object.keys(event?.attributes ?? {})).toEqual(['name']);
    expect(body.included.some((r) => r.type === 'EventTime')).toBe(true);
  });

  it('rejects an include the type does not offer with a 400 naming it', async () => {
    const { getJson } = setup();
    const { status, body } = await getJson<ErrorBody>('/event_instances?include=event,owner');
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ status: '400', title: 'Bad Request' });
    expect(body.errors[0]?.detail).toContain("'owner'");
    expect((await getJson('/events/1?include=event.tags')).status).toBe(400);
  });
});

describe('sparse fields', () => {
  it('omits sparse-only attributes unless they are requested', async () => {
    const { getJson } = setup();
    const { body } = await getJson<SingleBody>('/event_instances/10');
    expect(body.data.attributes).not.toHaveProperty('kind');
    expect(body.data.attributes).not.toHaveProperty('description');
    expect(body.data.attributes).not.toHaveProperty('image_url');
    expect(body.data.attributes).toHaveProperty('starts_at', '2026-11-20T14:00:00Z');
  });

  it('returns only the listed attributes and ignores unknown names', async () => {
    const { getJson } = setup();
    const { body } = await getJson<SingleBody>(
      '/event_instances/10?fields[EventInstance]=kind,starts_at,bogus',
    );
    expect(body.data.attributes).toEqual({ kind: 'blockout', starts_at: '2026-11-20T14:00:00Z' });
  });

  it('applies a fieldset to included records of that type', async () => {
    const { getJson } = setup();
    const { body } = await getJson(
      '/event_instances?per_page=1&include=event&fields[Event]=name,approval_status',
    );
    expect(body.included[0]?.attributes).toEqual({ name: 'Sunday Worship', approval_status: 'A' });
    expect(body.data[0]?.attributes).toHaveProperty('location');
  });

  it('sends EventConnection.promoted only when requested', async () => {
    const { getJson } = setup();
    const plain = await getJson('/events/1/event_connections');
    expect(plain.body.data[0]?.attributes).not.toHaveProperty('promoted');
    const asked = await getJson(
      '/events/1/event_connections?fields[EventConnection]=promoted,product_name',
    );
    expect(asked.body.data[0]?.attributes).toEqual({ promoted: true, product_name: 'groups' });
  });
});

describe('authentication', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a wrong secret', basicAuthHeader(CREDENTIALS.appId, 'guess')],
    ['a wrong application id', basicAuthHeader('other', CREDENTIALS.secret)],
    ['a Bearer token', `Bearer ${CREDENTIALS.secret}`],
    ['malformed base64', 'Basic !!!'],
  ])('answers 401 to %s without echoing credentials', async (_case, authorization) => {
    const { pco } = setup();
    const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
    const response = await pco.fetch(`${BASE}/events`, { headers });
    expect(response.status).toBe(401);
    // As real PCO does: Rails' plain-text denial, not a JSON:API document.
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const text = await response.text();
    expect(text).toBe('HTTP Basic: Access denied.\n');
    const everything = `${text} ${[...response.headers].join(' ')}`;
    expect(everything).not.toContain(CREDENTIALS.secret);
    expect(everything).not.toContain(CREDENTIALS.appId);
    expect(everything).not.toContain('guess');
  });

  it('accepts a case-insensitive Basic scheme with the right credentials', async () => {
    const { pco } = setup();
    const header = AUTH.replace('Basic', 'basic');
    const response = await pco.fetch(`${BASE}/events`, { headers: { Authorization: header } });
    expect(response.status).toBe(200);
  });
});

describe('rate limit', () => {
  const limited = () => setup({ rateLimit: { limit: 3, periodSeconds: 20 } });

  it('sends limit, period and count headers on every answer', async () => {
    const { get, pco } = limited();
    const first = await get('/events');
    expect(first.headers.get('X-PCO-API-Request-Rate-Limit')).toBe('3');
    expect(first.headers.get('X-PCO-API-Request-Rate-Period')).toBe('20');
    expect(first.headers.get('X-PCO-API-Request-Rate-Count')).toBe('1');
    const missing = await get('/events/404');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('X-PCO-API-Request-Rate-Count')).toBe('2');
    const unauthorized = await pco.fetch(`${BASE}/events`);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('X-PCO-API-Request-Rate-Limit')).toBe('3');
  });

  it('answers 429 with Retry-After once the limit is used, without counting the 429s', async () => {
    const { get, clock } = limited();
    for (const secondsLater of [0, 5, 10]) {
      clock.nowMs = NOW_MS + secondsLater * 1000;
      expect((await get('/events')).status).toBe(200);
    }
    clock.nowMs = NOW_MS + 12_000;
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await get('/events');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('Retry-After')).toBe('8');
      expect(refused.headers.get('X-PCO-API-Request-Rate-Count')).toBe('4');
      expect(await refused.json()).toEqual({
        errors: [{ code: '429', detail: 'Rate limit exceeded: 4 of 3 requests per 20 seconds' }],
      });
    }
  });

  it('admits requests again when the clock moves past the oldest request', async () => {
    const { get, clock } = limited();
    for (let i = 0; i < 3; i++) await get('/events');
    expect((await get('/events')).status).toBe(429);
    clock.nowMs = NOW_MS + 19_999;
    expect((await get('/events')).headers.get('Retry-After')).toBe('1');
    clock.nowMs = NOW_MS + 20_000;
    const recovered = await get('/events');
    expect(recovered.status).toBe(200);
    expect(recovered.headers.get('X-PCO-API-Request-Rate-Count')).toBe('1');
  });

  it('uses 100 requests per 20 seconds by default and 75 for offsets above 30,000', async () => {
    const { get } = setup();
    expect((await get('/events')).headers.get('X-PCO-API-Request-Rate-Limit')).toBe('100');
    const deep = await get('/events?offset=30001');
    expect(deep.headers.get('X-PCO-API-Request-Rate-Limit')).toBe('75');
  });
});

describe('faults', () => {
  it('answers an injected status once with a JSON:API error, then recovers', async () => {
    const { pco, getJson } = setup();
    pco.injectFault({ kind: 'status', status: 503 });
    const failed = await getJson<ErrorBody>('/events');
    expect(failed.status).toBe(503);
    expect(failed.body.errors[0]).toMatchObject({ status: '503', title: 'Service Unavailable' });
    expect((await getJson('/events')).status).toBe(200);
  });

  it('sends the headers of a real 429 for an injected rate limit, and does not count it', async () => {
    const { pco, get } = setup({ rateLimit: { limit: 3, periodSeconds: 20 } });
    pco.injectFault({ kind: 'rate-limit', retryAfterSeconds: 7 });
    const refused = await get('/events');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('7');
    expect(refused.headers.get('X-PCO-API-Request-Rate-Limit')).toBe('3');
    expect(refused.headers.get('X-PCO-API-Request-Rate-Period')).toBe('20');
    expect(refused.headers.get('X-PCO-API-Request-Rate-Count')).toBe('4');
    expect(((await refused.json()) as ErrorBody).errors[0]?.code).toBe('429');
    const next = await get('/events');
    expect(next.headers.get('X-PCO-API-Request-Rate-Count')).toBe('1');
  });

  it('stalls for the given time, then answers normally', async () => {
    const { pco, get } = setup();
    pco.injectFault({ kind: 'stall', ms: 20 });
    const started = Date.now();
    const response = await get('/events');
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('rejects a stalled request promptly when the client aborts', async () => {
    const { pco, get } = setup();
    pco.injectFault({ kind: 'stall', ms: 10_000 });
    const controller = new AbortController();
    const started = Date.now();
    const pending = get('/events', { signal: controller.signal, headers: { Authorization: AUTH } });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(pco.requests.at(-1)?.status).toBe(499);
  });

  it('honours the signal of a Request object', async () => {
    const { pco } = setup();
    pco.injectFault({ kind: 'stall', ms: 10_000 });
    const controller = new AbortController();
    const request = new Request(`${BASE}/events`, {
      headers: { Authorization: AUTH },
      signal: controller.signal,
    });
    const pending = pco.fetch(request);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects a request whose signal has already aborted', async () => {
    const { pco, get } = setup();
    const signal = AbortSignal.abort();
    await expect(
      get('/events', { signal, headers: { Authorization: AUTH } }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(pco.requests.at(-1)?.status).toBe(499);
  });

  it('refuses to queue a status no response can carry', () => {
    const { pco } = setup();
    expect(() => pco.injectFault({ kind: 'status', status: 99 })).toThrow(RangeError);
    expect(() => pco.injectFault({ kind: 'status', status: 503 }, { times: 0 })).toThrow(
      RangeError,
    );
  });

  it('answers 200 with a body that is not valid JSON', async () => {
    const { pco, get } = setup();
    pco.injectFault({ kind: 'malformed-json' });
    const response = await get('/event_instances');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    const text = await response.text();
    expect(text.startsWith('{"data":')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('fails only pages after the first with fail-after-first-page', async () => {
    const { pco, get } = setup();
    pco.injectFault({ kind: 'fail-after-first-page' });
    expect((await get('/event_instances?per_page=5')).status).toBe(200);
    expect((await get('/events/1')).status).toBe(200);
    expect((await get('/event_instances?per_page=5&offset=5')).status).toBe(500);
    expect((await get('/event_instances?per_page=5&offset=5')).status).toBe(200);
  });

  it('answers list requests with a valid empty document for empty', async () => {
    const { pco, getJson } = setup();
    pco.injectFault({ kind: 'empty' });
    expect((await getJson<SingleBody>('/events/1')).body.data.id).toBe('1');
    const { status, body } = await getJson('/event_instances');
    expect(status).toBe(200);
    expect(body.data).toEqual([]);
    expect(body.meta).toMatchObject({ total_count: 0, count: 0 });
    expect(body.links.next).toBeUndefined();
  });

  it('answers list requests with a links.next back to the page itself for next-loops', async () => {
    const { pco, getJson } = setup();
    pco.injectFault({ kind: 'next-loops' });
    expect((await getJson<SingleBody>('/events/1')).body.data.id).toBe('1');
    const { status, body } = await getJson<ListBody>('/event_instances?per_page=1&offset=1');
    expect(status).toBe(200);
    expect(body.data).toHaveLength(1);
    expect(body.links.next).toBe(body.links.self);
    const after = await getJson<ListBody>('/event_instances?per_page=1&offset=1');
    expect(after.body.links.next).toMatch(/offset=2/);
  });

  it('answers list requests without links.next, meta.next kept, for next-missing', async () => {
    const { pco, getJson } = setup();
    pco.injectFault({ kind: 'next-missing' });
    const { body } = await getJson<ListBody>('/event_instances?per_page=1');
    expect(body.links.next).toBeUndefined();
    expect(body.meta.next).toEqual({ offset: 1 });
  });

  it('applies a fault only to matching URLs, as many times as asked', async () => {
    const { pco, get } = setup();
    pco.injectFault(
      { kind: 'status', status: 502 },
      { times: 2, match: (url) => url.pathname.endsWith('/event_instances') },
    );
    expect((await get('/events')).status).toBe(200);
    expect((await get('/event_instances')).status).toBe(502);
    expect((await get('/event_instances')).status).toBe(502);
    expect((await get('/event_instances')).status).toBe(200);
  });

  it('applies faults in the order they were injected', async () => {
    const { pco, get } = setup();
    pco.injectFault({ kind: 'status', status: 500 });
    pco.injectFault({ kind: 'status', status: 503 });
    expect((await get('/events')).status).toBe(500);
    expect((await get('/events')).status).toBe(503);
  });

  it('applies faults only after authentication', async () => {
    const { pco, get } = setup();
    pco.injectFault({ kind: 'status', status: 503 });
    expect((await pco.fetch(`${BASE}/events`)).status).toBe(401);
    expect((await get('/events')).status).toBe(503);
  });

  it('drops every queued fault on clearFaults', async () => {
    const { pco, get } = setup();
    pco.injectFault({ kind: 'status', status: 500 }, { times: Number.POSITIVE_INFINITY });
    pco.clearFaults();
    expect((await get('/events')).status).toBe(200);
  });
});

describe('routes', () => {
  it('serves the organization at /calendar/v2', async () => {
    const { getJson } = setup();
    const { body } = await getJson<SingleBody>('');
    expect(body.data).toMatchObject({
      type: 'Organization',
      id: '900',
      attributes: { name: 'Grace Church', time_zone: 'America/Chicago' },
      links: { self: BASE },
    });
  });

  it('serves nested lists with their parent in meta', async () => {
    const { getJson } = setup();
    const byEvent = await getJson('/events/2/event_instances');
    expect(ids(byEvent.body.data)).toEqual(['10']);
    expect(byEvent.body.meta.parent).toEqual({ type: 'Event', id: '2' });
    expect(ids((await getJson('/tags/1/event_instances?per_page=100')).body.data)).toHaveLength(9);
    expect(ids((await getJson('/tags/2/event_instances?per_page=100')).body.data)).toHaveLength(10);
    expect(ids((await getJson('/event_instances/1/event_times')).body.data)).toEqual(['50', '51']);
    expect(ids((await getJson('/events/1/attachments')).body.data)).toEqual(['70', '71']);
    expect(ids((await getJson('/events/3/attachments')).body.data)).toEqual([]);
    expect(ids((await getJson('/tags')).body.data)).toEqual(['1', '2']);
  });

  it('serves what the dataset holds at the time of each request', async () => {
    const { pco, getJson } = setup();
    pco.dataset.events = pco.dataset.events.filter((event) => event.id !== '3');
    expect((await getJson('/events')).body.meta.total_count).toBe(2);
  });

  it.each([
    '/events/999',
    '/event_instances/999',
    '/events/999/event_instances',
    '/event_instances/999/event_times',
    '/tags/999/event_instances',
    '/events/999/event_connections',
    '/resources',
    '/../people/v2/people',
  ])('answers 404 with an error document for %s', async (path) => {
    const { getJson } = setup();
    const { status, body } = await getJson<ErrorBody>(path);
    expect(status).toBe(404);
    expect(body.errors[0]).toMatchObject({ status: '404', title: 'Not Found' });
  });

  it('answers 405 to methods other than GET', async () => {
    const { get } = setup();
    const response = await get('/events', { method: 'POST', headers: { Authorization: AUTH } });
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET, HEAD');
    expect(((await response.json()) as ErrorBody).errors[0]?.status).toBe('405');
  });
});

describe('request log', () => {
  it('records every request with its final status, oldest first', async () => {
    const { pco, get } = setup();
    await pco.fetch(`${BASE}/events`);
    await get('/events?per_page=2');
    await get('/nope');
    expect(pco.requests).toEqual([
      { method: 'GET', url: `${BASE}/events`, status: 401 },
      { method: 'GET', url: `${BASE}/events?per_page=2`, status: 200 },
      { method: 'GET', url: `${BASE}/nope`, status: 404 },
    ]);
  });
});
