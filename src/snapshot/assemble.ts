/**
 * A snapshot from its parts: occurrences in start order, the tags they use, the newest
 * `updated_at`, and the content version (with the time that content was first seen).
 */
import { compareOccurrences, type Occurrence } from '../model/occurrence';
import {
  type ConnectionsCacheEntry,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
  type SnapshotOrganization,
} from '../model/snapshot';
import { contentVersion } from './version';

/** What a refresh read, ready to become a snapshot. Instants are UTC ISO strings. */
export interface SnapshotParts {
  organization: SnapshotOrganization;
  /** Published occurrences, in any order. */
  occurrences: readonly Occurrence[];
  window: { from: string; to: string };
  builtAt: string;
  upstreamRequests: number;
  connections: Record<string, ConnectionsCacheEntry>;
  /** The current snapshot: its `contentChangedAt` carries over when the content is the same. */
  previous?: Snapshot | undefined;
}

/** Builds the snapshot of `parts` (sorting, tags, Last-Modified inputs, content version). */
export async function assembleSnapshot(parts: SnapshotParts): Promise<Snapshot> {
  const occurrences = [...parts.occurrences].sort(compareOccurrences);
  const usedTags = new Map(occurrences.flatMap((o) => o.tags).map((t) => [t.id, t]));
  const tags = [...usedTags.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
  const version = await contentVersion({
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    organization: parts.organization,
    occurrences,
    tags,
  });
  const { previous, builtAt } = parts;
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    version,
    contentChangedAt: previous?.version === version ? previous.contentChangedAt : builtAt,
    builtAt,
    organization: parts.organization,
    window: parts.window,
    occurrences,
    tags,
    lastModified: occurrences.reduce<string | null>(
      (max, o) => (max === null || o.updated > max ? o.updated : max),
      null,
    ),
    upstreamRequests: parts.upstreamRequests,
    connections: parts.connections,
  };
}
