import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { FakeDataset, FakeEventInstance, FakeEventTime } from './dataset';
import {
  buildDemoDataset,
  DEMO_PRIVATE_MARKERS,
  demoInstanceId,
  summarizeDataset,
} from './demo-data';

const CHICAGO = 'America/Chicago';
const PCO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DAY_MS = 86_400_000;

/** A January `now`: the window runs Dec–Jul, DST dates are 2026-03-08 and 2026-11-01. */
const JAN = new Date('2026-01-15T12:00:00Z');
const jan = buildDemoDataset(JAN);

function timesOf(dataset: FakeDataset, instance: FakeEventInstance): FakeEventTime[] {
  return dataset.eventTimes.filter((time) => time.instanceId === instance.id);
}

function eventOf(dataset: FakeDataset, instance: FakeEventInstance) {
  const event = dataset.events.find((e) => e.id === instance.eventId);
  if (!event) throw new Error(`instance ${instance.id} has no event`);
  return event;
}

/** The publication rule, written out independently of the code under test. */
function isPublished(dataset: FakeDataset, instance: FakeEventInstance): boolean {
  const event = eventOf(dataset, instance);
  return (
    event.attributes.visible_in_church_center &&
    event.attributes.approval_status === 'A' &&
    instance.attributes.kind !== 'blockout' &&
    timesOf(dataset, instance).some((time) => time.attributes.visible_on_widget_and_ical)
  );
}

function local(instant: string): DateTime {
  return DateTime.fromISO(instant, { zone: CHICAGO });
}

function published(dataset: FakeDataset): FakeEventInstance[] {
  return dataset.instances.filter((instance) => isPublished(dataset, instance));
}

describe('buildDemoDataset', () => {
  describe('determinism', () => {
    it('gives the same dataset for any moment of the same UTC day', () => {
      const early = buildDemoDataset(new Date('2026-01-15T00:00:00Z'));
      const late = buildDemoDataset(new Date('2026-01-15T23:59:59.999Z'));
      expect(late).toEqual(early);
      expect(buildDemoDataset(JAN)).toEqual(early);
    });

    it('keeps the ids of an occurrence from one day to the next and a month later', () => {
      const later = [1, 40].map((days) =>
        buildDemoDataset(new Date(JAN.getTime() + days * DAY_MS)),
      );
      const keyOf = (dataset: FakeDataset) =>
        new Map(
          dataset.instances.map((i) => [i.id, `${i.eventId}@${i.attributes.starts_at}`] as const),
        );
      const base = keyOf(jan);
      for (const other of later) {
        const shared = [...keyOf(other)].filter(([id]) => base.has(id));
        expect(shared.length).toBeGreaterThan(100);
        for (const [id, key] of shared) expect(key).toBe(base.get(id));
        const baseTimes = new Map(jan.eventTimes.map((t) => [t.id, t.attributes.starts_at]));
        for (const time of other.eventTimes) {
          if (baseTimes.has(time.id))
            expect(time.attributes.starts_at).toBe(baseTimes.get(time.id));
        }
      }
    });

    it('derives instance ids from the event and the local start date', () => {
      for (const instance of jan.instances) {
        const startDate = local(instance.attributes.starts_at).toFormat('yyyy-MM-dd');
        // Setup may start the instance early, but never on another local day here.
        expect(instance.id).toBe(demoInstanceId(instance.eventId, startDate));
      }
    });

    it('numbers different occurrence dates differently', () => {
      expect(demoInstanceId('1', '2026-03-08')).not.toBe(demoInstanceId('1', '2026-03-15'));
      expect(
        Number(demoInstanceId('1', '2026-03-15')) - Number(demoInstanceId('1', '2026-03-08')),
      ).toBe(7);
    });
  });

  describe('timestamps', () => {
    it('are PCO instants, ordered, and never after now', () => {
      for (const now of [JAN, new Date('2026-07-04T18:00:00Z'), new Date('2027-02-28T01:00:00Z')]) {
        const dataset = buildDemoDataset(now);
        const records = [...dataset.events, ...dataset.instances, ...dataset.attachments];
        for (const { attributes } of records) {
          expect(attributes.created_at).toMatch(PCO_INSTANT);
          expect(attributes.updated_at).toMatch(PCO_INSTANT);
          expect(attributes.updated_at >= attributes.created_at).toBe(true);
          expect(Date.parse(attributes.updated_at)).toBeLessThanOrEqual(now.getTime());
        }
        for (const { attributes } of dataset.eventTimes) {
          expect(attributes.starts_at).toMatch(PCO_INSTANT);
          expect(attributes.ends_at >= attributes.starts_at).toBe(true);
        }
      }
    });

    it('stay before now even for a now long before the fixed series dates', () => {
      const now = new Date('2021-05-01T10:00:00Z');
      const dataset = buildDemoDataset(now);
      for (const { attributes } of [...dataset.events, ...dataset.instances]) {
        expect(Date.parse(attributes.updated_at)).toBeLessThanOrEqual(now.getTime());
      }
    });

    it('show past occurrences as edited after their series was last updated', () => {
      const past = jan.instances.filter(
        (i) => Date.parse(i.attributes.ends_at) < JAN.getTime() - 7 * DAY_MS,
      );
      expect(past.length).toBeGreaterThan(0);
      const edited = past.filter(
        (i) => i.attributes.updated_at > eventOf(jan, i).attributes.updated_at,
      );
      expect(edited.length).toBe(past.length);
    });
  });

  it('keeps referential integrity and unique ids', () => {
    const ids = (records: Array<{ id: string }>) => records.map((r) => r.id);
    for (const list of [
      jan.events,
      jan.instances,
      jan.eventTimes,
      jan.tags,
      jan.attachments,
      jan.connections,
    ]) {
      expect(new Set(ids(list)).size).toBe(list.length);
    }
    const eventIds = new Set(ids(jan.events));
    const instances = new Map(jan.instances.map((i) => [i.id, i]));
    const tagIds = new Set(ids(jan.tags));
    for (const event of jan.events)
      for (const tagId of event.tagIds) expect(tagIds).toContain(tagId);
    for (const instance of jan.instances) {
      expect(eventIds).toContain(instance.eventId);
      expect(timesOf(jan, instance).length).toBeGreaterThan(0);
    }
    for (const time of jan.eventTimes) {
      expect(instances.get(time.instanceId)?.eventId).toBe(time.eventId);
    }
    for (const record of [...jan.attachments, ...jan.connections]) {
      expect(eventIds).toContain(record.eventId);
    }
  });

  it('spans instances from a month before to about six months after now', () => {
    const starts = jan.instances.map((i) => Date.parse(i.attributes.starts_at));
    expect(Math.min(...starts)).toBeLessThanOrEqual(JAN.getTime() - 30 * DAY_MS);
    expect(Math.max(...starts)).toBeGreaterThanOrEqual(JAN.getTime() + 170 * DAY_MS);
    expect(starts.filter((t) => t < JAN.getTime()).length).toBeGreaterThan(20);
  });

  it('describes the Chicago church in 12-hour time', () => {
    expect(jan.organization.attributes).toMatchObject({
      name: 'Grace Community Church',
      time_zone: CHICAGO,
      twenty_four_hour_time: false,
    });
    for (const instance of jan.instances) {
      expect(instance.attributes.church_center_url).toBe(
        `https://gracecommunity.churchcenter.com/calendar/event/${instance.id}`,
      );
    }
    expect(jan.tags.map((t) => t.attributes.name)).toEqual(
      expect.arrayContaining(['Worship', 'Youth', 'Kids', 'Adults', 'Outreach', 'Retreats']),
    );
  });

  describe('Sunday Worship', () => {
    const sundays = jan.instances.filter(
      (i) => eventOf(jan, i).attributes.name === 'Sunday Worship',
    );

    it('happens every Sunday with two visible services and hidden setup and teardown', () => {
      expect(sundays.length).toBeGreaterThanOrEqual(30);
      for (const instance of sundays) {
        const times = timesOf(jan, instance);
        const visible = times.filter((t) => t.attributes.visible_on_widget_and_ical);
        const hidden = times.filter((t) => !t.attributes.visible_on_widget_and_ical);
        expect(local(instance.attributes.starts_at).weekday).toBe(7);
        expect(visible.map((t) => local(t.attributes.starts_at).toFormat('HH:mm'))).toEqual([
          '09:00',
          '11:00',
        ]);
        expect(hidden.length).toBeGreaterThanOrEqual(1);
        // The instance spans the hidden times too.
        expect(local(instance.attributes.starts_at).toFormat('HH:mm')).toBe('07:30');
        expect(local(instance.attributes.ends_at).toFormat('HH:mm')).toBe('13:00');
        expect(instance.attributes.location).toContain('Main Sanctuary');
      }
    });

    it('overrides the name of some instances', () => {
      const renamed = sundays.filter(
        (i) => i.attributes.name !== null && i.attributes.name !== 'Sunday Worship',
      );
      expect(renamed.length).toBeGreaterThan(0);
      expect(renamed.length).toBeLessThan(sundays.length);
    });
  });

  it('has a youth night with registration, attachments and connections', () => {
    const event = jan.events.find((e) => e.attributes.name.includes('Youth Night'));
    if (!event) throw new Error('no youth night');
    expect(event.attributes.registration_url).toMatch(/^https:\/\//);
    const types = jan.attachments
      .filter((a) => a.eventId === event.id)
      .map((a) => a.attributes.content_type);
    expect(types).toEqual(expect.arrayContaining(['application/pdf', 'image/png']));
    const connections = jan.connections.filter((c) => c.eventId === event.id);
    expect(connections).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          attributes: expect.objectContaining({
            connected_to_type: 'signup',
            product_name: 'registrations',
          }),
        }),
        expect.objectContaining({
          attributes: expect.objectContaining({
            connected_to_type: 'group',
            product_name: 'groups',
          }),
        }),
      ]),
    );
    expect(connections.some((c) => c.attributes.promoted)).toBe(true);
    const nights = jan.instances.filter((i) => i.eventId === event.id);
    expect(
      nights.every((i) => local(i.attributes.starts_at).toFormat('ccc HH:mm') === 'Wed 18:30'),
    ).toBe(true);
  });

  it('has published events with images, plain summaries and rich HTML descriptions', () => {
    const events = new Map(published(jan).map((i) => [i.eventId, eventOf(jan, i)]));
    const list = [...events.values()];
    expect(list.filter((e) => e.attributes.image_url).length).toBeGreaterThanOrEqual(2);
    expect(list.filter((e) => e.attributes.summary).length).toBeGreaterThanOrEqual(3);
    const rich = list.map((e) => e.attributes.description ?? '');
    for (const fragment of ['<p>', '<strong>', '<a href=', '<ul><li>', '&amp;']) {
      expect(rich.some((d) => d.includes(fragment))).toBe(true);
    }
    expect(list.filter((e) => e.attributes.featured).length).toBeGreaterThanOrEqual(2);
  });

  it('has a featured all-day retreat from local midnight Friday to local midnight Monday', () => {
    const retreats = published(jan).filter((i) => {
      if (!i.attributes.all_day_event) return false;
      return local(i.attributes.ends_at).diff(local(i.attributes.starts_at), 'days').days >= 2;
    });
    expect(retreats.length).toBeGreaterThan(0);
    for (const instance of retreats) {
      const event = eventOf(jan, instance);
      expect(event.attributes.featured).toBe(true);
      expect(event.attributes.image_url).toBeTruthy();
      const tagNames = jan.tags
        .filter((t) => event.tagIds.includes(t.id))
        .map((t) => t.attributes.name);
      expect(tagNames).toContain('Retreats');
      expect(local(instance.attributes.starts_at).toFormat('ccc HH:mm')).toBe('Fri 00:00');
      expect(local(instance.attributes.ends_at).toFormat('ccc HH:mm')).toBe('Mon 00:00');
    }
  });

  it('has a single-day all-day event', () => {
    const single = published(jan).filter(
      (i) =>
        i.attributes.all_day_event &&
        local(i.attributes.ends_at).equals(local(i.attributes.starts_at).plus({ days: 1 })),
    );
    expect(single.length).toBeGreaterThan(0);
    expect(single.every((i) => local(i.attributes.starts_at).hour === 0)).toBe(true);
  });

  it('has a published timed event crossing midnight from Friday night to Saturday morning', () => {
    const overnight = published(jan).filter((i) =>
      timesOf(jan, i).some((t) => {
        if (!t.attributes.visible_on_widget_and_ical || i.attributes.all_day_event) return false;
        const start = local(t.attributes.starts_at);
        const end = local(t.attributes.ends_at);
        return start.weekday === 5 && end.weekday === 6 && start.hour >= 20 && end.hour <= 8;
      }),
    );
    expect(overnight.length).toBeGreaterThan(0);
  });

  describe('DST nights', () => {
    function vigilsOn(dataset: FakeDataset, sunday: string) {
      return published(dataset).filter((i) => {
        const times = timesOf(dataset, i);
        const start = local(i.attributes.starts_at);
        return (
          start.weekday === 6 &&
          start.plus({ days: 1 }).toFormat('yyyy-MM-dd') === sunday &&
          local(i.attributes.ends_at).toFormat('yyyy-MM-dd') === sunday &&
          times.length >= 3
        );
      });
    }

    it('holds an overnight vigil with a time at the second 01:30 on the fall-back night', () => {
      const [vigil] = vigilsOn(jan, '2026-11-01');
      if (!vigil) throw new Error('no vigil on the fall-back night');
      const visible = timesOf(jan, vigil).filter((t) => t.attributes.visible_on_widget_and_ical);
      // 01:30 CST (UTC-6) on 2026-11-01 is 07:30Z; 01:30 CDT would be 06:30Z.
      expect(visible.map((t) => t.attributes.starts_at)).toContain('2026-11-01T07:30:00Z');
      expect(local(vigil.attributes.starts_at).hour).toBeLessThanOrEqual(22);
      expect(local(vigil.attributes.ends_at).toFormat('HH:mm')).toBe('06:00');
    });

    it('holds an overnight vigil with a time across the skipped hour on the spring-forward night', () => {
      const [vigil] = vigilsOn(jan, '2026-03-08');
      if (!vigil) throw new Error('no vigil on the spring-forward night');
      const across = timesOf(jan, vigil).filter((t) => {
        const start = Date.parse(t.attributes.starts_at);
        const end = Date.parse(t.attributes.ends_at);
        const change = Date.parse('2026-03-08T08:00:00Z'); // 02:00 CST
        const wallHours = local(t.attributes.ends_at).hour - local(t.attributes.starts_at).hour;
        return (
          t.attributes.visible_on_widget_and_ical &&
          start < change &&
          end > change &&
          (end - start) / 3_600_000 === wallHours - 1
        );
      });
      expect(across.length).toBeGreaterThan(0);
    });

    it('keeps Sunday services on both DST Sundays, with 09:00 local on the right offset', () => {
      const nineAm = (sunday: string) =>
        jan.eventTimes.some(
          (t) =>
            t.attributes.visible_on_widget_and_ical &&
            local(t.attributes.starts_at).toFormat("yyyy-MM-dd'T'HH:mm") === `${sunday}T09:00`,
        );
      expect(nineAm('2026-03-08')).toBe(true);
      expect(nineAm('2026-11-01')).toBe(true);
      expect(jan.eventTimes.some((t) => t.attributes.starts_at === '2026-03-08T14:00:00Z')).toBe(
        true,
      );
      expect(jan.eventTimes.some((t) => t.attributes.starts_at === '2026-11-01T15:00:00Z')).toBe(
        true,
      );
    });

    it('moves to next year’s spring-forward once this year’s is more than 30 days past', () => {
      const stillRecent = buildDemoDataset(new Date('2026-04-06T12:00:00Z'));
      expect(vigilsOn(stillRecent, '2026-03-08')).toHaveLength(1);
      const june = buildDemoDataset(new Date('2026-06-01T12:00:00Z'));
      expect(vigilsOn(june, '2026-03-08')).toHaveLength(0);
      expect(vigilsOn(june, '2027-03-14')).toHaveLength(1);
      expect(vigilsOn(june, '2026-11-01')).toHaveLength(1);
      // The Sunday service exists on that far-away DST Sunday too (beyond the six months).
      expect(june.eventTimes.some((t) => t.attributes.starts_at === '2027-03-14T14:00:00Z')).toBe(
        true,
      );
    });
  });

  describe('records that must never be published', () => {
    const unpublished = jan.instances.filter((i) => !isPublished(jan, i));

    it('include one of each unpublishable kind', () => {
      const reasons = new Set(
        unpublished.map((i) => {
          const event = eventOf(jan, i);
          if (!event.attributes.visible_in_church_center) return 'hidden';
          if (event.attributes.approval_status !== 'A') return event.attributes.approval_status;
          if (i.attributes.kind === 'blockout') return 'blockout';
          return 'no visible time';
        }),
      );
      expect([...reasons].sort()).toEqual(['P', 'R', 'blockout', 'hidden', 'no visible time']);
      const blockout = unpublished.find((i) => i.attributes.kind === 'blockout');
      if (!blockout) throw new Error('no blockout');
      expect(eventOf(jan, blockout).attributes).toMatchObject({
        approval_status: 'A',
        visible_in_church_center: true,
      });
    });

    it('carry a private marker in their names, and have attachments and connections', () => {
      expect(DEMO_PRIVATE_MARKERS.length).toBeGreaterThanOrEqual(5);
      const seen = new Set<string>();
      for (const instance of unpublished) {
        const event = eventOf(jan, instance);
        const marker = DEMO_PRIVATE_MARKERS.find((m) => event.attributes.name.includes(m));
        expect(marker, event.attributes.name).toBeDefined();
        if (marker) seen.add(marker);
        expect(jan.attachments.some((a) => a.eventId === event.id)).toBe(true);
        expect(jan.connections.some((c) => c.eventId === event.id)).toBe(true);
      }
      expect(seen.size).toBe(DEMO_PRIVATE_MARKERS.length);
    });

    it('never share a marker with anything that is published', () => {
      const publishedEventIds = new Set(published(jan).map((i) => i.eventId));
      const publicText = JSON.stringify([
        published(jan),
        jan.events.filter((e) => publishedEventIds.has(e.id)),
        jan.eventTimes.filter((t) => publishedEventIds.has(t.eventId)),
        jan.attachments.filter((a) => publishedEventIds.has(a.eventId)),
        jan.connections.filter((c) => publishedEventIds.has(c.eventId)),
      ]);
      for (const marker of DEMO_PRIVATE_MARKERS) expect(publicText).not.toContain(marker);
      expect(publicText).not.toContain('PRIVATE');
    });
  });

  describe('text a newcomer sees', () => {
    const publicEvents = published(jan).map((i) => eventOf(jan, i));
    const publicText = [
      ...publicEvents.flatMap((e) => [
        e.attributes.name,
        e.attributes.summary ?? '',
        e.attributes.description ?? '',
      ]),
      ...published(jan).flatMap((i) => [i.attributes.name ?? '', i.attributes.location ?? '']),
    ].join('\n');

    // The demo is what a church is shown first: the hostile cases live in test fixtures
    // (test/fixtures/church.ts, test/browser/hostile.ts), not here.
    it('reads like a real church: no script payloads, no markup in names or places, no file paths', () => {
      for (const hostile of ['<script', 'alert(', 'javascript:', 'onerror', 'C:\\', '<iframe']) {
        expect(publicText).not.toContain(hostile);
      }
      for (const i of published(jan)) {
        expect(i.attributes.location ?? '').not.toMatch(/[<>"\\]/);
        expect(eventOf(jan, i).attributes.name).not.toMatch(/[<>\\]/);
      }
    });

    it('still has Spanish and emoji text, and a long HTML description with a link', () => {
      expect(publicEvents.some((e) => /\p{Extended_Pictographic}/u.test(e.attributes.name))).toBe(
        true,
      );
      expect(publicText).toMatch(/[áéíóúñ¡]/);
      const long = publicEvents.find((e) => (e.attributes.description ?? '').length > 500);
      expect(long?.attributes.description).toMatch(/<a href="https:\/\//);
    });
  });

  describe('summarizeDataset', () => {
    it('counts records and agrees with the publication rule', () => {
      const summary = summarizeDataset(jan);
      expect(summary.instances).toBe(jan.instances.length);
      expect(summary.eventTimes).toBe(jan.eventTimes.length);
      expect(summary.publishedInstances).toBe(published(jan).length);
      const unpublishedTotal = Object.values(summary.unpublished).reduce((a, b) => a + b, 0);
      expect(summary.publishedInstances + unpublishedTotal).toBe(jan.instances.length);
      for (const count of Object.values(summary.unpublished)) expect(count).toBeGreaterThan(0);
    });
  });
});
