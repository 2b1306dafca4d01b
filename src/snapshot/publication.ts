/**
 * One read of the calendar and what of it is published: every instance in the window judged by
 * the publication rule, with the reason for each one withheld.
 *
 * The refresh, `GET /admin/report` and `npm run check` all go through {@link readPublication},
 * so staff see exactly what the feeds publish. The {@link PublicationReport} names private
 * events and is for staff only; {@link PublicNotices} holds only counts about records that
 * would otherwise be published, which is all `/health` may show.
 *
 * Cost: 1 (Organization) + ⌈N/100⌉ (instances) + ⌈G/100⌉ (tag groups) + ⌈A/100⌉ (attachments,
 * only with `PUBLISH_ATTACHMENTS=true`).
 */
import type { Config } from '../env';
import { normalizeInstant } from '../model/occurrence';
import {
  type EventInput,
  PUBLIC_SIDE_REASONS,
  type PublicNotices,
  publicationVerdict,
  type UnpublishedReason,
} from '../model/publication-rule';
import { isValidTimeZone } from '../model/zoned-time';
import type { PcoClient } from '../pco/client';
import { PcoSchemaError } from '../pco/errors';
import {
  type AttachmentsRead,
  type InstancesRead,
  type PcoAttachment,
  type PcoEvent,
  type PcoEventInstance,
  type PcoEventTime,
  type PcoOrganization,
  type PcoTag,
  readAttachments,
  readInstances,
  readOrganization,
  readTagGroups,
  type TagGroupsRead,
  UNLINKED_TAGS,
} from '../pco/read';

/** A published instance with its event and public times, ready to become an occurrence. */
export interface PublishedInstance {
  instance: PcoEventInstance;
  event: PcoEvent;
  visibleTimes: PcoEventTime[];
}

/** One instance in the report. Instants are UTC ISO strings. */
export interface ReportInstance {
  id: string;
  /** Its public start, else PCO's `starts_at`, else null. */
  start: string | null;
  published: boolean;
  reason: UnpublishedReason | null;
  /** What could not be decoded (attribute names, never values). */
  problems: string[];
}

/** One event in the report with its instances in the window. */
export interface ReportEvent {
  id: string;
  name: string | null;
  instances: ReportInstance[];
  published: number;
  withheld: Partial<Record<UnpublishedReason, number>>;
}

/** Staff-only account of a read: every event in the window and why each instance is or is not public. */
export interface PublicationReport {
  instancesRead: number;
  published: number;
  withheld: Partial<Record<UnpublishedReason, number>>;
  events: ReportEvent[];
  /** Records skipped because they could not be decoded (times, tags, attachments, instances). */
  skipped: { type: string; id: string; eventId: string | null; problems: string[] }[];
  /** Tags left out of every output because Church Center does not show them. */
  internalTags: { id: string; name: string }[];
  notices: PublicNotices;
}

/** What a read publishes, and the report of it. */
export interface Publication {
  organization: PcoOrganization;
  window: { from: string; to: string };
  published: PublishedInstance[];
  /** Tags Church Center shows, by id: the only tags any output may carry. */
  publicTags: Map<string, PcoTag>;
  /** Decoded attachments by event id (empty unless attachments are published). */
  attachmentsByEvent: Map<string, PcoAttachment[]>;
  report: PublicationReport;
}

/** Everything {@link decidePublication} needs from Planning Center. */
export interface CalendarRead {
  organization: PcoOrganization;
  instances: InstancesRead;
  tagGroups: TagGroupsRead;
  attachments: AttachmentsRead | undefined;
}

/**
 * Reads the window `[now − WINDOW_PAST_DAYS, now + WINDOW_FUTURE_DAYS]` and decides what of it
 * is published.
 *
 * @throws {PcoError} a failed or malformed read (a malformed document, never a malformed
 *   record), including an organization zone that is not a known IANA zone
 */
export async function readPublication(
  client: PcoClient,
  config: Config,
  now: Date,
): Promise<Publication> {
  const from = normalizeInstant(
    new Date(now.getTime() - config.windowPastDays * 86_400_000).toISOString(),
  );
  const to = normalizeInstant(
    new Date(now.getTime() + config.windowFutureDays * 86_400_000).toISOString(),
  );
  const organization = await readOrganization(client);
  // PCO's zone dates all-day midnights, so it must be valid even when TIME_ZONE overrides it.
  if (!isValidTimeZone(organization.timeZone)) {
    throw new PcoSchemaError(
      `organization time_zone "${organization.timeZone}" is not a known IANA zone`,
    );
  }
  const instances = await readInstances(client, from, to);
  const tagGroups = await readTagGroups(client);
  const attachments = config.publishAttachments ? await readAttachments(client) : undefined;
  return decidePublication({ organization, instances, tagGroups, attachments }, { from, to });
}

/**
 * Judges every instance of `read` that overlaps `window` (by its public times when published,
 * else by PCO's `starts_at`/`ends_at`), and builds the report.
 */
export function decidePublication(
  read: CalendarRead,
  window: { from: string; to: string },
): Publication {
  const { instances: source } = read;
  const notices: PublicNotices = {
    withheld: {},
    optionalFieldDropped: 0,
    publishedTimesDiffer: 0,
    publishedTimesOnly: 0,
    attachmentsSkipped: 0,
  };
  const withheld: Partial<Record<UnpublishedReason, number>> = {};
  const events = new Map<string, ReportEvent>();
  const published: PublishedInstance[] = [];
  const fromMs = Date.parse(window.from);
  const toMs = Date.parse(window.to);

  const eventOf = (eventId: string | undefined): EventInput =>
    eventId === undefined
      ? undefined
      : (source.events.get(eventId) ?? source.undecodableEvents.get(eventId));

  for (const instance of [...source.instances, ...source.undecodableInstances]) {
    const event = eventOf(instance.eventId);
    const verdict = publicationVerdict(instance, event);
    const problems = [
      ...('problems' in instance ? instance.problems : []),
      ...(event && 'problems' in event ? event.problems.map((p) => `event ${p}`) : []),
    ];
    const attributes = 'problems' in instance ? instance.partial : instance.attributes;
    let start: string | null = attributes.starts_at ?? null;
    let end: string | null = attributes.ends_at ?? null;
    if (verdict.published) {
      start = verdict.visibleTimes[0]?.attributes.starts_at ?? start;
      end = verdict.visibleTimes.reduce(
        (max, t) => (max === null || t.attributes.ends_at > max ? t.attributes.ends_at : max),
        null as string | null,
      );
    }
    // The query bounds the whole schedule; the public range must overlap the window too.
    if (start && end && (Date.parse(end) <= fromMs || Date.parse(start) >= toMs)) continue;

    const eventId = instance.eventId ?? '(none)';
    const name =
      event === undefined
        ? null
        : 'problems' in event
          ? (event.partial.name ?? null)
          : event.attributes.name;
    let entry = events.get(eventId);
    if (!entry) {
      entry = {
        id: eventId,
        name: name?.trim() || null,
        instances: [],
        published: 0,
        withheld: {},
      };
      events.set(eventId, entry);
    }
    entry.instances.push({
      id: instance.id,
      start: start ? normalizeInstant(start) : null,
      published: verdict.published,
      reason: verdict.published ? null : verdict.reason,
      problems,
    });
    if (verdict.published && 'problems' in instance === false && event && !('problems' in event)) {
      const decoded = instance as PcoEventInstance;
      entry.published += 1;
      published.push({ instance: decoded, event, visibleTimes: verdict.visibleTimes });
      if ((decoded.dropped?.length ?? 0) > 0 || (event.dropped?.length ?? 0) > 0)
        notices.optionalFieldDropped += 1;
      if (verdict.timesSource === 'published-times-differ') notices.publishedTimesDiffer += 1;
      if (verdict.timesSource === 'published-times-only') notices.publishedTimesOnly += 1;
    } else if (!verdict.published) {
      entry.withheld[verdict.reason] = (entry.withheld[verdict.reason] ?? 0) + 1;
      withheld[verdict.reason] = (withheld[verdict.reason] ?? 0) + 1;
      if (PUBLIC_SIDE_REASONS.has(verdict.reason)) {
        notices.withheld[verdict.reason] = (notices.withheld[verdict.reason] ?? 0) + 1;
      }
    }
  }

  const publicTags = new Map<string, PcoTag>();
  const internalTags: PublicationReport['internalTags'] = [];
  for (const tag of source.tags.values()) {
    if (isShownOnChurchCenter(tag, read.tagGroups)) publicTags.set(tag.id, tag);
    else internalTags.push({ id: tag.id, name: tag.attributes.name.trim() });
  }

  const publishedEventIds = new Set(published.map((p) => p.event.id));
  const attachmentsByEvent = new Map<string, PcoAttachment[]>();
  for (const attachment of read.attachments?.attachments ?? []) {
    const list = attachmentsByEvent.get(attachment.eventId);
    if (list) list.push(attachment);
    else attachmentsByEvent.set(attachment.eventId, [attachment]);
  }
  for (const skipped of read.attachments?.skipped ?? []) {
    if (skipped.eventId !== undefined && publishedEventIds.has(skipped.eventId))
      notices.attachmentsSkipped += 1;
  }

  const skipped = [
    ...source.undecodableInstances,
    ...source.undecodableEvents.values(),
    ...source.skipped,
    ...(read.attachments?.skipped ?? []),
  ].map((r) => ({ type: r.type, id: r.id, eventId: r.eventId ?? null, problems: r.problems }));

  const reportEvents = [...events.values()].sort(
    (a, b) =>
      (a.name ?? '').localeCompare(b.name ?? '') ||
      a.id.localeCompare(b.id, 'en', { numeric: true }),
  );
  return {
    organization: read.organization,
    window,
    published,
    publicTags,
    attachmentsByEvent,
    report: {
      instancesRead: reportEvents.reduce((n, e) => n + e.instances.length, 0),
      published: published.length,
      withheld,
      events: reportEvents,
      skipped,
      internalTags: internalTags.sort((a, b) => a.name.localeCompare(b.name)),
      notices,
    },
  };
}

/**
 * Whether Church Center shows a tag: its own `church_center_category` is true and, when its tag
 * group is known, the group's is true too; a tag in no known group is internal while some group
 * not shown came without its tags ({@link UNLINKED_TAGS}). Anything unproven is internal (fails
 * closed).
 *
 * @see docs/planning-center.md "What real responses show" (Tags)
 */
export function isShownOnChurchCenter(tag: PcoTag, groups: TagGroupsRead): boolean {
  if (tag.attributes.church_center_category !== true) return false;
  // A tag in no known group may be in a hidden group whose tags linkage did not come.
  const group = groups.get(tag.id) ?? groups.get(UNLINKED_TAGS);
  return group === undefined || group.shown === true;
}

/** {@link publicationJson}'s shape: the report as `/admin/report` and `npm run check` give it. */
export interface PublicationJson {
  organization: { name: string; time_zone: string };
  window: { from: string; to: string };
  upstream_requests: number;
  instances_read: number;
  published: number;
  withheld: Partial<Record<UnpublishedReason, number>>;
  notices: {
    withheld: Partial<Record<UnpublishedReason, number>>;
    optional_field_dropped: number;
    published_times_differ: number;
    published_times_only: number;
    attachments_skipped: number;
  };
  internal_tags: { id: string; name: string }[];
  skipped: { type: string; id: string; event_id: string | null; problems: string[] }[];
  events: {
    id: string;
    name: string | null;
    instances: number;
    published: number;
    withheld: Partial<Record<UnpublishedReason, number>>;
    instance_list: {
      id: string;
      start: string | null;
      published: boolean;
      reason: UnpublishedReason | null;
      problems: string[];
    }[];
  }[];
}

/**
 * The staff-only report of a read as JSON (snake_case, like `/health`). It names private events:
 * serve it only behind the admin token.
 *
 * @param upstreamRequests HTTP requests the read cost
 */
export function publicationJson(
  publication: Publication,
  upstreamRequests: number,
): PublicationJson {
  const { report, organization } = publication;
  return {
    organization: { name: organization.name.trim(), time_zone: organization.timeZone },
    window: publication.window,
    upstream_requests: upstreamRequests,
    instances_read: report.instancesRead,
    published: report.published,
    withheld: report.withheld,
    notices: {
      withheld: report.notices.withheld,
      optional_field_dropped: report.notices.optionalFieldDropped,
      published_times_differ: report.notices.publishedTimesDiffer,
      published_times_only: report.notices.publishedTimesOnly,
      attachments_skipped: report.notices.attachmentsSkipped,
    },
    internal_tags: report.internalTags,
    skipped: report.skipped.map((s) => ({
      type: s.type,
      id: s.id,
      event_id: s.eventId,
      problems: s.problems,
    })),
    events: report.events.map((e) => ({
      id: e.id,
      name: e.name,
      instances: e.instances.length,
      published: e.published,
      withheld: e.withheld,
      instance_list: e.instances,
    })),
  };
}
