/**
 * What the conformance fixture implies, derived from the raw PCO records the fake serves and
 * the publication rule as the README states it, never from the product's code or output:
 *
 * - an instance is published iff its event is visible in Church Center and approved, it is not
 *   a blockout, and it has a time visible on the widget and iCal;
 * - its occurrence runs from the earliest visible start to the latest visible end (UTC, as PCO
 *   stores them); an all-day one covers the local dates of those midnights (exclusive end);
 * - its title is the instance's name, else the event's.
 *
 * Local times (khal, feed titles) come from Python's zoneinfo (`py/zone_times.py`).
 */
import type { FakeDataset } from '../../../src/fake-pco/dataset';
import { python } from './exec';

/**
 * The domain part of UIDs and item ids: the PCO organization id of the conformance fixture
 * (the fake builder's default organization, `1`), never the app's host.
 */
const HOST = 'pco-organization-1';
const DAY_MS = 86_400_000;

/** One occurrence the fixture implies. Instants are `YYYY-MM-DDTHH:MM:SSZ`. */
export interface ExpectedOccurrence {
  id: string;
  uid: string;
  title: string;
  start: string;
  end: string;
  /** All-day: first local date and the day after the last (`YYYY-MM-DD`); else null. */
  dates: { start: string; endExclusive: string } | null;
  /** Church Center URL, else the event's registration URL, else null. */
  link: string | null;
  /** The instance's `created_at` (Atom `published`). */
  created: string;
  /** The newest `updated_at` of the instance, its event and the event's attachments (Atom `updated`). */
  updated: string;
}

/** The iCalendar UID of an instance (from the PCO organization id, whatever the host). */
export function uidOf(instanceId: string): string {
  return `pco-event-instance-${instanceId}@${HOST}`;
}

/** The feeds' item id of an instance. */
export function itemIdOf(instanceId: string): string {
  return `tag:${HOST},2020:pco-event-instance:${instanceId}`;
}

/** The instance id in a feed item id (the inverse of {@link itemIdOf}, whatever its tag authority). */
export function instanceIdOfItem(itemId: string): string {
  return itemId.replace(/^tag:[^:]+:pco-event-instance:/, '');
}

/** A local date (`YYYY-MM-DD`) of an instant in `zone`. */
function localDate(instant: string, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(instant));
}

/** Every published occurrence of `dataset`, in start order (start, end, then numeric id). */
export function publishedOccurrences(dataset: FakeDataset): ExpectedOccurrence[] {
  const zone = dataset.organization.attributes.time_zone;
  const events = new Map(dataset.events.map((e) => [e.id, e]));
  const result: ExpectedOccurrence[] = [];
  for (const instance of dataset.instances) {
    const event = events.get(instance.eventId);
    if (!event) continue;
    if (event.attributes.visible_in_church_center !== true) continue;
    if (event.attributes.approval_status !== 'A') continue;
    if (instance.attributes.kind === 'blockout') continue;
    const visible = dataset.eventTimes.filter(
      (t) => t.instanceId === instance.id && t.attributes.visible_on_widget_and_ical,
    );
    if (visible.length === 0) continue;
    const start = new Date(Math.min(...visible.map((t) => Date.parse(t.attributes.starts_at))));
    const end = new Date(Math.max(...visible.map((t) => Date.parse(t.attributes.ends_at))));
    const startIso = start.toISOString().replace('.000Z', 'Z');
    const endIso = end.toISOString().replace('.000Z', 'Z');
    result.push({
      id: instance.id,
      uid: uidOf(instance.id),
      title: instance.attributes.name ?? event.attributes.name,
      start: startIso,
      end: endIso,
      dates: instance.attributes.all_day_event
        ? { start: localDate(startIso, zone), endExclusive: localDate(endIso, zone) }
        : null,
      link: instance.attributes.church_center_url ?? event.attributes.registration_url,
      created: instance.attributes.created_at,
      updated: [
        instance.attributes.updated_at,
        event.attributes.updated_at,
        ...dataset.attachments
          .filter((a) => a.eventId === event.id)
          .map((a) => a.attributes.updated_at),
      ].reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)),
    });
  }
  return result.sort(
    (a, b) =>
      a.start.localeCompare(b.start) || a.end.localeCompare(b.end) || Number(a.id) - Number(b.id),
  );
}

/** `/calendar.ics` with the default window: occurrences overlapping `[now − 30 d, now + 365 d)`. */
export function inCalendarWindow(occurrences: ExpectedOccurrence[], now: Date) {
  const from = now.getTime() - 30 * DAY_MS;
  const to = now.getTime() + 365 * DAY_MS;
  return occurrences.filter((o) => Date.parse(o.end) > from && Date.parse(o.start) < to);
}

/** Local wall time (`YYYY-MM-DD HH:MM`) and feed-title stamp of instants, from zoneinfo. */
export function zoneTimes(
  zone: string,
  instants: readonly string[],
): Promise<Array<{ local: string; stamp: string }>> {
  return python('zone_times.py', [zone], JSON.stringify(instants));
}
