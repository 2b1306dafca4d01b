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
 * **Budget.** One refresh sends at most `REFRESH_MAX_UPSTREAM_REQUESTS` (Workers Free allows 50
 * subrequests per invocation). When the listings it must read do not fit, it returns a
 * {@link PartialBuild} (the listings read so far) instead of a snapshot; the caller stores it
 * aside and the next invocation continues from it. A snapshot is only ever built whole: from one
 * complete read of the instances plus a current EventConnections listing of every published
 * event. Listings that are merely a day old (the event's `updated_at` unchanged) are renewed
 * with whatever budget is left, oldest first, and otherwise reused, so the daily renewal of a
 * large calendar spreads over several refreshes instead of blocking one.
 *
 * Any failure (transport, a malformed document, a page failing part-way) rejects the whole
 * refresh: a snapshot is built only from a complete read. A malformed *record* does not: it is
 * judged by the publication rule on what could be read of it (snapshot/publication.ts).
 */
import {
  CONNECTIONS_MAX_AGE_SECONDS,
  ORGANIZATION_NAME_FALLBACK,
  REFRESH_MAX_UPSTREAM_REQUESTS,
} from '../constants';
import type { Config } from '../env';
import { buildOccurrence, normalizeInstant, SharedParts } from '../model/occurrence';
import type { ConnectionsCacheEntry, Snapshot } from '../model/snapshot';
import { DescriptionCache, publishedName } from '../model/text';
import { canonicalTzid } from '../model/tzid';
import type { PcoClient } from '../pco/client';
import { RequestBudgetError } from '../pco/errors';
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
  /** [opt=REFRESH_MAX_UPSTREAM_REQUESTS] requests this refresh may send (Infinity: no cap). */
  budget?: number | undefined;
}

/**
 * A refresh that ran out of its request budget: what it read, for the next invocation to
 * continue from. Never served.
 */
export interface PartialBuild {
  partial: true;
  /** EventConnections read so far (those of this slice and of earlier ones), by event id. */
  connections: Record<string, ConnectionsCacheEntry>;
  /** Published events whose listing is still missing or outdated. */
  pendingEvents: number;
  /** HTTP requests this slice sent. */
  upstreamRequests: number;
}

/** EventConnection listings run this many at a time (PCO allows ~100 requests per 20 s). */
const CONNECTION_READ_CONCURRENCY = 4;

/**
 * Reads PCO and builds a snapshot of every published occurrence in the window
 * `[now − WINDOW_PAST_DAYS, now + WINDOW_FUTURE_DAYS]`, with no request budget (benchmarks,
 * checks, tests; the Worker uses {@link refreshSlice}).
 *
 * @throws {PcoError} any failed or malformed read, including an unknown organization zone
 */
export async function refreshSnapshot(options: RefreshOptions): Promise<Snapshot> {
  const outcome = await refreshSlice({ ...options, budget: Number.POSITIVE_INFINITY });
  if ('partial' in outcome) throw new Error('unreachable: a refresh without budget is whole');
  return outcome;
}

/**
 * {@link refreshSnapshot} within one invocation's request budget.
 *
 * @returns the snapshot, or a {@link PartialBuild} when the EventConnections listings it needs
 *   did not fit in the budget
 * @throws {PcoError} any failed or malformed read, including an unknown organization zone
 * @throws {RequestBudgetError} listing the instances alone needs more than the budget
 */
export async function refreshSlice(options: RefreshOptions): Promise<Snapshot | PartialBuild> {
  const { client } = options;
  const requestsBefore = client.stats.requests;
  const budget = options.budget ?? REFRESH_MAX_UPSTREAM_REQUESTS;
  client.limitRequests(Number.isFinite(budget) ? budget : undefined);
  try {
    return await build(options, requestsBefore);
  } finally {
    client.limitRequests(undefined);
  }
}

async function build(
  options: RefreshOptions,
  requestsBefore: number,
): Promise<Snapshot | PartialBuild> {
  const { client, config, now } = options;
  const { organization, window, published, publicTags, attachmentsByEvent, report } =
    await readPublication(client, config, now);
  const timeZone = canonicalTzid(config.timeZone ?? organization.timeZone);
  const publishedEvents = new Map<string, PcoEvent>(published.map((p) => [p.event.id, p.event]));
  const carry = options.connectionsCarry ?? {};
  const { connections, pendingEvents } = await readConnectionsCached(
    client,
    [...publishedEvents.values()],
    options.previous,
    now,
    carry,
  );
  if (pendingEvents > 0) {
    return {
      partial: true,
      connections,
      pendingEvents,
      upstreamRequests: client.stats.requests - requestsBefore,
    };
  }

  const descriptions = options.descriptions ?? new DescriptionCache();
  const shared = new SharedParts(descriptions);
  const occurrences = published.map((p) =>
    // Named one by one: a spread here cost more than the rest of building the data.
    buildOccurrence({
      instance: p.instance,
      event: p.event,
      visibleTimes: p.visibleTimes,
      tags: publicTags,
      sourceTimeZone: organization.timeZone,
      attachments: attachmentsByEvent.get(p.event.id) ?? [],
      connections: connections[p.event.id]?.connections ?? [],
      shared,
    }),
  );
  return assembleSnapshot({
    organization: {
      id: organization.id,
      name: publishedName(organization.name) || ORGANIZATION_NAME_FALLBACK,
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
    descriptions: { ...descriptions.counts },
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
 * otherwise; each listing read is added to `carry` as it arrives. Listings that are missing or
 * of an older `updated_at` are read first (the snapshot cannot be built without them); entries
 * that are only more than a day old are renewed after them, oldest first, while the client's
 * request budget lasts, and reused when it runs out.
 *
 * @returns the entries of every event that has a usable one, and how many events have none
 */
async function readConnectionsCached(
  client: PcoClient,
  events: readonly PcoEvent[],
  previous: Snapshot | undefined,
  now: Date,
  carry: Record<string, ConnectionsCacheEntry>,
): Promise<{ connections: Record<string, ConnectionsCacheEntry>; pendingEvents: number }> {
  const result: Record<string, ConnectionsCacheEntry> = {};
  const missing: PcoEvent[] = [];
  const aged: { event: PcoEvent; fetchedAt: string }[] = [];
  for (const event of events) {
    const cached = newer(previous?.connections[event.id], carry[event.id]);
    if (!cached || cached.eventUpdatedAt !== event.attributes.updated_at) {
      missing.push(event);
      continue;
    }
    result[event.id] = cached;
    const ageSeconds = (now.getTime() - Date.parse(cached.fetchedAt)) / 1000;
    if (!(ageSeconds >= 0 && ageSeconds < CONNECTIONS_MAX_AGE_SECONDS))
      aged.push({ event, fetchedAt: cached.fetchedAt });
  }
  aged.sort((a, b) => (a.fetchedAt < b.fetchedAt ? -1 : a.fetchedAt > b.fetchedAt ? 1 : 0));
  const queue = [...missing, ...aged.map((a) => a.event)];
  const fetchedAt = normalizeInstant(now.toISOString());
  let spent = false;
  for (let i = 0; i < queue.length && !spent; i += CONNECTION_READ_CONCURRENCY) {
    const batch = queue.slice(i, i + CONNECTION_READ_CONCURRENCY);
    await Promise.all(
      batch.map(async (event) => {
        try {
          const entry: ConnectionsCacheEntry = {
            eventUpdatedAt: event.attributes.updated_at,
            fetchedAt,
            connections: await readConnections(client, event.id),
          };
          result[event.id] = entry;
          carry[event.id] = entry;
        } catch (error) {
          if (!(error instanceof RequestBudgetError)) throw error;
          spent = true;
        }
      }),
    );
  }
  return { connections: result, pendingEvents: missing.filter((e) => !result[e.id]).length };
}
