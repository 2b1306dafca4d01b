/**
 * The snapshot: one normalized read of the organization's published calendar, from which every
 * route renders. Filters and formats are cuts of one snapshot.
 *
 * It holds only public data (occurrences that passed the publication rule) plus the
 * EventConnections cache that lets the next refresh skip unchanged events.
 */
import type { PcoEventConnection } from '../pco/read';
import type { Occurrence, OccurrenceTag } from './occurrence';

/** The snapshot format version; bump it when the shape changes. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

/** The organization as published. */
export interface SnapshotOrganization {
  id: string;
  name: string;
  /** The zone every local time is written in: `TIME_ZONE` if set, else PCO's `time_zone`. */
  timeZone: string;
  twentyFourHourTime: boolean;
}

/** Cached EventConnections of one event. */
export interface ConnectionsCacheEntry {
  /** The event's `updated_at` when they were read; a change invalidates the entry. */
  eventUpdatedAt: string;
  /** When they were read, UTC ISO instant. */
  fetchedAt: string;
  connections: PcoEventConnection[];
}

/** One read of the published calendar. Instants are UTC ISO strings. */
export interface Snapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  /** When the read finished. */
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
  /** HTTP requests the read cost. */
  upstreamRequests: number;
  /** EventConnections by event id, reused by the next refresh. */
  connections: Record<string, ConnectionsCacheEntry>;
}
