/**
 * The records a fake Planning Center serves: one church's Calendar data, in PCO's own shapes.
 *
 * Attributes carry every field the reference pages list (linked from docs/planning-center.md), including the ones
 * pco-feeds never asks for, so that sparse fieldsets (`fields[Type]=…`) and the
 * "only available when requested with `fields`" attributes are exercised for real.
 * Relations are plain ids; the fake server turns them into JSON:API relationships.
 */

/** An ISO 8601 UTC instant string, e.g. `2026-11-22T15:00:00Z`. */
export type IsoInstant = string;

/** `GET /calendar/v2`: the Organization. */
export interface FakeOrganization {
  id: string;
  attributes: {
    name: string;
    /** IANA zone, e.g. `America/Chicago`. */
    time_zone: string;
    twenty_four_hour_time: boolean;
    date_format: string;
    calendar_starts_on: 'Sunday' | 'Monday';
  };
}

/** An Event (`/calendar/v2/events`). */
export interface FakeEvent {
  id: string;
  /** Tag ids (include=tags on events and on their instances). */
  tagIds: string[];
  attributes: {
    name: string;
    /** `A` approved, `P` pending, `R` rejected. */
    approval_status: 'A' | 'P' | 'R';
    visible_in_church_center: boolean;
    featured: boolean;
    summary: string | null;
    description: string | null;
    image_url: string | null;
    registration_url: string | null;
    percent_approved: number;
    percent_rejected: number;
    created_at: IsoInstant;
    updated_at: IsoInstant;
  };
}

/** An EventInstance (`/calendar/v2/event_instances`). */
export interface FakeEventInstance {
  id: string;
  eventId: string;
  attributes: {
    name: string | null;
    all_day_event: boolean;
    church_center_url: string | null;
    compact_recurrence_description: string | null;
    recurrence: string | null;
    recurrence_description: string | null;
    location: string | null;
    /** Sparse-only: `standard` or `blockout`. */
    kind: 'standard' | 'blockout';
    /** Sparse-only. */
    description: string | null;
    /** Sparse-only. */
    image_url: string | null;
    /** Whole schedule, setup and teardown included. */
    starts_at: IsoInstant;
    ends_at: IsoInstant;
    published_starts_at: string | null;
    published_ends_at: string | null;
    created_at: IsoInstant;
    updated_at: IsoInstant;
  };
}

/** An EventTime (`/calendar/v2/event_instances/{id}/event_times`). */
export interface FakeEventTime {
  id: string;
  instanceId: string;
  eventId: string;
  attributes: {
    name: string | null;
    starts_at: IsoInstant;
    ends_at: IsoInstant;
    visible_on_kiosks: boolean;
    visible_on_widget_and_ical: boolean;
  };
}

/** A Tag (`/calendar/v2/tags`). */
export interface FakeTag {
  id: string;
  attributes: {
    name: string;
    color: string | null;
    position: number | null;
    church_center_category: boolean;
  };
}

/** A TagGroup (`/calendar/v2/tag_groups`): `church_center_category` says whether Church Center shows its tags. */
export interface FakeTagGroup {
  id: string;
  /** Ids of the tags in the group. */
  tagIds: string[];
  attributes: {
    name: string;
    church_center_category: boolean;
    created_at: IsoInstant;
    updated_at: IsoInstant;
  };
}

/** An Attachment (`/calendar/v2/attachments`). */
export interface FakeAttachment {
  id: string;
  eventId: string;
  attributes: {
    name: string;
    url: string;
    content_type: string | null;
    file_size: number | null;
    description: string | null;
    created_at: IsoInstant;
    updated_at: IsoInstant;
  };
}

/** An EventConnection (`/calendar/v2/events/{id}/event_connections`). */
export interface FakeEventConnection {
  id: string;
  eventId: string;
  attributes: {
    connected_to_id: string;
    connected_to_name: string | null;
    /** `signup`, `group`, `event` or `service_type`. */
    connected_to_type: string;
    connected_to_url: string | null;
    /** `registrations`, `groups`, `check-ins` or `services`. */
    product_name: string;
    /** Sparse-only. */
    promoted: boolean;
  };
}

/** Everything one fake organization holds. */
export interface FakeDataset {
  organization: FakeOrganization;
  events: FakeEvent[];
  instances: FakeEventInstance[];
  eventTimes: FakeEventTime[];
  tags: FakeTag[];
  /** [opt=none] tag groups; a tag in no group has no `tag_group`. */
  tagGroups?: FakeTagGroup[];
  attachments: FakeAttachment[];
  connections: FakeEventConnection[];
}
