/**
 * A refresh: one full read of the published window from Planning Center, turned into a
 * {@link Snapshot}.
 *
 * Cost: 1 request for the Organization, ⌈N/100⌉ for the N instances in the window (event,
 * event times and tags included), ⌈G/100⌉ for the tag groups, ⌈A/100⌉ for the A attachments
 * (only with PUBLISH_ATTACHMENTS=true), and one EventConnections
 * listing per published event whose cached connections are missing, older than a day, or
 * from before the event's last `updated_at`. Nothing is fetched per instance.
 *
 * Any failure (transport, a malformed document, a page failing part-way) rejects the whole
 * refresh: a snapshot is built only from a complete read. A malformed *record* does not: it is
 * judged by the publication rule on what could be read of it (snapshot/publication.ts).
 */
import { CONNECTIONS_MAX_AGE_SECONDS } from '../constants';
import type { Config } from '../env';
import { buildOccurrence, normalizeInstant } from '../model/occurrence';
import type { ConnectionsCacheEntry, Snapshot } from '../model/snapshot';
import { publishableText } from '../model/text';
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
  );

  const occurrences = published.map((p) =>
    buildOccurrence({
      ...p,
      tags: publicTags,
      sourceTimeZone: organization.timeZone,
      attachments: attachmentsByEvent.get(p.event.id) ?? [],
      connections: connections[p.event.id]?.connections ?? [],
    }),
  );
  return assembleSnapshot({
    organization: {
      id: organization.id,
      name: publishableText(organization.name),
      timeZone,
      twentyFourHourTime: organization.twentyFourHourTime,
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

/**
 * EventConnections of the published events: reused from the previous snapshot while the
 * event's `updated_at` is unchanged and the entry is less than a day old, read otherwise.
 */
async function readConnectionsCached(
  client: PcoClient,
  events: readonly PcoEvent[],
  previous: Snapshot | undefined,
  now: Date,
): Promise<Record<string, ConnectionsCacheEntry>> {
  const result: Record<string, ConnectionsCacheEntry> = {};
  const stale: PcoEvent[] = [];
  for (const event of events) {
    const cached = previous?.connections[event.id];
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
    const lists = await Promise.all(batch.map((event) => readConnections(client, event.id)));
    batch.forEach((event, j) => {
      result[event.id] = {
        eventUpdatedAt: event.attributes.updated_at,
        fetchedAt,
        connections: lists[j] ?? [],
      };
    });
  }
  return result;
}
