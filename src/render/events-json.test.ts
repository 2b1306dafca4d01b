/**
 * `/events.json` against its published schema (docs/events-json.schema.json).
 *
 * The document is built through the real code path: a fake PCO dataset (DatasetBuilder) served
 * by FakePco, read by PcoClient, turned into a snapshot by refreshSnapshot, rendered by
 * renderEventsJson. It is then validated with @cfworker/json-schema (ajv cannot run in workerd:
 * it compiles validators with `new Function`).
 */

import { SELF } from 'cloudflare:test';
import { type Schema, Validator } from '@cfworker/json-schema';
import { beforeAll, describe, expect, it } from 'vitest';
import schemaJson from '../../docs/events-json.schema.json';
import { refreshedSnapshot } from '../../test/support/refreshed-snapshot';
import { DatasetBuilder } from '../fake-pco/builder';
import type { FakeDataset } from '../fake-pco/dataset';
import { EVENTS_JSON_VERSION, renderEventsJson } from './events-json';
import type { RenderContext } from './render-context';

// The validator annotates the schema object it is given (`__absolute_ref__`…): give it a copy.
const schema = structuredClone(schemaJson) as unknown as Schema;
const validator = new Validator(schema, '2020-12', false);

const CREDENTIALS = { appId: 'a', secret: 'b' };
/** The refresh clock: every fixture date (June–December 2027) is inside its 365-day window. */
const NOW = new Date('2027-05-01T12:00:00Z');
const CONTEXT: RenderContext = {
  baseUrl: 'https://feeds.grace.test',
  host: 'feeds.grace.test',
  title: 'Grace Community Church',
  description: 'Events from Grace Community Church',
  demo: false,
};

const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** One occurrence of the document, loosely typed for mutation in the negative tests. */
type Json = Record<string, unknown>;
interface EventsDocument {
  version: number;
  title: string;
  organization: string;
  time_zone: string;
  twenty_four_hour_time: boolean;
  home_page_url: string;
  updated_at: string | null;
  tags: Array<{ id: string; name: string }>;
  occurrences: Array<Json & { id: string; times: Json[]; attachments: Json[] }>;
}

/**
 * A small church in America/Chicago (CDT −05:00 until 2027-11-07 02:00, then CST −06:00):
 * - instance 1: Sunday worship in summer, a hidden Setup and two visible services;
 * - instance 2: Vacation Bible School, featured, with image, registration link, HTML
 *   description, two attachments and two connections;
 * - instance 3: a Fri–Sun all-day retreat;
 * - instance 4: a youth lock-in across the fall-back change;
 * - instance 5: a prayer meeting with every optional field empty;
 * - instance 6: Sunday worship in winter.
 */
function church(): FakeDataset {
  const b = new DatasetBuilder({
    name: 'Grace Community Church',
    timeZone: 'America/Chicago',
    churchCenterBase: 'https://grace.churchcenter.com',
  });
  const worship = b.tag('Worship');
  const kids = b.tag('Kids');
  const men = b.tag('Men');
  const youth = b.tag('Youth');

  const sunday = b.event(
    { name: 'Sunday Worship', summary: 'Worship, teaching and coffee for all ages.' },
    { tags: [worship] },
  );
  b.instance(sunday, {
    id: '1',
    location: 'Main Sanctuary',
    times: [
      { name: 'Setup', start: '2027-06-06T07:30', end: '2027-06-06T08:45', visible: false },
      { name: '9:00 Service', start: '2027-06-06T09:00', end: '2027-06-06T10:15' },
      { name: '11:00 Service', start: '2027-06-06T11:00', end: '2027-06-06T12:15' },
    ],
  });

  const vbs = b.event(
    {
      name: 'Vacation Bible School',
      featured: true,
      image_url: 'https://images.pco.test/events/vbs-2027.jpg',
      registration_url: 'https://grace.churchcenter.com/registrations/events/2027-vbs',
      description:
        '<p>Five mornings of <strong>games</strong> &amp; music.</p><script>alert(1)</script>',
      updated_at: '2027-04-20T15:30:00Z',
    },
    { tags: [kids] },
  );
  b.instance(vbs, {
    id: '2',
    location: 'Fellowship Hall',
    times: [{ start: '2027-07-19T09:00', end: '2027-07-19T12:00' }],
  });
  b.attachment(vbs, { name: 'Packing List.txt', content_type: null });
  b.attachment(vbs, { name: 'Medical Release.pdf', file_size: 48_213 });
  b.connection(vbs, {
    connected_to_type: 'group',
    product_name: 'groups',
    promoted: true,
  });
  b.connection(vbs, {
    connected_to_type: 'signup',
    product_name: 'registrations',
    connected_to_name: 'VBS 2027 Registration',
    connected_to_url: 'https://grace.churchcenter.com/registrations/events/2027-vbs',
    promoted: true,
  });
  // Not public: a group that is not promoted, and staff-facing products.
  b.connection(vbs, { connected_to_type: 'group', product_name: 'groups', promoted: false });
  b.connection(vbs, { connected_to_type: 'service_type', product_name: 'services' });
  b.connection(vbs, { connected_to_type: 'event', product_name: 'check-ins' });

  const retreat = b.event({ name: "Men's Retreat" }, { tags: [men] });
  b.instance(retreat, {
    id: '3',
    allDay: true,
    location: 'Camp Wildwood',
    times: [{ start: '2027-09-17', end: '2027-09-19' }],
  });

  const lockIn = b.event({ name: 'Youth Lock-in' }, { tags: [youth] });
  b.instance(lockIn, {
    id: '4',
    times: [{ start: '2027-11-06T20:00', end: '2027-11-07T07:00' }],
  });

  const prayer = b.event({ name: 'Prayer Meeting' });
  b.instance(prayer, {
    id: '5',
    name: null,
    churchCenterUrl: null,
    times: [{ start: '2027-11-10T18:30', end: '2027-11-10T19:30' }],
  });

  b.instance(sunday, {
    id: '6',
    location: 'Main Sanctuary',
    times: [{ name: '9:00 Service', start: '2027-12-05T09:00', end: '2027-12-05T10:15' }],
  });
  return b.build();
}

/** Reads `dataset` through FakePco → PcoClient → refreshSnapshot and renders every occurrence. */
async function render(dataset: FakeDataset): Promise<{ text: string; doc: EventsDocument }> {
  const snapshot = await refreshedSnapshot(dataset, NOW, CREDENTIALS);
  const text = renderEventsJson(snapshot, snapshot.occurrences, CONTEXT);
  return { text, doc: JSON.parse(text) as EventsDocument };
}

/** Validation errors as readable lines (empty when valid). */
function problems(instance: unknown): string[] {
  const result = validator.validate(instance);
  return result.valid ? [] : result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
}

let doc: EventsDocument;
let text: string;

beforeAll(async () => {
  ({ doc, text } = await render(church()));
});

/** The occurrence with EventInstance id `id`. */
function occurrence(id: string): EventsDocument['occurrences'][number] {
  const found = doc.occurrences.find((o) => o.id === id);
  if (!found) throw new Error(`no occurrence ${id} in ${text}`);
  return found;
}

describe('renderEventsJson and docs/events-json.schema.json', () => {
  it('renders a document that validates against the schema', () => {
    expect(problems(doc)).toEqual([]);
    expect(doc.occurrences.map((o) => o.id)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('validates an empty calendar, whose updated_at is null', async () => {
    const empty = await render(
      new DatasetBuilder({ name: 'Empty Church', timeZone: 'America/Chicago' }).build(),
    );
    expect(problems(empty.doc)).toEqual([]);
    expect(empty.doc).toMatchObject({ updated_at: null, tags: [], occurrences: [] });
  });

  it('writes the top-level fields', () => {
    expect(doc).toMatchObject({
      version: EVENTS_JSON_VERSION,
      title: 'Grace Community Church',
      organization: 'Grace Community Church',
      time_zone: 'America/Chicago',
      twenty_four_hour_time: false,
      home_page_url: 'https://feeds.grace.test/',
      // The newest updated_at of any occurrence: the VBS event's.
      updated_at: '2027-04-20T15:30:00Z',
    });
    expect(doc.version).toBe(1);
    expect(doc.tags.map((t) => t.name)).toEqual(['Kids', 'Men', 'Worship', 'Youth']);
  });

  it('lists the visible times of a timed occurrence, hidden Setup left out', () => {
    const sunday = occurrence('1');
    expect(sunday).toMatchObject({
      title: 'Sunday Worship',
      all_day: false,
      start_date: null,
      end_date_exclusive: null,
      starts_at: '2027-06-06T14:00:00Z',
      ends_at: '2027-06-06T17:15:00Z',
      local_starts_at: '2027-06-06T09:00:00-05:00',
      local_ends_at: '2027-06-06T12:15:00-05:00',
      location: 'Main Sanctuary',
      url: 'https://grace.churchcenter.com/calendar/event/1',
      summary: 'Worship, teaching and coffee for all ages.',
      tags: [{ id: '1', name: 'Worship' }],
    });
    expect(sunday.times).toEqual([
      {
        name: '9:00 Service',
        starts_at: '2027-06-06T14:00:00Z',
        ends_at: '2027-06-06T15:15:00Z',
        local_starts_at: '2027-06-06T09:00:00-05:00',
        local_ends_at: '2027-06-06T10:15:00-05:00',
      },
      {
        name: '11:00 Service',
        starts_at: '2027-06-06T16:00:00Z',
        ends_at: '2027-06-06T17:15:00Z',
        local_starts_at: '2027-06-06T11:00:00-05:00',
        local_ends_at: '2027-06-06T12:15:00-05:00',
      },
    ]);
  });

  it('writes local times with the offset in force on each side of a DST change', () => {
    expect(occurrence('1').local_starts_at).toBe('2027-06-06T09:00:00-05:00'); // CDT
    expect(occurrence('6')).toMatchObject({
      starts_at: '2027-12-05T15:00:00Z',
      local_starts_at: '2027-12-05T09:00:00-06:00', // CST
    });
    // The lock-in spans the fall-back night: it starts in CDT and ends in CST.
    expect(occurrence('4')).toMatchObject({
      starts_at: '2027-11-07T01:00:00Z',
      ends_at: '2027-11-07T13:00:00Z',
      local_starts_at: '2027-11-06T20:00:00-05:00',
      local_ends_at: '2027-11-07T07:00:00-06:00',
    });
    for (const o of doc.occurrences) {
      for (const instant of [o.starts_at, o.ends_at, o.created_at, o.updated_at]) {
        expect(instant).toMatch(UTC_INSTANT);
      }
      for (const t of o.times) {
        expect(t.starts_at).toMatch(UTC_INSTANT);
        expect(t.ends_at).toMatch(UTC_INSTANT);
      }
      // Local and UTC forms name the same instant.
      expect(Date.parse(String(o.local_starts_at))).toBe(Date.parse(String(o.starts_at)));
      expect(Date.parse(String(o.local_ends_at))).toBe(Date.parse(String(o.ends_at)));
    }
  });

  it('gives an all-day Fri–Sun retreat its local dates, ending exclusively on Monday', () => {
    expect(occurrence('3')).toMatchObject({
      title: "Men's Retreat",
      all_day: true,
      start_date: '2027-09-17', // Friday
      end_date_exclusive: '2027-09-20', // Monday: the day after the last day
      starts_at: '2027-09-17T05:00:00Z',
      ends_at: '2027-09-20T05:00:00Z',
      local_starts_at: '2027-09-17T00:00:00-05:00',
      local_ends_at: '2027-09-20T00:00:00-05:00',
    });
  });

  it('carries image, registration, sanitized description, attachments and connections', () => {
    const vbs = occurrence('2');
    expect(vbs).toMatchObject({
      title: 'Vacation Bible School',
      featured: true,
      image_url: 'https://images.pco.test/events/vbs-2027.jpg',
      registration_url: 'https://grace.churchcenter.com/registrations/events/2027-vbs',
      summary: 'Five mornings of games & music.',
      updated_at: '2027-04-20T15:30:00Z',
      tags: [{ id: '2', name: 'Kids' }],
    });
    expect(vbs.description_html).toContain('<strong>games</strong>');
    expect(vbs.description_html).not.toContain('script');
    // Sorted by name; content type guessed by PCO or null; size in bytes or null.
    expect(vbs.attachments).toEqual([
      {
        id: '2',
        name: 'Medical Release.pdf',
        url: 'https://calendar-attachments.planningcenteronline.com/attachments/2/Medical%20Release.pdf',
        content_type: 'application/pdf',
        file_size: 48_213,
      },
      {
        id: '1',
        name: 'Packing List.txt',
        url: 'https://calendar-attachments.planningcenteronline.com/attachments/1/Packing%20List.txt',
        content_type: null,
        file_size: null,
      },
    ]);
    // Only public connections (signups; promoted groups), promoted first, then by id.
    expect(vbs.connections).toEqual([
      { id: '1', name: null, type: 'group', product: 'groups', url: null, promoted: true },
      {
        id: '2',
        name: 'VBS 2027 Registration',
        type: 'signup',
        product: 'registrations',
        url: 'https://grace.churchcenter.com/registrations/events/2027-vbs',
        promoted: true,
      },
    ]);
  });

  it('writes null (or an empty list) for every field PCO leaves empty', () => {
    expect(occurrence('5')).toEqual({
      id: '5',
      event_id: expect.any(String),
      title: 'Prayer Meeting',
      starts_at: '2027-11-11T00:30:00Z',
      ends_at: '2027-11-11T01:30:00Z',
      local_starts_at: '2027-11-10T18:30:00-06:00',
      local_ends_at: '2027-11-10T19:30:00-06:00',
      all_day: false,
      start_date: null,
      end_date_exclusive: null,
      times: [
        {
          name: null,
          starts_at: '2027-11-11T00:30:00Z',
          ends_at: '2027-11-11T01:30:00Z',
          local_starts_at: '2027-11-10T18:30:00-06:00',
          local_ends_at: '2027-11-10T19:30:00-06:00',
        },
      ],
      location: null,
      url: null,
      registration_url: null,
      image_url: null,
      featured: false,
      summary: null,
      description_html: null,
      tags: [],
      attachments: [],
      connections: [],
      created_at: '2025-01-01T12:00:00Z',
      updated_at: '2025-01-01T12:00:00Z',
    });
  });
});

describe('the schema is strict', () => {
  /** A deep copy of the rendered document with `change` applied to it. */
  const mutated = (change: (copy: EventsDocument) => void): EventsDocument => {
    const copy = structuredClone(doc);
    change(copy);
    return copy;
  };
  const first = (copy: EventsDocument, id: string) => {
    const found = copy.occurrences.find((o) => o.id === id);
    if (!found) throw new Error(`no occurrence ${id}`);
    return found;
  };

  it.each<[string, (copy: EventsDocument) => void, string]>([
    ['an unknown top-level property', (c) => Object.assign(c, { generator: 'x' }), '#'],
    [
      'an unknown occurrence property',
      (c) => Object.assign(first(c, '1'), { color: 'red' }),
      '#/occurrences/0',
    ],
    [
      'an unknown property in a time',
      (c) => Object.assign(first(c, '1').times[0] ?? {}, { kiosk: true }),
      '#/occurrences/0/times/0',
    ],
    [
      'an unknown property in an attachment',
      (c) => Object.assign(first(c, '2').attachments[0] ?? {}, { description: null }),
      '#/occurrences/1/attachments/0',
    ],
    ['a missing property', (c) => delete first(c, '1').summary, '#/occurrences/0'],
    [
      'a boolean as a string',
      (c) => Object.assign(first(c, '1'), { all_day: 'false' }),
      '#/occurrences/0/all_day',
    ],
    [
      'a size as a string',
      (c) => Object.assign(first(c, '2').attachments[0] ?? {}, { file_size: '48213' }),
      '#/occurrences/1/attachments/0/file_size',
    ],
    [
      'an empty string instead of null',
      (c) => Object.assign(first(c, '5'), { location: '' }),
      '#/occurrences/4/location',
    ],
    [
      'a UTC field with an offset',
      (c) => Object.assign(first(c, '1'), { starts_at: '2027-06-06T09:00:00-05:00' }),
      '#/occurrences/0/starts_at',
    ],
    [
      'a local time without offset',
      (c) => Object.assign(first(c, '1'), { local_starts_at: '2027-06-06T09:00:00' }),
      '#/occurrences/0/local_starts_at',
    ],
    [
      'a date that is not a date',
      (c) => Object.assign(first(c, '3'), { start_date: '2027-02-30' }),
      '#/occurrences/2/start_date',
    ],
    [
      'an all-day occurrence without dates',
      (c) => Object.assign(first(c, '3'), { start_date: null }),
      '#/occurrences/2/start_date',
    ],
    [
      'a timed occurrence with dates',
      (c) => Object.assign(first(c, '1'), { end_date_exclusive: '2027-06-07' }),
      '#/occurrences/0/end_date_exclusive',
    ],
    ['no times', (c) => Object.assign(first(c, '1'), { times: [] }), '#/occurrences/0/times'],
    ['another version', (c) => Object.assign(c, { version: 2 }), '#/version'],
    ['a relative home page', (c) => Object.assign(c, { home_page_url: '/' }), '#/home_page_url'],
  ])('rejects %s', (_name, change, location) => {
    const errors = validator.validate(mutated(change)).errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.instanceLocation)).toContain(location);
  });

  it('describes every property it defines', () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) {
        node.forEach((child, i) => {
          walk(child, `${path}/${i}`);
        });
        return;
      }
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      // `if`/`then`/`else` only narrow properties already described in `properties`.
      const conditional = /\/(if|then|else)$/.test(path);
      if (!conditional && typeof record.properties === 'object' && record.properties !== null) {
        for (const [name, sub] of Object.entries(record.properties)) {
          const description = (sub as { description?: unknown }).description;
          if (typeof description !== 'string' || description.length < 10) {
            undocumented.push(`${path}/properties/${name}`);
          }
        }
      }
      for (const [key, child] of Object.entries(record)) walk(child, `${path}/${key}`);
    };
    walk(schemaJson, '#');
    expect(undocumented).toEqual([]);
  });
});

describe('GET /events.json', () => {
  it('serves a document that validates against the schema', async () => {
    const res = await SELF.fetch('https://feeds.example.org/events.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(problems(await res.json())).toEqual([]);
  });

  it('lists only occurrences that have not ended, in start order, at most limit', async () => {
    const before = Date.now();
    const res = await SELF.fetch('https://feeds.example.org/events.json?limit=3');
    const served = (await res.json()) as EventsDocument;
    expect(served.occurrences.length).toBeLessThanOrEqual(3);
    const starts = served.occurrences.map((o) => String(o.starts_at));
    expect([...starts].sort()).toEqual(starts);
    for (const o of served.occurrences)
      expect(Date.parse(String(o.ends_at))).toBeGreaterThan(before);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['featured=yes', 'featured'],
    ['days=100000', 'days'],
  ])('answers 400 to %s', async (query, parameter) => {
    const res = await SELF.fetch(`https://feeds.example.org/events.json?${query}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(parameter);
  });
});
