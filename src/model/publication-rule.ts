/**
 * The publication rule: the privacy invariant deciding which EventInstances anyone outside the
 * church staff may see.
 *
 * An instance is published only if ALL of these hold, checked locally on every record whatever
 * the PCO query asked for (a `where[…]` PCO silently ignores must never widen what is public):
 * - its Event has `visible_in_church_center = true` (Published, not Hidden);
 * - its Event has `approval_status = "A"` (approved; `P` pending and `R` rejected are not);
 * - the instance's `kind` is `"standard"`: a blockout is a room reservation, and a kind PCO adds
 *   later (or a `null` kind) stays private until it is known to be public;
 * - its public times are known: at least one EventTime with `visible_on_widget_and_ical = true`,
 *   or, for an instance with no EventTimes at all (instances synced from Registrations), PCO's
 *   `published_starts_at`/`published_ends_at`, which PCO documents as the "publicly visible"
 *   times Church Center advertises.
 *
 * Records that could not be decoded are judged on what could be read of them: a record whose
 * privacy attributes did not read cannot be proven public and stays private
 * (`undecodable-record`); a record proven public but missing a required attribute is withheld
 * (`malformed-published-record`), as is one whose visible times cannot be read
 * (`unreadable-times`). Only these last two concern records that would otherwise be published.
 *
 * When PCO sends published times that disagree with the visible EventTimes, PCO's published
 * times are followed (they are what Church Center shows) and the verdict says so.
 *
 * @see docs/planning-center.md "Meaning of the fields pco-feeds filters on", "What real responses show"
 */
import type { PcoEvent, PcoEventInstance, PcoEventTime, UndecodableRecord } from '../pco/read';
import type { EventAttributes, EventInstanceAttributes } from '../pco/wire';

/** Why an instance is not published; one tag per clause of the rule. */
export type UnpublishedReason =
  | 'event-hidden'
  | 'event-not-approved'
  | 'not-standard-kind'
  | 'no-visible-times'
  | 'undecodable-record'
  | 'malformed-published-record'
  | 'unreadable-times';

/** Every reason, in the order the rule checks them. */
export const UNPUBLISHED_REASONS: readonly UnpublishedReason[] = [
  'undecodable-record',
  'event-hidden',
  'event-not-approved',
  'not-standard-kind',
  'malformed-published-record',
  'unreadable-times',
  'no-visible-times',
];

/**
 * The reasons that withhold a record proven public (privacy attributes all pass): the only
 * withheld counts `/health` may show, since they reveal nothing about private records.
 */
export const PUBLIC_SIDE_REASONS: ReadonlySet<UnpublishedReason> = new Set([
  'malformed-published-record',
  'unreadable-times',
]);

/** Where a published instance's times come from. */
export type TimesSource =
  /** Its visible EventTimes (PCO's published times agree, or were not sent). */
  | 'event-times'
  /** PCO's published times, which disagree with its visible EventTimes. */
  | 'published-times-differ'
  /** PCO's published times: the instance has no EventTimes at all. */
  | 'published-times-only';

/** The rule's verdict: the public times (start order) of a published instance, or why not. */
export type PublicationVerdict =
  | { published: true; visibleTimes: PcoEventTime[]; timesSource?: TimesSource }
  | { published: false; reason: UnpublishedReason };

/** An instance as read: decoded, or only partly. */
export type InstanceInput = PcoEventInstance | UndecodableRecord<EventInstanceAttributes>;
/** An event as read: decoded, partly decoded, or not read at all. */
export type EventInput = PcoEvent | UndecodableRecord<EventAttributes> | undefined;

const isDecoded = <T extends object>(record: T | UndecodableRecord): record is T =>
  !('problems' in record);

const byStart = (a: PcoEventTime, b: PcoEventTime) =>
  Date.parse(a.attributes.starts_at) - Date.parse(b.attributes.starts_at) ||
  Date.parse(a.attributes.ends_at) - Date.parse(b.attributes.ends_at);

/**
 * Applies the publication rule to one instance and its event.
 *
 * @returns the verdict; visible times are sorted by `starts_at`, then `ends_at`; when PCO's
 *   published times are followed, `visibleTimes` is one time spanning them (id `published`)
 */
export function publicationVerdict(instance: InstanceInput, event: EventInput): PublicationVerdict {
  if (!event) return { published: false, reason: 'undecodable-record' };
  const eventAttributes: Partial<EventAttributes> = isDecoded(event)
    ? event.attributes
    : event.partial;
  const instanceAttributes: Partial<EventInstanceAttributes> = isDecoded(instance)
    ? instance.attributes
    : instance.partial;
  // A privacy attribute that did not read proves nothing either way: private, as unreadable.
  const unread = (attributes: object, name: string) => !(name in attributes);
  if (unread(eventAttributes, 'visible_in_church_center'))
    return { published: false, reason: 'undecodable-record' };
  if (eventAttributes.visible_in_church_center !== true)
    return { published: false, reason: 'event-hidden' };
  if (unread(eventAttributes, 'approval_status'))
    return { published: false, reason: 'undecodable-record' };
  if (eventAttributes.approval_status !== 'A')
    return { published: false, reason: 'event-not-approved' };
  // A `null` kind is not a kind known to be public: private like a blockout.
  if (instanceAttributes.kind !== 'standard') {
    return { published: false, reason: 'not-standard-kind' };
  }
  if (!isDecoded(instance)) {
    // Without its event linkage nothing above was proven about this instance's own event.
    return {
      published: false,
      reason: instance.eventId === undefined ? 'undecodable-record' : 'malformed-published-record',
    };
  }
  if (!isDecoded(event)) return { published: false, reason: 'malformed-published-record' };
  if ((instance.unreadableVisibleTimes ?? 0) > 0)
    return { published: false, reason: 'unreadable-times' };
  const visibleTimes = instance.times
    .filter((time) => time.attributes.visible_on_widget_and_ical === true)
    .sort(byStart);
  const published = publishedRange(instance);
  if (visibleTimes.length === 0) {
    const noTimesAtAll = instance.times.length === 0 && (instance.skippedTimes ?? 0) === 0;
    if (noTimesAtAll && published) {
      return { published: true, visibleTimes: [published], timesSource: 'published-times-only' };
    }
    return { published: false, reason: 'no-visible-times' };
  }
  const start = Math.min(...visibleTimes.map((t) => Date.parse(t.attributes.starts_at)));
  const end = Math.max(...visibleTimes.map((t) => Date.parse(t.attributes.ends_at)));
  if (
    published &&
    (Date.parse(published.attributes.starts_at) !== start ||
      Date.parse(published.attributes.ends_at) !== end)
  ) {
    return { published: true, visibleTimes: [published], timesSource: 'published-times-differ' };
  }
  return { published: true, visibleTimes, timesSource: 'event-times' };
}

/** PCO's published times as one visible time, when both are sent and form a range. */
function publishedRange(instance: PcoEventInstance): PcoEventTime | undefined {
  const { published_starts_at: start, published_ends_at: end } = instance.attributes;
  if (!start || !end || Date.parse(end) < Date.parse(start)) return undefined;
  return {
    id: 'published',
    attributes: { name: null, starts_at: start, ends_at: end, visible_on_widget_and_ical: true },
  };
}

/**
 * Counts about records that would otherwise be published, by what happened to them. Safe for
 * `/health`: none of them depends on how many private records exist.
 */
export interface PublicNotices {
  /** Published records withheld, by reason (`malformed-published-record`, `unreadable-times`). */
  withheld: Partial<Record<UnpublishedReason, number>>;
  /** Published instances that lost a malformed optional attribute (own or their event's). */
  optionalFieldDropped: number;
  /** Published instances whose visible EventTimes disagree with PCO's published times. */
  publishedTimesDiffer: number;
  /** Published instances with no EventTimes, published at PCO's published times. */
  publishedTimesOnly: number;
  /** Attachments of published events left out because they could not be decoded. */
  attachmentsSkipped: number;
}
