/**
 * Odd answers Planning Center can send, read through the whole Worker against the fake PCO: each
 * must neither fail the refresh nor publish something wrong. (Faults of the transport are in
 * snapshots.test.ts; odd records every demo carries are in src/fake-pco/odd-records.ts.)
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { FakeDataset, FakeEventTime } from '../src/fake-pco/dataset';
import { buildTestChurch, type TestChurch } from './fixtures/church';
import { parseIcs } from './support/ics';
import { clearKv } from './support/kv';
import { FEED_ROUTES, liveApp } from './support/live-app';

beforeEach(() => clearKv(env.SNAPSHOTS));

/** The test church with `change` applied to its dataset. */
function churchWith(change: (dataset: FakeDataset, ids: TestChurch['ids']) => void): TestChurch {
  const church = buildTestChurch(new Date(inject('fixtureNow')));
  change(church.dataset, church.ids);
  return church;
}

/**
 * The one visible EventTime of instance `id`: its other times and PCO's published times are
 * dropped, so this time alone gives the instance's public range.
 */
function onlyVisibleTime(dataset: FakeDataset, id: string): FakeEventTime {
  const instance = dataset.instances.find((i) => i.id === id);
  const visible = dataset.eventTimes.filter(
    (t) => t.instanceId === id && t.attributes.visible_on_widget_and_ical,
  );
  const [time] = visible;
  if (!instance || !time) throw new Error(`no visible time on instance ${id}`);
  Object.assign(instance.attributes, { published_starts_at: null, published_ends_at: null });
  dataset.eventTimes = dataset.eventTimes.filter((t) => t.instanceId !== id || t === time);
  return time;
}

interface EventsJson {
  occurrences: { id: string; starts_at: string; ends_at: string }[];
}

describe('an EventTime that ends before it starts', () => {
  const church = () =>
    churchWith((dataset, ids) => {
      const time = onlyVisibleTime(dataset, ids.worshipNext);
      const { starts_at: start, ends_at: end } = time.attributes;
      Object.assign(time.attributes, { starts_at: end, ends_at: start });
    });

  it('withholds its instance as unreadable times, publishing the rest', async () => {
    const { dataset, ids } = church();
    const app = liveApp({}, dataset);
    const json = (await (await app.request('/events.json')).json()) as EventsJson;
    expect(json.occurrences.length).toBeGreaterThan(0);
    for (const event of json.occurrences)
      expect(event.ends_at >= event.starts_at, event.id).toBe(true);
    expect(json.occurrences.map((e) => e.id)).not.toContain(ids.worshipNext);
    const ics = parseIcs(await (await app.request('/calendar.ics')).text());
    expect(ics.events.length).toBe(json.occurrences.length);
    expect(ics.events.some((e) => e.uid.startsWith(`pco-event-instance-${ids.worshipNext}@`))).toBe(
      false,
    );
    for (const path of FEED_ROUTES) expect((await app.request(path)).status, path).toBe(200);
    const health = (await (await app.request('/health')).json()) as {
      snapshot: { notices: { withheld: Record<string, number> } };
    };
    expect(health.snapshot.notices.withheld).toEqual({ 'unreadable-times': 1 });
  });
});

describe('an Organization without a name', () => {
  it.each([
    ['null', null],
    ['blank', '  '],
  ])('publishes the calendar under a fallback title when the name is %s', async (_, name) => {
    const { dataset } = churchWith((d) => {
      Object.assign(d.organization.attributes, { name });
    });
    const app = liveApp({}, dataset);
    const response = await app.request('/calendar.ics');
    expect(response.status).toBe(200);
    const { calendar, events } = parseIcs(await response.text());
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Calendar');
    expect(events.length).toBeGreaterThan(0);
    const atom = await (await app.request('/feed.atom')).text();
    expect(atom).toMatch(/<title[^>]*>Calendar<\/title>/);
    for (const path of FEED_ROUTES) expect((await app.request(path)).status, path).toBe(200);
  });
});

describe('a zero-length EventTime', () => {
  it('is written without DTEND, which must be later than DTSTART (RFC 5545 §3.8.2.2)', async () => {
    const { dataset, ids } = churchWith((d, ids) => {
      const time = onlyVisibleTime(d, ids.worshipNext);
      time.attributes.ends_at = time.attributes.starts_at;
    });
    const app = liveApp({}, dataset);
    const body = await (await app.request('/calendar.ics')).text();
    const event = parseIcs(body).events.find((e) =>
      e.uid.startsWith(`pco-event-instance-${ids.worshipNext}@`),
    );
    expect(event?.component.getFirstProperty('dtend')).toBeNull();
    expect(event?.component.getFirstProperty('duration')).toBeNull();
    // Without DTEND the event ends at its start (RFC 5545 §3.6.1), as ical.js reads it.
    expect(event?.end.getTime()).toBe(event?.start.getTime());
    const json = (await (await app.request('/events.json')).json()) as EventsJson;
    const occurrence = json.occurrences.find((o) => o.id === ids.worshipNext);
    expect(occurrence?.ends_at).toBe(occurrence?.starts_at);
  });
});

describe('names with stray leading and trailing spaces (pco-api.md "What real responses show")', () => {
  it('publishes event, tag and attachment names trimmed', async () => {
    const { dataset, ids } = churchWith((d, ids) => {
      const instance = d.instances.find((i) => i.id === ids.worshipNext);
      const event = d.events.find((e) => e.id === instance?.eventId);
      if (!instance || !event) throw new Error('fixture');
      instance.attributes.name = null;
      event.attributes.name = `  ${event.attributes.name} `;
      for (const tag of d.tags) tag.attributes.name = ` ${tag.attributes.name}  `;
      for (const attachment of d.attachments)
        attachment.attributes.name = ` ${attachment.attributes.name} `;
    });
    const app = liveApp({}, dataset);
    const json = (await (await app.request('/events.json')).json()) as {
      tags: { name: string }[];
      occurrences: {
        id: string;
        title: string;
        tags: { name: string }[];
        attachments: { name: string }[];
      }[];
    };
    const trimmed = (name: string) => name === name.trim() && name !== '';
    expect(json.tags.length).toBeGreaterThan(0);
    for (const tag of json.tags) expect(trimmed(tag.name), tag.name).toBe(true);
    for (const o of json.occurrences) {
      expect(trimmed(o.title), o.title).toBe(true);
      for (const tag of o.tags) expect(trimmed(tag.name), tag.name).toBe(true);
    }
    const { events } = parseIcs(await (await app.request('/calendar.ics')).text());
    const worship = events.find((e) => e.uid.startsWith(`pco-event-instance-${ids.worshipNext}@`));
    expect(worship?.summary).toBe('Sunday Worship');
    for (const e of events) for (const c of e.categories) expect(trimmed(c), c).toBe(true);
    const titles = json.occurrences.flatMap((o) => o.attachments.map((a) => a.name));
    for (const title of titles) expect(trimmed(title), title).toBe(true);
  });
});
