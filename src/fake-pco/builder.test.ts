import { DateTime, Settings } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { DatasetBuilder, resolveInstant } from './builder';

const CHICAGO = 'America/Chicago';
const PCO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function chicagoBuilder(): DatasetBuilder {
  return new DatasetBuilder({ name: 'Test Church', timeZone: CHICAGO });
}

/** Elapsed real time between two instants, in minutes. */
function minutesBetween(start: string, end: string): number {
  return (Date.parse(end) - Date.parse(start)) / 60_000;
}

describe('resolveInstant', () => {
  const realNow = Settings.now;
  afterEach(() => {
    Settings.now = realNow;
    Settings.resetCaches();
  });

  it('reads a wall time in standard time (CST, UTC-6)', () => {
    expect(resolveInstant('2026-01-11T09:00', CHICAGO)).toBe('2026-01-11T15:00:00Z');
  });

  it('reads 09:00 on the spring-forward Sunday as daylight time (14:00Z)', () => {
    expect(resolveInstant('2026-03-08T09:00', CHICAGO)).toBe('2026-03-08T14:00:00Z');
  });

  it('reads 09:00 on the fall-back Sunday as standard time (15:00Z)', () => {
    expect(resolveInstant('2026-11-01T09:00', CHICAGO)).toBe('2026-11-01T15:00:00Z');
  });

  it('moves a wall time in the skipped hour forward by the gap', () => {
    // 02:30 does not exist on 2026-03-08; it becomes 03:30 CDT, the same instant as 03:30.
    const skipped = resolveInstant('2026-03-08T02:30', CHICAGO);
    expect(skipped).toBe('2026-03-08T08:30:00Z');
    expect(skipped).toBe(resolveInstant('2026-03-08T03:30', CHICAGO));
  });

  it('reads a wall time in the repeated hour as its first occurrence (daylight time)', () => {
    expect(resolveInstant('2026-11-01T01:30', CHICAGO)).toBe('2026-11-01T06:30:00Z');
  });

  it('takes the second occurrence of the repeated hour when given the standard offset', () => {
    expect(resolveInstant('2026-11-01T01:30-06:00', CHICAGO)).toBe('2026-11-01T07:30:00Z');
    expect(resolveInstant('2026-11-01T01:30-05:00', CHICAGO)).toBe('2026-11-01T06:30:00Z');
  });

  it('resolves the repeated hour the same way whatever season the machine clock is in', () => {
    // luxon's own guess depends on the offset at Settings.now(); the builder must not.
    const results = [Date.UTC(2026, 6, 1), Date.UTC(2026, 0, 15)].map((clock) => {
      Settings.now = () => clock;
      Settings.resetCaches();
      return [
        resolveInstant('2026-11-01T01:30', CHICAGO),
        resolveInstant('2026-03-08T02:30', CHICAGO),
      ];
    });
    expect(results[0]).toEqual(results[1]);
    expect(results[0]).toEqual(['2026-11-01T06:30:00Z', '2026-03-08T08:30:00Z']);
  });

  it('passes instants with Z or an offset through, whatever the zone', () => {
    expect(resolveInstant('2026-03-08T09:00Z', 'Asia/Tokyo')).toBe('2026-03-08T09:00:00Z');
    expect(resolveInstant('2026-03-08T09:00:30.999+02:00', CHICAGO)).toBe('2026-03-08T07:00:30Z');
  });

  it('reads wall times in a zone east of UTC', () => {
    expect(resolveInstant('2026-07-01T09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00Z');
  });

  it('rejects malformed input, impossible dates and unknown zones', () => {
    expect(() => resolveInstant('2026-03-08 09:00', CHICAGO)).toThrow(RangeError);
    expect(() => resolveInstant('2026-02-30T09:00', CHICAGO)).toThrow(RangeError);
    expect(() => resolveInstant('2026-03-08T09:00', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('DatasetBuilder', () => {
  it('describes the organization from its options', () => {
    const b = new DatasetBuilder({
      name: 'Iglesia Central',
      timeZone: 'America/Mexico_City',
      twentyFourHourTime: true,
    });
    const { organization } = b.build();
    expect(organization.attributes).toMatchObject({
      name: 'Iglesia Central',
      time_zone: 'America/Mexico_City',
      twenty_four_hour_time: true,
    });
  });

  it('rejects an unknown time zone', () => {
    expect(() => new DatasetBuilder({ name: 'X', timeZone: 'Nowhere/Land' })).toThrow(RangeError);
  });

  it('makes approved, visible, unfeatured events by default', () => {
    const b = chicagoBuilder();
    const event = b.event({ name: 'Picnic' });
    expect(event.attributes).toMatchObject({
      name: 'Picnic',
      approval_status: 'A',
      visible_in_church_center: true,
      featured: false,
    });
    expect(event.attributes.created_at).toMatch(PCO_INSTANT);
    expect(event.attributes.updated_at >= event.attributes.created_at).toBe(true);
  });

  it('derives approval percentages from the approval status', () => {
    const b = chicagoBuilder();
    const rejected = b.event({ name: 'No', approval_status: 'R' });
    const pending = b.event({ name: 'Maybe', approval_status: 'P' });
    expect([rejected.attributes.percent_approved, rejected.attributes.percent_rejected]).toEqual([
      0, 100,
    ]);
    expect([pending.attributes.percent_approved, pending.attributes.percent_rejected]).toEqual([
      0, 0,
    ]);
  });

  it('links events to their tags', () => {
    const b = chicagoBuilder();
    const youth = b.tag('Youth');
    const kids = b.tag('Kids', { color: '#123456' });
    const event = b.event({ name: 'Camp' }, { tags: [youth, kids] });
    expect(event.tagIds).toEqual([youth.id, kids.id]);
    expect(kids.attributes.color).toBe('#123456');
    expect(youth.id).not.toBe(kids.id);
  });

  it('refuses tags and events from another builder', () => {
    const other = chicagoBuilder();
    const foreignTag = other.tag('Elsewhere');
    const b = chicagoBuilder();
    b.tag('Local');
    expect(() => b.event({ name: 'E' }, { tags: [{ ...foreignTag, id: '99' }] })).toThrow(
      RangeError,
    );
    const foreignEvent = { ...other.event({ name: 'F' }), id: '42' };
    expect(() =>
      b.instance(foreignEvent, { times: [{ start: '2026-03-01T09:00', end: '2026-03-01T10:00' }] }),
    ).toThrow(RangeError);
  });

  it('normalizes event timestamps to UTC without milliseconds and rejects updated < created', () => {
    const b = chicagoBuilder();
    const event = b.event({
      name: 'E',
      created_at: '2025-06-01T10:00:00.123-05:00',
      updated_at: '2025-06-02T08:00',
    });
    expect(event.attributes.created_at).toBe('2025-06-01T15:00:00Z');
    expect(event.attributes.updated_at).toBe('2025-06-02T13:00:00Z');
    expect(() =>
      b.event({ name: 'Bad', created_at: '2025-06-02T00:00Z', updated_at: '2025-06-01T00:00Z' }),
    ).toThrow(RangeError);
  });

  describe('instance', () => {
    it('spans every time, hidden setup and teardown included, and publishes only visible ones', () => {
      const b = chicagoBuilder();
      const event = b.event({ name: 'Sunday Worship' });
      const instance = b.instance(event, {
        times: [
          { name: 'Setup', start: '2026-03-08T07:30', end: '2026-03-08T08:45', visible: false },
          { start: '2026-03-08T09:00', end: '2026-03-08T10:15' },
          { start: '2026-03-08T11:00', end: '2026-03-08T12:15' },
          { name: 'Teardown', start: '2026-03-08T12:15', end: '2026-03-08T13:00', visible: false },
        ],
      });
      // 2026-03-08 is a spring-forward Sunday: every time here is CDT (UTC-5).
      expect(instance.attributes.starts_at).toBe('2026-03-08T12:30:00Z');
      expect(instance.attributes.ends_at).toBe('2026-03-08T18:00:00Z');
      expect(instance.attributes.published_starts_at).toBe('2026-03-08T14:00:00Z');
      expect(instance.attributes.published_ends_at).toBe('2026-03-08T17:15:00Z');

      const times = b.build().eventTimes.filter((time) => time.instanceId === instance.id);
      expect(times).toHaveLength(4);
      expect(times.every((time) => time.eventId === event.id)).toBe(true);
      const hidden = times.filter((time) => !time.attributes.visible_on_widget_and_ical);
      expect(hidden.map((time) => time.attributes.name)).toEqual(['Setup', 'Teardown']);
      expect(hidden.every((time) => !time.attributes.visible_on_kiosks)).toBe(true);
    });

    it('keeps an instance whose times are all hidden, with no published span', () => {
      const b = chicagoBuilder();
      const instance = b.instance(b.event({ name: 'Closed' }), {
        times: [{ start: '2026-04-01T06:00', end: '2026-04-01T07:00', visible: false }],
      });
      expect(instance.attributes.starts_at).toBe('2026-04-01T11:00:00Z');
      expect(instance.attributes.published_starts_at).toBeNull();
      expect(instance.attributes.published_ends_at).toBeNull();
    });

    it('measures a time across the spring-forward gap in real hours', () => {
      const b = chicagoBuilder();
      const instance = b.instance(b.event({ name: 'Vigil' }), {
        times: [{ start: '2026-03-08T01:30', end: '2026-03-08T03:30' }],
      });
      expect(minutesBetween(instance.attributes.starts_at, instance.attributes.ends_at)).toBe(60);
    });

    it('gives a fall-back time from the first to the second 01:30 one real hour', () => {
      const b = chicagoBuilder();
      const instance = b.instance(b.event({ name: 'Extra hour' }), {
        times: [{ start: '2026-11-01T01:30', end: '2026-11-01T01:30-06:00' }],
      });
      expect(instance.attributes.starts_at).toBe('2026-11-01T06:30:00Z');
      expect(instance.attributes.ends_at).toBe('2026-11-01T07:30:00Z');
    });

    it('runs an all-day Fri–Sun instance from local midnight Friday to local midnight Monday', () => {
      const b = chicagoBuilder();
      const instance = b.instance(b.event({ name: 'Retreat' }), {
        allDay: true,
        times: [{ start: '2026-05-15', end: '2026-05-17' }],
      });
      expect(instance.attributes.all_day_event).toBe(true);
      expect(instance.attributes.starts_at).toBe('2026-05-15T05:00:00Z');
      expect(instance.attributes.ends_at).toBe('2026-05-18T05:00:00Z');
      const start = DateTime.fromISO(instance.attributes.starts_at, { zone: CHICAGO });
      const end = DateTime.fromISO(instance.attributes.ends_at, { zone: CHICAGO });
      expect([start.weekdayShort, start.hour, end.weekdayShort, end.hour]).toEqual([
        'Fri',
        0,
        'Mon',
        0,
      ]);
    });

    it('ends an all-day instance over a DST change at the next local midnight (23 hours)', () => {
      const b = chicagoBuilder();
      const instance = b.instance(b.event({ name: 'Day' }), {
        allDay: true,
        times: [{ start: '2026-03-08', end: '2026-03-08' }],
      });
      expect(instance.attributes.starts_at).toBe('2026-03-08T06:00:00Z');
      expect(instance.attributes.ends_at).toBe('2026-03-09T05:00:00Z');
    });

    it('rejects wall times on all-day instances and ends before starts', () => {
      const b = chicagoBuilder();
      const event = b.event({ name: 'E' });
      expect(() =>
        b.instance(event, {
          allDay: true,
          times: [{ start: '2026-05-15T00:00', end: '2026-05-16' }],
        }),
      ).toThrow(RangeError);
      expect(() =>
        b.instance(event, { times: [{ start: '2026-05-15T10:00', end: '2026-05-15T09:00' }] }),
      ).toThrow(RangeError);
      expect(() => b.instance(event, { times: [] })).toThrow(RangeError);
    });

    it('defaults the name to the event’s, and keeps overrides and explicit nulls', () => {
      const b = chicagoBuilder();
      const event = b.event({ name: 'Sunday Worship' });
      const time = [{ start: '2026-03-01T09:00', end: '2026-03-01T10:00' }];
      expect(b.instance(event, { times: time }).attributes.name).toBe('Sunday Worship');
      expect(b.instance(event, { times: time, name: 'Communion' }).attributes.name).toBe(
        'Communion',
      );
      expect(b.instance(event, { times: time, name: null }).attributes.name).toBeNull();
    });

    it('links to Church Center by instance id', () => {
      const b = new DatasetBuilder({
        name: 'X',
        timeZone: CHICAGO,
        churchCenterBase: 'https://x.churchcenter.com/',
      });
      const instance = b.instance(b.event({ name: 'E' }), {
        id: '777',
        times: [{ start: '2026-03-01T09:00', end: '2026-03-01T10:00' }],
      });
      expect(instance.attributes.church_center_url).toBe(
        'https://x.churchcenter.com/calendar/event/777',
      );
    });

    it('inherits timestamps from its event unless given, and refuses updated < created', () => {
      const b = chicagoBuilder();
      const event = b.event({
        name: 'E',
        created_at: '2025-01-01T00:00:00Z',
        updated_at: '2025-02-01T00:00:00Z',
      });
      const times = [{ start: '2026-03-01T09:00', end: '2026-03-01T10:00' }];
      const plain = b.instance(event, { times });
      expect([plain.attributes.created_at, plain.attributes.updated_at]).toEqual([
        '2025-01-01T00:00:00Z',
        '2025-02-01T00:00:00Z',
      ]);
      const edited = b.instance(event, { times, updatedAt: '2026-02-20T10:00' });
      expect(edited.attributes.updated_at).toBe('2026-02-20T16:00:00Z');
      expect(() =>
        b.instance(event, {
          times,
          createdAt: '2026-01-02T00:00Z',
          updatedAt: '2026-01-01T00:00Z',
        }),
      ).toThrow(RangeError);
    });
  });

  describe('ids', () => {
    it('are the same for the same sequence of calls', () => {
      const make = () => {
        const b = chicagoBuilder();
        const tag = b.tag('T');
        const event = b.event({ name: 'E' }, { tags: [tag] });
        b.instance(event, { times: [{ start: '2026-03-01T09:00', end: '2026-03-01T10:00' }] });
        b.attachment(event, { name: 'a.pdf' });
        b.connection(event, { connected_to_type: 'group', product_name: 'groups' });
        return b.build();
      };
      expect(make()).toEqual(make());
    });

    it('honor explicit ids, skip them when counting, and reject duplicates', () => {
      const b = chicagoBuilder();
      const explicit = b.event({ name: 'A' }, { id: '2' });
      const first = b.event({ name: 'B' });
      const second = b.event({ name: 'C' });
      expect([explicit.id, first.id, second.id]).toEqual(['2', '1', '3']);
      expect(() => b.event({ name: 'D' }, { id: '3' })).toThrow(RangeError);
    });

    it('can be given per event time', () => {
      const b = chicagoBuilder();
      const instance = b.instance(b.event({ name: 'E' }), {
        times: [{ id: 't-1', start: '2026-03-01T09:00', end: '2026-03-01T10:00' }],
      });
      const [time] = b.build().eventTimes;
      expect(time?.id).toBe('t-1');
      expect(time?.instanceId).toBe(instance.id);
    });
  });

  it('guesses attachment content types from the file name and links them to the event', () => {
    const b = chicagoBuilder();
    const event = b.event({ name: 'E' });
    const pdf = b.attachment(event, { name: 'Permission Slip.PDF' });
    const odd = b.attachment(event, { name: 'notes' });
    expect(pdf.attributes.content_type).toBe('application/pdf');
    expect(odd.attributes.content_type).toBe('application/octet-stream');
    expect(pdf.eventId).toBe(event.id);
    expect(pdf.attributes.url).toContain('Permission%20Slip.PDF');
  });

  it('makes unpromoted connections by default', () => {
    const b = chicagoBuilder();
    const event = b.event({ name: 'E' });
    const connection = b.connection(event, {
      connected_to_type: 'signup',
      product_name: 'registrations',
    });
    expect(connection.attributes.promoted).toBe(false);
    expect(connection.eventId).toBe(event.id);
  });

  it('builds deep copies that tests can mutate', () => {
    const b = chicagoBuilder();
    b.instance(b.event({ name: 'E' }), {
      times: [{ start: '2026-03-01T09:00', end: '2026-03-01T10:00' }],
    });
    const first = b.build();
    const firstEvent = first.events[0];
    if (!firstEvent) throw new Error('no event');
    firstEvent.attributes.name = 'Mutated';
    first.eventTimes.length = 0;
    const second = b.build();
    expect(second.events[0]?.attributes.name).toBe('E');
    expect(second.eventTimes).toHaveLength(1);
  });

  it('writes every instant as UTC with whole seconds', () => {
    const b = chicagoBuilder();
    const event = b.event({ name: 'E', created_at: '2025-01-01T00:00:00.5Z' });
    b.instance(event, { times: [{ start: '2026-03-01T09:00:59', end: '2026-03-01T10:00' }] });
    b.attachment(event, { name: 'x.png' });
    const dataset = b.build();
    const instants = [
      ...dataset.events.flatMap((e) => [e.attributes.created_at, e.attributes.updated_at]),
      ...dataset.instances.flatMap((i) => [
        i.attributes.starts_at,
        i.attributes.ends_at,
        i.attributes.created_at,
        i.attributes.updated_at,
      ]),
      ...dataset.eventTimes.flatMap((t) => [t.attributes.starts_at, t.attributes.ends_at]),
      ...dataset.attachments.flatMap((a) => [a.attributes.created_at, a.attributes.updated_at]),
    ];
    for (const instant of instants) expect(instant).toMatch(PCO_INSTANT);
    expect(dataset.eventTimes[0]?.attributes.starts_at).toBe('2026-03-01T15:00:59Z');
  });
});
