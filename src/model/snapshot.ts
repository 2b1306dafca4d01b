/**
 * The snapshot: one normalized read of the organization's published calendar, from which every
 * route renders. Filters and formats are cuts of one snapshot.
 *
 * It holds only public data (occurrences that passed the publication rule) plus the
 * EventConnections cache that lets the next refresh skip unchanged events.
 */
import type { PcoEventConnection } from '../pco/read';
import type { Occurrence, OccurrenceTag } from './occurrence';
import type { PublicNotices } from './publication-rule';
import type { DescriptionCounts } from './text';

/** The snapshot format version; bump it when the shape changes. */
export const SNAPSHOT_SCHEMA_VERSION = 3;

/** The organization as published. */
export interface SnapshotOrganization {
  id: string;
  name: string;
  /** The zone every local time is written in: `TIME_ZONE` if set, else PCO's `time_zone`. */
  timeZone: string;
  twentyFourHourTime: boolean;
  /** PCO's `calendar_starts_on`, the first day of the week; absent means Sunday. */
  calendarStartsOn?: 'Sunday' | 'Monday';
}

/** Cached EventConnections of one event. */
export interface ConnectionsCacheEntry {
  /** The event's `updated_at` when they were read; a change invalidates the entry. */
  eventUpdatedAt: string;
  /** The refresh's `now` when they were read, UTC ISO instant. */
  fetchedAt: string;
  connections: PcoEventConnection[];
}

/** One read of the published calendar. Instants are UTC ISO strings. */
export interface Snapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  /** When the refresh started (its `now`), UTC ISO instant in whole seconds. */
  builtAt: string;
  organization: SnapshotOrganization;
  /** The span that was read: occurrences ending after `from` and starting before `to`. */
  window: { from: string; to: string };
  /** Published occurrences in start order. */
  occurrences: Occurrence[];
  /** Tags used by at least one published occurrence, by name. */
  tags: OccurrenceTag[];
  /** The newest `updated` of any occurrence; null when there are none. */
  lastModified: string | null;
  /**
   * Content version: a hash of what is published (organization, occurrences, tags), the same
   * for the same content whatever the build time. Cache keys and ETags follow it.
   */
  version: string;
  /**
   * When this content was first seen (the build time of the first snapshot with this
   * `version`). Deleting an occurrence moves no `updated_at`, but it does move this.
   */
  contentChangedAt: string;
  /** HTTP requests the read cost. */
  upstreamRequests: number;
  /**
   * What happened to records that would otherwise be published (withheld, fields dropped,
   * published times followed). Counts only; nothing about private records. Absent in
   * snapshots written before it existed.
   */
  notices?: PublicNotices;
  /**
   * How the descriptions of published occurrences converted from PCO's HTML in the refresh that
   * built this snapshot: `converted` distinct descriptions, of which `degraded` (kept as text
   * where the HTML could not be followed) and `failed` (dropped). Absent in older snapshots.
   */
  descriptions?: DescriptionCounts;
  /** EventConnections by event id, reused by the next refresh. */
  connections: Record<string, ConnectionsCacheEntry>;
}

/**
 * The snapshot's Last-Modified (RFC 9110 §8.8.2): the newest `updated_at`, or when the content
 * last changed if that is later. Only the first moves on an edit; only the second moves when an
 * occurrence is deleted or unpublished, which must not be answered with 304.
 */
export function snapshotLastModified(snapshot: Snapshot): string {
  const { lastModified, contentChangedAt } = snapshot;
  return lastModified !== null && lastModified > contentChangedAt ? lastModified : contentChangedAt;
}
