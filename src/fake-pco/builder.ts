/**
 * Fluent builder for {@link FakeDataset}s: realistic fake PCO Calendar data without boilerplate.
 *
 * Times are written the way a church secretary thinks of them, as wall-clock times in the
 * organization's zone (`'2026-03-08T09:00'`), and converted to UTC with luxon. Two wall times
 * need a rule, and this module pins both instead of leaving them to luxon's guess (luxon resolves
 * a repeated hour with the offset in force on the machine's *current* date, so the same input
 * would give different instants in summer and in winter):
 * - a wall time inside the hour skipped by a spring-forward change does not exist; it is moved
 *   forward by the length of the gap (`02:30` on 2026-03-08 in America/Chicago becomes 03:30 CDT,
 *   `08:30Z`), which is also what luxon does;
 * - a wall time inside the hour repeated by a fall-back change is read as its first occurrence
 *   (`01:30` on 2026-11-01 in America/Chicago is 01:30 CDT, `06:30Z`). Write an explicit offset,
 *   `'2026-11-01T01:30-06:00'`, to get the second one.
 *
 * Ids are strings of counters per record type (`'1'`, `'2'`, …) unless given explicitly, so the
 * same sequence of calls always yields the same dataset.
 *
 * @example
 * const b = new DatasetBuilder({ name: 'Grace Church', timeZone: 'America/Chicago' });
 * const worship = b.tag('Worship');
 * const sunday = b.event({ name: 'Sunday Worship' }, { tags: [worship] });
 * b.instance(sunday, {
 *   times: [
 *     { name: 'Setup', start: '2026-03-08T07:30', end: '2026-03-08T08:45', visible: false },
 *     { start: '2026-03-08T09:00', end: '2026-03-08T10:15' },
 *   ],
 * }); // starts_at '2026-03-08T12:30:00Z' (setup included), ends_at '2026-03-08T15:15:00Z'
 * const dataset = b.build();
 *
 * @see https://developer.planning.center/docs/#/apps/calendar/2022-07-07/vertices/event_instance
 */
import { DateTime, IANAZone } from 'luxon';
import type {
  FakeAttachment,
  FakeDataset,
  FakeEvent,
  FakeEventConnection,
  FakeEventInstance,
  FakeEventTime,
  FakeOrganization,
  FakeTag,
  FakeTagGroup,
  IsoInstant,
} from './dataset';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A wall time without offset: `YYYY-MM-DDTHH:mm` or `YYYY-MM-DDTHH:mm:ss`. */
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
/** An instant: a date-time with `Z` or a numeric offset. */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
/** A calendar date: `YYYY-MM-DD`. */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Tag colors handed out in turn when a tag gives none (PCO stores `#rrggbb`). */
const TAG_COLORS = ['#2d7dd2', '#97cc04', '#eeb902', '#f45d01', '#8e44ad', '#1abc9c', '#e84855'];

/** Content types guessed from a file name's extension when an attachment gives none. */
const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  txt: 'text/plain',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** What {@link DatasetBuilder} needs to know about the organization. */
export interface BuilderOptions {
  /** Organization name, e.g. `Grace Community Church`. */
  name: string;
  /** IANA zone (TZID) of the organization; every wall time given to the builder is read in it. */
  timeZone: string;
  /** Organization's `twenty_four_hour_time` [opt=false]. */
  twentyFourHourTime?: boolean;
  /**
   * Church Center origin, no trailing slash, e.g. `https://gracecommunity.churchcenter.com`
   * [opt=`https://<letters and digits of name>.churchcenter.com`].
   */
  churchCenterBase?: string;
  /** Organization id [opt='1']. */
  organizationId?: string;
  /** Organization's `date_format` (unconfirmed format) [opt='%m/%d/%Y']. */
  dateFormat?: string;
  /** Organization's `calendar_starts_on` [opt='Sunday']. */
  calendarStartsOn?: 'Sunday' | 'Monday';
  /**
   * `created_at`/`updated_at` of events that give none; instances, attachments default to their
   * event's. Any form {@link resolveInstant} accepts [opt='2025-01-01T12:00:00Z'].
   */
  defaultTimestamp?: string;
}

/** Options of {@link DatasetBuilder.event}. */
export interface EventOptions {
  /** Tags of the event (and so of its instances) [opt=[]]. */
  tags?: FakeTag[];
  /** Explicit id [opt=next counter]. */
  id?: string;
}

/** Options of records that only take an explicit id. */
export interface RecordOptions {
  /** Explicit id [opt=next counter]. */
  id?: string;
}

/** One EventTime of an {@link InstanceSpec}. */
export interface InstanceTimeSpec {
  /**
   * Start. Timed instances: a wall time in the builder's zone (`'2026-03-08T09:00'`) or an instant
   * with `Z`/offset (`'2026-11-01T01:30-06:00'`); see {@link resolveInstant}. All-day instances: the
   * first day, `'2026-05-15'`.
   */
  start: string;
  /**
   * End, in the same forms. All-day instances: the last day, *inclusive* (`'2026-05-17'` for a
   * Fri–Sun retreat); the stored `ends_at` is local midnight after it.
   */
  end: string;
  /** `visible_on_widget_and_ical`: false for Setup/Teardown [opt=true]. */
  visible?: boolean;
  /** `visible_on_kiosks` [opt=visible]. */
  kiosks?: boolean;
  /** EventTime name, e.g. `Setup` [opt=null]. */
  name?: string;
  /** Explicit EventTime id [opt=next counter]. */
  id?: string;
}

/** How to make one EventInstance and its EventTimes with {@link DatasetBuilder.instance}. */
export interface InstanceSpec {
  /** The schedule; at least one time. Start/end forms: see {@link InstanceTimeSpec}. */
  times: InstanceTimeSpec[];
  /** `all_day_event`; times are then dates, see {@link InstanceTimeSpec} [opt=false]. */
  allDay?: boolean;
  /** Instance name; a string differing from the event's is an override [opt=event's name]. */
  name?: string | null;
  /** `kind` [opt='standard']. */
  kind?: 'standard' | 'blockout';
  /** `location` [opt=null]. */
  location?: string | null;
  /** Instance `description` (rich text) [opt=null]. */
  description?: string | null;
  /** Instance `image_url` [opt=null]. */
  imageUrl?: string | null;
  /** Explicit instance id [opt=next counter]. */
  id?: string;
  /** `church_center_url` [opt=`${churchCenterBase}/calendar/event/${id}`]. */
  churchCenterUrl?: string | null;
  /** `recurrence`, e.g. `Weekly` [opt=null]. */
  recurrence?: string | null;
  /** `recurrence_description`, e.g. `Every week on Sunday` [opt=null]. */
  recurrenceDescription?: string | null;
  /** `compact_recurrence_description`, e.g. `Weekly on Sun` [opt=null]. */
  compactRecurrenceDescription?: string | null;
  /** `created_at`, any form {@link resolveInstant} accepts [opt=event's created_at]. */
  createdAt?: string;
  /** `updated_at` [opt=later of event's updated_at and this instance's created_at]. */
  updatedAt?: string;
}

/**
 * Writes an instant the way PCO does: UTC, whole seconds, `Z` (`2026-03-08T14:00:00Z`).
 * Milliseconds are dropped.
 */
export function formatInstant(dateTime: DateTime): IsoInstant {
  return dateTime.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
}

/**
 * Converts a time to a PCO instant string (`YYYY-MM-DDTHH:mm:ssZ`).
 *
 * - With `Z` or an offset (`'2026-11-01T01:30-06:00'`): that instant.
 * - A wall time (`'2026-03-08T09:00'`, seconds optional): read in `timeZone`. A time skipped by a
 *   spring-forward change moves forward by the gap (`02:30` → `03:30` daylight time); a time
 *   repeated by a fall-back change is its first occurrence (daylight time).
 *
 * @param input - wall time or instant, ISO 8601
 * @param timeZone - IANA zone for wall times
 * @throws {RangeError} when the input is malformed, not a real date, or the zone is unknown
 * @example resolveInstant('2026-03-08T09:00', 'America/Chicago') // '2026-03-08T14:00:00Z'
 */
export function resolveInstant(input: string, timeZone: string): IsoInstant {
  if (WITH_OFFSET.test(input)) {
    const dateTime = DateTime.fromISO(input, { setZone: true });
    if (!dateTime.isValid) {
      throw new RangeError(`invalid instant ${JSON.stringify(input)}: ${dateTime.invalidReason}`);
    }
    return formatInstant(dateTime);
  }
  const match = WALL_TIME.exec(input);
  if (!match) {
    throw new RangeError(
      `expected a wall time 'YYYY-MM-DDTHH:mm[:ss]' or an instant with Z/offset, got ${JSON.stringify(input)}`,
    );
  }
  const [, year, month, day, hour, minute, second] = match;
  return formatInstant(
    wallTimeToDateTime(
      {
        year: Number(year),
        month: Number(month),
        day: Number(day),
        hour: Number(hour),
        minute: Number(minute),
        second: Number(second ?? 0),
      },
      timeZone,
    ),
  );
}

/** Calendar fields of a wall-clock time. */
interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The instant a wall time names in `timeZone`, with the DST rules of {@link resolveInstant}.
 * The offsets in force a day before and a day after the wall time are the candidates (zones
 * change offset at most once in two days); of those that map back to the same wall time the
 * largest (the earliest instant) wins, and if none does the time sits in a gap and is read with
 * the smaller (pre-gap) offset, which moves it forward by the gap.
 */
function wallTimeToDateTime(wall: WallTime, timeZone: string): DateTime {
  assertZone(timeZone);
  const asUtc = DateTime.fromObject(wall, { zone: 'utc' });
  if (!asUtc.isValid) {
    throw new RangeError(`not a real date-time: ${JSON.stringify(wall)} (${asUtc.invalidReason})`);
  }
  const localMs = asUtc.toMillis();
  const zone = IANAZone.create(timeZone);
  const offsetAt = (ms: number): number => zone.offset(ms);
  const before = offsetAt(localMs - DAY_MS);
  const after = offsetAt(localMs + DAY_MS);
  const candidates = before === after ? [before] : [before, after];
  const exact = candidates.filter((offset) => offsetAt(localMs - offset * MINUTE_MS) === offset);
  const offset = exact.length > 0 ? Math.max(...exact) : Math.min(...candidates);
  return DateTime.fromMillis(localMs - offset * MINUTE_MS, { zone: 'utc' });
}

/** Zones already checked; `IANAZone.isValidZone` builds an `Intl.DateTimeFormat` on every call. */
const knownZones = new Set<string>();

/** @throws {RangeError} unless `timeZone` is an IANA zone luxon knows. */
function assertZone(timeZone: string): void {
  if (knownZones.has(timeZone)) return;
  if (!IANAZone.isValidZone(timeZone)) {
    throw new RangeError(`unknown IANA time zone ${JSON.stringify(timeZone)}`);
  }
  knownZones.add(timeZone);
}

/** Local midnight starting `date` (`YYYY-MM-DD`), plus `plusDays` days, as a DateTime. */
function localMidnight(date: string, timeZone: string, plusDays: number): DateTime {
  const match = DATE_ONLY.exec(date);
  if (!match) {
    throw new RangeError(`all-day times take dates 'YYYY-MM-DD', got ${JSON.stringify(date)}`);
  }
  const [, year, month, day] = match;
  const shifted = DateTime.fromObject(
    { year: Number(year), month: Number(month), day: Number(day) },
    { zone: 'utc' },
  ).plus({ days: plusDays });
  if (!shifted.isValid) throw new RangeError(`not a real date: ${JSON.stringify(date)}`);
  return wallTimeToDateTime(
    { year: shifted.year, month: shifted.month, day: shifted.day, hour: 0, minute: 0, second: 0 },
    timeZone,
  );
}

/** Keeps the latest of two PCO instants (same format, so they compare as strings). */
function laterOf(a: IsoInstant, b: IsoInstant): IsoInstant {
  return a >= b ? a : b;
}

/** Hands out ids: counters per record type, skipping ids already taken explicitly. */
class IdPool {
  private readonly used = new Set<string>();
  private next = 1;

  constructor(private readonly type: string) {}

  /** Claims `explicit` (throws if taken) or the next free counter value. */
  take(explicit: string | undefined): string {
    if (explicit !== undefined) {
      if (explicit === '') throw new RangeError(`${this.type} id must not be empty`);
      if (this.used.has(explicit)) throw new RangeError(`duplicate ${this.type} id ${explicit}`);
      this.used.add(explicit);
      return explicit;
    }
    while (this.used.has(String(this.next))) this.next += 1;
    const id = String(this.next);
    this.used.add(id);
    this.next += 1;
    return id;
  }
}

/**
 * Builds a {@link FakeDataset} one record at a time, filling in realistic defaults.
 *
 * Each method returns the record it stored. The record is live until {@link build}: edits to it
 * show up in the dataset, unchecked. `build()` returns a deep copy.
 */
export class DatasetBuilder {
  /** IANA zone the builder reads wall times in. */
  readonly timeZone: string;
  /** Church Center origin used for default `church_center_url`s, no trailing slash. */
  readonly churchCenterBase: string;

  private readonly organization: FakeOrganization;
  private readonly defaultTimestamp: IsoInstant;
  private readonly tags: FakeTag[] = [];
  private readonly tagGroups: FakeTagGroup[] = [];
  private readonly events: FakeEvent[] = [];
  private readonly instances: FakeEventInstance[] = [];
  private readonly eventTimes: FakeEventTime[] = [];
  private readonly attachments: FakeAttachment[] = [];
  private readonly connections: FakeEventConnection[] = [];
  private readonly ids = {
    tag: new IdPool('tag'),
    tagGroup: new IdPool('tag group'),
    event: new IdPool('event'),
    instance: new IdPool('instance'),
    eventTime: new IdPool('event time'),
    attachment: new IdPool('attachment'),
    connection: new IdPool('connection'),
  };

  /** @throws {RangeError} when `timeZone` is not an IANA zone or `defaultTimestamp` is malformed */
  constructor(options: BuilderOptions) {
    assertZone(options.timeZone);
    this.timeZone = options.timeZone;
    const slug = options.name.toLowerCase().replace(/[^a-z0-9]/g, '') || 'church';
    this.churchCenterBase = (
      options.churchCenterBase ?? `https://${slug}.churchcenter.com`
    ).replace(/\/+$/, '');
    this.defaultTimestamp = this.instant(options.defaultTimestamp ?? '2025-01-01T12:00:00Z');
    this.organization = {
      id: options.organizationId ?? '1',
      attributes: {
        name: options.name,
        time_zone: options.timeZone,
        twenty_four_hour_time: options.twentyFourHourTime ?? false,
        date_format: options.dateFormat ?? '%m/%d/%Y',
        calendar_starts_on: options.calendarStartsOn ?? 'Sunday',
      },
    };
  }

  /**
   * Converts a wall time in the builder's zone, or an instant, to a PCO instant string.
   * @see resolveInstant for the DST rules
   * @throws {RangeError} when the input is malformed
   */
  instant(input: string): IsoInstant {
    return resolveInstant(input, this.timeZone);
  }

  /**
   * Adds a Tag.
   * @param attrs - overrides; defaults: `color` from a fixed palette in turn, `position` the
   *   0-based creation index, `church_center_category` true (shown on Church Center; pass
   *   false for an internal tag)
   */
  tag(
    name: string,
    attrs: Partial<FakeTag['attributes']> = {},
    options: RecordOptions = {},
  ): FakeTag {
    const index = this.tags.length;
    const tag: FakeTag = {
      id: this.ids.tag.take(options.id),
      attributes: {
        color: TAG_COLORS[index % TAG_COLORS.length] ?? null,
        position: index,
        church_center_category: true,
        ...attrs,
        name,
      },
    };
    this.tags.push(tag);
    return tag;
  }

  /**
   * Adds a TagGroup holding `tags`. Defaults: shown on Church Center (`church_center_category`
   * true), timestamps the builder's default.
   */
  tagGroup(
    name: string,
    tags: readonly FakeTag[],
    attrs: Partial<FakeTagGroup['attributes']> = {},
    options: RecordOptions = {},
  ): FakeTagGroup {
    const group: FakeTagGroup = {
      id: this.ids.tagGroup.take(options.id),
      tagIds: tags.map((tag) => tag.id),
      attributes: {
        church_center_category: true,
        created_at: this.defaultTimestamp,
        updated_at: this.defaultTimestamp,
        ...attrs,
        name,
      },
    };
    this.tagGroups.push(group);
    return group;
  }

  /**
   * Adds an Event. Defaults: approved (`A`), visible in Church Center, not featured, no summary,
   * description, image or registration URL; `percent_approved`/`percent_rejected` follow the
   * approval status (100/0, 0/0 or 0/100); `created_at` = `updated_at` = the builder's default
   * timestamp. Timestamps may be wall times or instants and are normalized.
   * @throws {RangeError} for an unknown tag, a duplicate id, or `updated_at` before `created_at`
   */
  event(
    attrs: Partial<FakeEvent['attributes']> & { name: string },
    options: EventOptions = {},
  ): FakeEvent {
    const tags = options.tags ?? [];
    for (const tag of tags) {
      if (!this.tags.some((known) => known.id === tag.id)) {
        throw new RangeError(`tag ${tag.id} was not made by this builder`);
      }
    }
    const status = attrs.approval_status ?? 'A';
    const createdAt = this.instant(attrs.created_at ?? this.defaultTimestamp);
    const updatedAt = this.instant(attrs.updated_at ?? laterOf(this.defaultTimestamp, createdAt));
    assertOrdered(createdAt, updatedAt, `event ${attrs.name}`);
    const event: FakeEvent = {
      id: this.ids.event.take(options.id),
      tagIds: tags.map((tag) => tag.id),
      attributes: {
        approval_status: status,
        visible_in_church_center: true,
        featured: false,
        summary: null,
        description: null,
        image_url: null,
        registration_url: null,
        percent_approved: status === 'A' ? 100 : 0,
        percent_rejected: status === 'R' ? 100 : 0,
        ...attrs,
        created_at: createdAt,
        updated_at: updatedAt,
      },
    };
    this.events.push(event);
    return event;
  }

  /**
   * Adds an EventInstance of `event` and its EventTimes. As in PCO, `starts_at`/`ends_at` span
   * *every* time, hidden Setup/Teardown included. `published_starts_at`/`published_ends_at` are
   * the earliest visible start and latest visible end, as instants (PCO's format for these is
   * unconfirmed), or null when no time is visible.
   *
   * All-day instances (`allDay: true`) take dates: each time runs from local midnight of its
   * first day to local midnight after its last day (a Fri–Sun retreat: Fri 00:00 → Mon 00:00).
   *
   * @returns the instance; its times are in the dataset's `eventTimes`
   * @throws {RangeError} for an unknown event, no times, a malformed time, an end before its
   *   start, a duplicate id, or `updatedAt` before `createdAt`
   */
  instance(event: FakeEvent, spec: InstanceSpec): FakeEventInstance {
    const stored = this.requireEvent(event);
    if (spec.times.length === 0) throw new RangeError('an instance needs at least one time');
    const allDay = spec.allDay ?? false;
    const times = spec.times.map((time) => {
      const startsAt = allDay
        ? formatInstant(localMidnight(time.start, this.timeZone, 0))
        : this.instant(time.start);
      const endsAt = allDay
        ? formatInstant(localMidnight(time.end, this.timeZone, 1))
        : this.instant(time.end);
      if (endsAt < startsAt) {
        throw new RangeError(`time ${time.start} → ${time.end} ends before it starts`);
      }
      return { spec: time, startsAt, endsAt, visible: time.visible ?? true };
    });
    const id = this.ids.instance.take(spec.id);
    const createdAt = this.instant(spec.createdAt ?? stored.attributes.created_at);
    const updatedAt = this.instant(
      spec.updatedAt ?? laterOf(stored.attributes.updated_at, createdAt),
    );
    assertOrdered(createdAt, updatedAt, `instance ${id}`);
    const visible = times.filter((time) => time.visible);
    const instance: FakeEventInstance = {
      id,
      eventId: stored.id,
      attributes: {
        name: spec.name === undefined ? stored.attributes.name : spec.name,
        all_day_event: allDay,
        church_center_url:
          spec.churchCenterUrl === undefined
            ? `${this.churchCenterBase}/calendar/event/${id}`
            : spec.churchCenterUrl,
        compact_recurrence_description: spec.compactRecurrenceDescription ?? null,
        recurrence: spec.recurrence ?? null,
        recurrence_description: spec.recurrenceDescription ?? null,
        location: spec.location ?? null,
        kind: spec.kind ?? 'standard',
        description: spec.description ?? null,
        image_url: spec.imageUrl ?? null,
        starts_at: minOf(times.map((time) => time.startsAt)),
        ends_at: maxOf(times.map((time) => time.endsAt)),
        published_starts_at:
          visible.length > 0 ? minOf(visible.map((time) => time.startsAt)) : null,
        published_ends_at: visible.length > 0 ? maxOf(visible.map((time) => time.endsAt)) : null,
        created_at: createdAt,
        updated_at: updatedAt,
      },
    };
    this.instances.push(instance);
    for (const time of times) {
      this.eventTimes.push({
        id: this.ids.eventTime.take(time.spec.id),
        instanceId: id,
        eventId: stored.id,
        attributes: {
          name: time.spec.name ?? null,
          starts_at: time.startsAt,
          ends_at: time.endsAt,
          visible_on_kiosks: time.spec.kiosks ?? time.visible,
          visible_on_widget_and_ical: time.visible,
        },
      });
    }
    return instance;
  }

  /**
   * Adds an Attachment to `event`. Defaults: `url` a file URL built from id and name,
   * `content_type` guessed from the name's extension (else `application/octet-stream`),
   * `file_size` and `description` null, timestamps the event's.
   * @throws {RangeError} for an unknown event or a duplicate id
   */
  attachment(
    event: FakeEvent,
    attrs: Partial<FakeAttachment['attributes']> & { name: string },
    options: RecordOptions = {},
  ): FakeAttachment {
    const stored = this.requireEvent(event);
    const id = this.ids.attachment.take(options.id);
    const extension = /\.([a-z0-9]+)$/i.exec(attrs.name)?.[1]?.toLowerCase() ?? '';
    const createdAt = this.instant(attrs.created_at ?? stored.attributes.created_at);
    const updatedAt = this.instant(
      attrs.updated_at ?? laterOf(stored.attributes.updated_at, createdAt),
    );
    assertOrdered(createdAt, updatedAt, `attachment ${attrs.name}`);
    const attachment: FakeAttachment = {
      id,
      eventId: stored.id,
      attributes: {
        url: `https://calendar-attachments.planningcenteronline.com/attachments/${id}/${encodeURIComponent(attrs.name)}`,
        content_type: CONTENT_TYPES[extension] ?? 'application/octet-stream',
        file_size: null,
        description: null,
        ...attrs,
        created_at: createdAt,
        updated_at: updatedAt,
      },
    };
    this.attachments.push(attachment);
    return attachment;
  }

  /**
   * Adds an EventConnection to `event`. Defaults: `connected_to_id` the connection's own id,
   * `connected_to_name` and `connected_to_url` null, `promoted` false.
   * @throws {RangeError} for an unknown event or a duplicate id
   */
  connection(
    event: FakeEvent,
    attrs: Partial<FakeEventConnection['attributes']> & {
      connected_to_type: string;
      product_name: string;
    },
    options: RecordOptions = {},
  ): FakeEventConnection {
    const stored = this.requireEvent(event);
    const id = this.ids.connection.take(options.id);
    const connection: FakeEventConnection = {
      id,
      eventId: stored.id,
      attributes: {
        connected_to_id: id,
        connected_to_name: null,
        connected_to_url: null,
        promoted: false,
        ...attrs,
      },
    };
    this.connections.push(connection);
    return connection;
  }

  /** A deep copy of everything added so far, in insertion order; safe for tests to mutate. */
  build(): FakeDataset {
    return structuredClone({
      organization: this.organization,
      events: this.events,
      instances: this.instances,
      eventTimes: this.eventTimes,
      tags: this.tags,
      ...(this.tagGroups.length > 0 ? { tagGroups: this.tagGroups } : {}),
      attachments: this.attachments,
      connections: this.connections,
    });
  }

  /** The stored event with `event`'s id. @throws {RangeError} if this builder has none */
  private requireEvent(event: FakeEvent): FakeEvent {
    const stored = this.events.find((known) => known.id === event.id);
    if (!stored) throw new RangeError(`event ${event.id} was not made by this builder`);
    return stored;
  }
}

/** @throws {RangeError} when `updatedAt` is before `createdAt` */
function assertOrdered(createdAt: IsoInstant, updatedAt: IsoInstant, what: string): void {
  if (updatedAt < createdAt) {
    throw new RangeError(`${what}: updated_at ${updatedAt} is before created_at ${createdAt}`);
  }
}

/** Earliest of non-empty PCO instants. */
function minOf(instants: IsoInstant[]): IsoInstant {
  // Not Math.min: these are strings (same fixed format, so string order is time order).
  return instants.reduce((a, b) => (laterOf(a, b) === a ? b : a));
}

/** Latest of non-empty PCO instants. */
function maxOf(instants: IsoInstant[]): IsoInstant {
  return instants.reduce(laterOf);
}
