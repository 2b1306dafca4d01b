/**
 * A snapshot from its parts: occurrences in start order, the tags they use, the newest
 * `updated_at`, and the content version (with the time that content was first seen).
 *
 * Against the previous snapshot, two things keep clients' copies in step:
 * - an occurrence's `updated` (LAST-MODIFIED, SEQUENCE) never goes backwards, and moves to the
 *   build time when its published content changed without any PCO `updated_at` moving (an
 *   attachment removed, a tag or connection changed): RFC 5545 §3.8.7.4 wants SEQUENCE to grow,
 *   and clients skip updates whose SEQUENCE did not;
 * - a signed image or attachment URL (`expires_at=…&signature=…`, pco-api.md) is carried over
 *   while it points at the same file and stays valid for another day, so a re-signed URL does
 *   not change the content version (and every ETag) on each refresh.
 *
 * The version is the hash of the content's canonical JSON (./stored-snapshot.ts `contentJson`,
 * kept for the KV write). A refresh that changed nothing, the common case, skips both: each
 * occurrence reconciles to the previous object itself, and when all of them, the organization
 * and the tags are the previous ones, the previous version stands.
 */
import { compareOccurrences, type Occurrence } from '../model/occurrence';
import type { PublicNotices } from '../model/publication-rule';
import {
  type ConnectionsCacheEntry,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
  type SnapshotOrganization,
} from '../model/snapshot';
import type { DescriptionCounts } from '../model/text';
import { jsonEqual } from './json-equal';
import { contentJson, rememberContentJson } from './stored-snapshot';
import { contentVersion } from './version';

/** What a refresh read, ready to become a snapshot. Instants are UTC ISO strings. */
export interface SnapshotParts {
  organization: SnapshotOrganization;
  /** Published occurrences, in any order. */
  occurrences: readonly Occurrence[];
  window: { from: string; to: string };
  builtAt: string;
  upstreamRequests: number;
  /** Counts about records that would otherwise be published (see {@link PublicNotices}). */
  notices?: PublicNotices | undefined;
  /** How this refresh's descriptions (of published records only) converted. */
  descriptions?: DescriptionCounts | undefined;
  connections: Record<string, ConnectionsCacheEntry>;
  /** The current snapshot: its `contentChangedAt` carries over when the content is the same. */
  previous?: Snapshot | undefined;
}

/** Builds the snapshot of `parts` (sorting, tags, Last-Modified inputs, content version). */
export async function assembleSnapshot(parts: SnapshotParts): Promise<Snapshot> {
  const before = new Map<string, Occurrence>();
  for (const o of parts.previous?.occurrences ?? []) before.set(o.id, o);
  const occurrences = parts.occurrences
    .map((o) => reconcile(o, before.get(o.id), parts.builtAt))
    .sort(compareOccurrences);
  const usedTags = new Map(occurrences.flatMap((o) => o.tags).map((t) => [t.id, t]));
  const tags = [...usedTags.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
  const { previous, builtAt } = parts;
  // Unchanged content (the common refresh) keeps its version without serializing or hashing:
  // every occurrence is the previous one itself (reconcile returns it when nothing changed).
  const unchanged =
    previous !== undefined &&
    previous.occurrences.length === occurrences.length &&
    occurrences.every((o, i) => o === previous.occurrences[i]) &&
    jsonEqual(previous.organization, parts.organization) &&
    jsonEqual(previous.tags, tags);
  const json = unchanged
    ? undefined
    : contentJson({ organization: parts.organization, occurrences, tags });
  const version = json === undefined ? (previous?.version ?? '') : await contentVersion(json);
  const snapshot: Snapshot = {
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
    ...(parts.notices ? { notices: parts.notices } : {}),
    ...(parts.descriptions ? { descriptions: parts.descriptions } : {}),
    connections: parts.connections,
  };
  if (json !== undefined) rememberContentJson(snapshot, json);
  return snapshot;
}

/** Seconds a carried-over signed URL must stay valid beyond the build time. */
const SIGNED_URL_MIN_VALIDITY_SECONDS = 24 * 60 * 60;

/**
 * `url`, or `previous` when both name the same file (origin and path) and `previous` carries an
 * `expires_at` (epoch seconds) at least a day after `builtAt`.
 */
function stableSignedUrl(url: string, previous: string | undefined, builtAt: string): string {
  if (!previous || previous === url) return url;
  try {
    const next = new URL(url);
    const prior = new URL(previous);
    const expires = Number(prior.searchParams.get('expires_at'));
    const sameFile = next.origin === prior.origin && next.pathname === prior.pathname;
    const valid = expires * 1000 - Date.parse(builtAt) >= SIGNED_URL_MIN_VALIDITY_SECONDS * 1000;
    return sameFile && Number.isFinite(expires) && valid ? previous : url;
  } catch {
    return url;
  }
}

/**
 * `attachments` with each signed URL carried over from `previous` (by attachment id) as
 * {@link stableSignedUrl} allows; the same array when none is (occurrences of one event share it).
 */
function carriedAttachments(
  attachments: Occurrence['attachments'],
  previous: Occurrence['attachments'],
  builtAt: string,
): Occurrence['attachments'] {
  if (attachments.length === 0 || previous.length === 0) return attachments;
  const prior = new Map(previous.map((a) => [a.id, a.url]));
  const carried = attachments.map((a) => {
    const url = stableSignedUrl(a.url, prior.get(a.id), builtAt);
    return url === a.url ? a : { ...a, url };
  });
  return carried.some((a, i) => a !== attachments[i]) ? carried : attachments;
}

/**
 * An occurrence reconciled with its previous version (see the module doc): `previous` itself
 * when nothing published changed, so an unchanged refresh keeps the same objects.
 */
function reconcile(
  occurrence: Occurrence,
  previous: Occurrence | undefined,
  builtAt: string,
): Occurrence {
  if (!previous) return occurrence;
  const imageUrl =
    occurrence.imageUrl === null
      ? null
      : stableSignedUrl(occurrence.imageUrl, previous.imageUrl ?? undefined, builtAt);
  const attachments = carriedAttachments(occurrence.attachments, previous.attachments, builtAt);
  const carried: Occurrence =
    imageUrl === occurrence.imageUrl && attachments === occurrence.attachments
      ? occurrence
      : { ...occurrence, imageUrl, attachments };
  const changed = !jsonEqual(carried, previous, 'updated');
  const later = (a: string, b: string) => (a > b ? a : b);
  // A change must give a strictly later instant (so a higher SEQUENCE) than the last one.
  const oneSecondLater = () =>
    new Date(Date.parse(previous.updated) + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (!changed && carried.updated <= previous.updated) return previous;
  const updated = !changed
    ? carried.updated
    : carried.updated > previous.updated
      ? carried.updated
      : later(builtAt, oneSecondLater());
  return { ...carried, updated };
}
