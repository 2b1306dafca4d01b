/**
 * Odd records real Planning Center accounts hold, added to a dataset: each one must be withheld
 * (or, for a tag, hidden) without failing a refresh or changing anything that is published.
 *
 * - an event whose `visible_in_church_center` is `null` (privacy cannot be proven), with an
 *   attachment that has no `url`;
 * - on an approved, visible event: an instance whose `kind` is `null`, one whose `all_day_event`
 *   is `null`, and one whose only visible EventTime has no `starts_at`, plus an unnamed time;
 * - an internal "Main Campus" tag in a "Campus" tag group Church Center does not show, on a
 *   published event, beside a shown "Ministries" group holding every other tag.
 *
 * The demo calendar (demo mode and `npm run fake-pco`) carries them, so `/admin/report` on the
 * demo shows every withheld reason. Every name carries {@link ODD_RECORD_MARKER}.
 *
 * @see docs/planning-center.md "What real responses show"
 */
import type {
  FakeAttachment,
  FakeDataset,
  FakeEvent,
  FakeEventInstance,
  FakeEventTime,
} from './dataset';

/** In the name of every odd record; must never appear in any published output. */
export const ODD_RECORD_MARKER = 'PRIVATE-ODD';

/** Ids of the odd records, fixed whatever `now` is. */
export const ODD_RECORD_IDS = {
  /** Event with `visible_in_church_center: null`. */
  unprovenEvent: '9001',
  /** Approved, visible event whose instances are malformed. */
  malformedEvent: '9002',
  /** Its instance with `kind: null`. */
  nullKindInstance: '900201',
  /** Its instance with `all_day_event: null`. */
  malformedInstance: '900202',
  /** Its instance whose visible time has no `starts_at`. */
  unreadableTimesInstance: '900203',
  /** The unproven event's instance. */
  unprovenInstance: '900101',
  /** The internal tag. */
  internalTag: '9101',
} as const;

const HOUR_MS = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * `dataset` with the odd records added (a copy; `dataset` is not changed).
 *
 * @param now the records are dated 3 to 5 days after `now`'s UTC date, at 15:00 UTC
 * @param publicEventId a published event that gets the internal tag
 */
export function withOddRecords(dataset: FakeDataset, now: Date, publicEventId = '1'): FakeDataset {
  const copy = structuredClone(dataset);
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const at = (days: number, hours: number) => iso(day + days * 24 * HOUR_MS + hours * HOUR_MS);
  const stamp = '2025-01-01T12:00:00Z';
  const IDS = ODD_RECORD_IDS;

  const event = (id: string, name: string, visible: boolean | null): FakeEvent => ({
    id,
    tagIds: [],
    attributes: {
      name,
      approval_status: 'A',
      visible_in_church_center: visible as boolean,
      featured: false,
      summary: null,
      description: null,
      image_url: null,
      registration_url: null,
      percent_approved: 100,
      percent_rejected: 0,
      created_at: stamp,
      updated_at: stamp,
    },
  });
  const instance = (id: string, eventId: string, days: number): FakeEventInstance => ({
    id,
    eventId,
    attributes: {
      name: null,
      all_day_event: false,
      church_center_url: null,
      compact_recurrence_description: null,
      recurrence: null,
      recurrence_description: null,
      location: `Room 12 (${ODD_RECORD_MARKER})`,
      kind: 'standard',
      description: null,
      image_url: null,
      starts_at: at(days, 15),
      ends_at: at(days, 16),
      published_starts_at: null,
      published_ends_at: null,
      created_at: stamp,
      updated_at: stamp,
    },
  });
  const time = (instanceId: string, eventId: string, days: number, k: number): FakeEventTime => ({
    id: `${instanceId}${k}`,
    instanceId,
    eventId,
    attributes: {
      name: null,
      starts_at: at(days, 15),
      ends_at: at(days, 16),
      visible_on_kiosks: true,
      visible_on_widget_and_ical: true,
    },
  });

  const unproven = event(IDS.unprovenEvent, `Facilities Walkthrough (${ODD_RECORD_MARKER})`, null);
  const malformed = event(IDS.malformedEvent, `Parking Team Huddle (${ODD_RECORD_MARKER})`, true);
  const unprovenInstance = instance(IDS.unprovenInstance, unproven.id, 3);
  const nullKind = instance(IDS.nullKindInstance, malformed.id, 3);
  Object.assign(nullKind.attributes, { kind: null });
  const badAllDay = instance(IDS.malformedInstance, malformed.id, 4);
  Object.assign(badAllDay.attributes, { all_day_event: null });
  const badTimes = instance(IDS.unreadableTimesInstance, malformed.id, 5);
  const badTime = time(badTimes.id, malformed.id, 5, 0);
  Object.assign(badTime.attributes, { starts_at: null });
  const attachment: FakeAttachment = {
    id: '9201',
    eventId: unproven.id,
    attributes: {
      name: `Floor plan (${ODD_RECORD_MARKER}).pdf`,
      url: null as unknown as string,
      content_type: 'application/pdf',
      file_size: 1024,
      description: null,
      created_at: stamp,
      updated_at: stamp,
    },
  };

  copy.events.push(unproven, malformed);
  copy.instances.push(unprovenInstance, nullKind, badAllDay, badTimes);
  copy.eventTimes.push(
    time(unprovenInstance.id, unproven.id, 3, 0),
    time(nullKind.id, malformed.id, 3, 0),
    time(badAllDay.id, malformed.id, 4, 0),
    badTime,
  );
  copy.attachments.push(attachment);

  const shownTagIds = copy.tags.map((t) => t.id);
  copy.tags.push({
    id: IDS.internalTag,
    attributes: {
      name: `Main Campus (${ODD_RECORD_MARKER})`,
      color: '#777777',
      position: -8192,
      church_center_category: false,
    },
  });
  copy.tagGroups = [
    ...(copy.tagGroups ?? []),
    {
      id: '9301',
      tagIds: shownTagIds,
      attributes: {
        name: 'Ministries',
        church_center_category: true,
        created_at: stamp,
        updated_at: stamp,
      },
    },
    {
      id: '9302',
      tagIds: [IDS.internalTag],
      attributes: {
        name: `Campus (${ODD_RECORD_MARKER})`,
        church_center_category: false,
        created_at: stamp,
        updated_at: stamp,
      },
    },
  ];
  copy.events.find((e) => e.id === publicEventId)?.tagIds.push(IDS.internalTag);
  return copy;
}
