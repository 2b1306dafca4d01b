/**
 * A refresh: one full read of the published window from Planning Center, turned into a
 * {@link Snapshot}.
 *
 * Cost: 1 request for the Organization, ⌈N/100⌉ for the N instances in the window (event,
 * event times and tags included), ⌈G/100⌉ for the tag groups, ⌈A/100⌉ for the A attachments
 * (only with PUBLISH_ATTACHMENTS=true), and one EventConnections
 * listing per published event whose cached connections are missing, older than a day, or
 * from before the event's last `updated_at` (the cache is the previous snapshot's, plus what
 * earlier failed attempts in the isolate read). Nothing is fetched per instance.
 *
 * Any failure (transport, a malformed document, a page failing part-way) rejects the whole
 * refresh: a snapshot is built only from a complete read. A malformed *record* does not: it is
 * judged by the publication rule on what could be read of it (snapshot/publication.ts).
 */
import { CONNECTIONS_MAX_AGE_SECONDS } from '../constants';
import type { Config } from '../env';
import { buildOccurrence, normalizeInstant } from '../model/occurrence';
import type { ConnectionsCacheEntry, Snapshot } from '../model/snapshot';
import { DescriptionCache, publishableText } from '../model/text';
import { canonicalTzid } from '../model/tzid';
import type { PcoClient } from '../pco/client';
import { type PcoEvent, readConnections } from '../pco/read';
import { assembleSnapshot } from './assemble';
import { readPublication } from './publication';

/** Inputs of a refresh. */
export interface RefreshOptions {
  client: PcoClient;
  config: Config;
  /** The refresh's clock; the window is computed from it. */
  now: Date;
  /** The last good snapshot, whose EventConnections cache is reused. */
  previous?: Snapshot | undefined;
  /**
   * [opt=a new one] converts each distinct description once; pass one to read its counts
   * (degraded and failed descriptions) after the refresh.
   */
  descriptions?: DescriptionCache | undefined;
  /**
   * EventConnections read by earlier attempts in this isolate, kept across failed refreshes
   * (mutated: every listing read is added as soon as it arrives), so a refresh that fails after
   * reading them does not read them again on the next attempt.
   */
  connectionsCarry?: Record<string, ConnectionsCacheEntry>;
}

/** EventConnection listings run this many at a time (PCO allows ~100 requests per 20 s). */
const CONNECTION_READ_CONCURRENCY = 4;

/**
 * Reads PCO and builds a snapshot of every published occurrence in the window
 * `[now − WINDOW_PAST_DAYS, now + WINDOW_FUTURE_DAYS]`.
 *
 * @throws {PcoError} any failed or malformed read, including an unknown organization zone
 */
export async function refreshSnapshot(options: RefreshOptions): Promise<Snapshot> {
  const { client, config, now } = options;
  const requestsBefore = client.stats.requests;
  const { organization, window, published, publicTags, attachmentsByEvent, report } =
    await readPublication(client, config, now);
  const timeZone = canonicalTzid(config.timeZone ?? organization.timeZone);
  const publishedEvents = new Map<string, PcoEvent>(published.map((p) => [p.event.id, p.event]));
  const connections = await readConnectionsCached(
    client,
    [...publishedEvents.values()],
    options.previous,
    now,
    options.connectionsCarry ?? {},
  );

  const descriptions = options.descriptions ?? new DescriptionCache();
  const occurrences = published.map((p) =>
    buildOccurrence({
      ...p,
      tags: publicTags,
      sourceTimeZone: organization.timeZone,
      attachments: attachmentsByEvent.get(p.event.id) ?? [],
      connections: connections[p.event.id]?.connections ?? [],
      descriptions,
    }),
  );
  return assembleSnapshot({
    organization: {
      id: organization.id,
      name: publishableText(organization.name),
      timeZone,
      twentyFourHourTime: organization.twentyFourHourTime,
      ...(organization.calendarStartsOn ? { calendarStartsOn: organization.calendarStartsOn } : {}),
    },
    occurrences,
    window,
    notices: report.notices,
    builtAt: normalizeInstant(now.toISOString()),
    upstreamRequests: client.stats.requests - requestsBefore,
    connections,
    previous: options.previous,
  });
}

/** The newer of two cache entries (by `fetchedAt`). */
function newer(
  a: ConnectionsCacheEntry | undefined,
  b: ConnectionsCacheEntry | undefined,
): ConnectionsCacheEntry | undefined {
  if (!a || !b) return a ?? b;
  return a.fetchedAt >= b.fetchedAt ? a : b;
}

/**
 * EventConnections of the published events: reused from the previous snapshot (or `carry`)
 * while the event's `updated_at` is unchanged and the entry is less than a day old, read
 * otherwise; each listing read is added to `carry` as it arrives.
 */
async function readConnectionsCached(
  client: PcoClient,
  events: readonly PcoEvent[],
  previous: Snapshot | undefined,
  now: Date,
  carry: Record<string, ConnectionsCacheEntry>,
): Promise<Record<string, ConnectionsCacheEntry>> {
  const result: Record<string, ConnectionsCacheEntry> = {};
  const stale: PcoEvent[] = [];
  for (const event of events) {
    const cached = newer(previous?.connections[event.id], carry[event.id]);
    const ageSeconds = cached
      ? (now.getTime() - Date.parse(cached.fetchedAt)) / 1000
      : Number.POSITIVE_INFINITY;
    if (
      cached &&
      cached.eventUpdatedAt === event.attributes.updated_at &&
      ageSeconds >= 0 &&
      ageSeconds < CONNECTIONS_MAX_AGE_SECONDS
    ) {
      result[event.id] = cached;
    } else {
      stale.push(event);
    }
  }
  const fetchedAt = normalizeInstant(now.toISOString());
  for (let i = 0; i < stale.length; i += CONNECTION_READ_CONCURRENCY) {
    const batch = stale.slice(i, i + CONNECTION_READ_CONCURRENCY);
    await Promise.all(
      batch.map(async (event) => {
        const entry: ConnectionsCacheEntry = {
          eventUpdatedAt: event.attributes.updated_at,
          fetchedAt,
          connections: await readConnections(client, event.id),
        };
        result[event.id] = entry;
        carry[event.id] = entry;
      }),
    );
  }
  return result;
}
