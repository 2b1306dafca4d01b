/**
 * The publication rule: the privacy invariant deciding which EventInstances anyone outside the
 * church staff may see.
 *
 * An instance is published only if ALL of these hold, checked locally on every record whatever
 * the PCO query asked for (a `where[…]` PCO silently ignores must never widen what is public):
 * - its Event has `visible_in_church_center = true` (Published, not Hidden);
 * - its Event has `approval_status = "A"` (approved; `P` pending and `R` rejected are not);
 * - the instance's `kind` is not `"blockout"` (a room reservation, not a public event). This
 *   clause fails closed: only `"standard"` passes, so a kind PCO adds later stays private
 *   until it is known to be public;
 * - it has at least one EventTime with `visible_on_widget_and_ical = true`.
 *
 * @see shared/pco-api.md "Meaning of the fields pco-feeds filters on"
 */
import type { PcoEvent, PcoEventInstance, PcoEventTime } from '../pco/read';

/** Why an instance is not published; one tag per clause of the rule. */
export type UnpublishedReason =
  | 'event-hidden'
  | 'event-not-approved'
  | 'not-standard-kind'
  | 'no-visible-times';

/** The rule's verdict: the visible event times (start order) of a published instance, or why not. */
export type PublicationVerdict =
  | { published: true; visibleTimes: PcoEventTime[] }
  | { published: false; reason: UnpublishedReason };

/**
 * Applies the publication rule to one instance and its event.
 *
 * @returns the verdict; visible times are sorted by `starts_at`, then `ends_at`
 */
export function publicationVerdict(
  instance: PcoEventInstance,
  event: PcoEvent,
): PublicationVerdict {
  if (event.attributes.visible_in_church_center !== true)
    return { published: false, reason: 'event-hidden' };
  if (event.attributes.approval_status !== 'A')
    return { published: false, reason: 'event-not-approved' };
  if (instance.attributes.kind !== 'standard') {
    return { published: false, reason: 'not-standard-kind' };
  }
  const visibleTimes = instance.times
    .filter((time) => time.attributes.visible_on_widget_and_ical === true)
    .sort(
      (a, b) =>
        Date.parse(a.attributes.starts_at) - Date.parse(b.attributes.starts_at) ||
        Date.parse(a.attributes.ends_at) - Date.parse(b.attributes.ends_at),
    );
  if (visibleTimes.length === 0) return { published: false, reason: 'no-visible-times' };
  return { published: true, visibleTimes };
}
