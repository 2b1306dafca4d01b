/**
 * The built-in demo church calendar that the Worker serves in demo mode (no PCO credentials).
 *
 * "Grace Community Church" (America/Chicago, 12-hour time) with weekly and monthly series,
 * all-day and overnight events, vigils on both DST nights, Spanish and emoji text, rich HTML
 * descriptions, and records that must never be published (each named with one of {@link DEMO_PRIVATE_MARKERS}, so a leak is easy to
 * grep for).
 *
 * Every series is a rule on local calendar dates ("every Sunday", "first Saturday of the month"),
 * and `now` only picks which dates fall in the window, which is why:
 * - the output depends only on `now`'s UTC calendar day (never on the time of day or the clock
 *   of the machine);
 * - an occurrence keeps its ids from day to day, so subscribers' UIDs are stable: instance id =
 *   event id × 100 000 + days from 2000-01-01 to the local date the occurrence starts on
 *   ({@link demoInstanceId}); EventTime id = instance id × 10 + the time's index.
 * Timestamps never lie after the start of `now`'s UTC day: events carry fixed 2023–2025
 * timestamps (pulled back to that day start if `now` is earlier); an instance is created with its
 * event and `updated_at` three days before its date at 15:MM UTC once that moment is past,
 * otherwise its event's `updated_at`, so each instance's `updated_at` changes at most once.
 *
 * Building takes tens of milliseconds (luxon zone lookups); callers that serve it per request
 * should memoize it per UTC day.
 */
import { DateTime } from 'luxon';
import { DatasetBuilder, formatInstant, type InstanceSpec } from './builder';
import type { FakeDataset, FakeEvent, FakeEventInstance, FakeTag, IsoInstant } from './dataset';
import { dstChangeDates } from './dst';

/** IANA zone (TZID) of the demo organization. */
export const DEMO_TIME_ZONE = 'America/Chicago';

/** Church Center origin of the demo organization. */
export const DEMO_CHURCH_CENTER_BASE = 'https://gracecommunity.churchcenter.com';

/** Days before `now`'s UTC date covered by recurring series. */
export const DEMO_WINDOW_PAST_DAYS = 35;

/** Days after `now`'s UTC date covered by recurring series (about six months). */
export const DEMO_WINDOW_FUTURE_DAYS = 183;

/**
 * Marker in the name (and in text, attachments and connections) of each demo event that must
 * never be published, by the reason it is unpublishable.
 */
export const DEMO_PRIVATE_MARKER_BY_REASON = {
  /** `visible_in_church_center: false`. */
  hiddenEvent: 'PRIVATE-HIDDEN',
  /** `approval_status: 'P'`. */
  pending: 'PRIVATE-PENDING',
  /** `approval_status: 'R'`. */
  rejected: 'PRIVATE-REJECTED',
  /** Instances of `kind: 'blockout'` (event approved and visible). */
  blockout: 'PRIVATE-BLOCKOUT',
  /** Approved and visible, but every EventTime has `visible_on_widget_and_ical: false`. */
  noVisibleTime: 'PRIVATE-NOVISIBLETIME',
} as const;

/**
 * Every marker string of {@link DEMO_PRIVATE_MARKER_BY_REASON}; none may appear in any
 * published output. All start with `PRIVATE-`.
 */
export const DEMO_PRIVATE_MARKERS: readonly string[] = Object.values(DEMO_PRIVATE_MARKER_BY_REASON);

/** Ids of the demo events, fixed whatever `now` is. */
export const DEMO_EVENT_IDS = {
  /** Weekly; 2 visible services + hidden Setup/Teardown; "Communion Sunday" on first Sundays. */
  sundayWorship: '1',
  /** Weekly Wednesday; registration URL, 2 attachments, 2 connections (one promoted). */
  youthNight: '2',
  /** Weekly Tuesday morning; rich HTML description, summary, image. */
  womensBibleStudy: '3',
  /** First Saturday of each month; image and HTML with entities. */
  mensBreakfast: '4',
  /** Weekly Wednesday; instance names left null (falls back to the event's). */
  kidsClub: '5',
  /** Third Friday of Feb/May/Aug/Nov, all-day Fri–Sun; featured, image. */
  familyRetreat: '6',
  /** Second Saturday of each month, single-day all-day; featured. */
  serveDay: '7',
  /** Last Friday of each month, Fri 21:00 → Sat 07:00. */
  youthLockIn: '8',
  /** Only on the Saturday nights before the next spring-forward and fall-back Sundays. */
  nightOfPrayer: '9',
  /** Second Friday of each month; Spanish, emoji, `,` `;` and a newline in its text. */
  nocheDeAlabanza: '10',
  /** Third Thursday of each month; a long HTML description with a list, entities and a link. */
  movieNight: '11',
  /** PRIVATE-HIDDEN, weekly Monday. */
  staffMeeting: '12',
  /** PRIVATE-PENDING, second Tuesday. */
  budgetCommittee: '13',
  /** PRIVATE-REJECTED, fourth Saturday. */
  battleOfTheBands: '14',
  /** PRIVATE-BLOCKOUT, third Monday. */
  sanctuaryBlockout: '15',
  /** PRIVATE-NOVISIBLETIME, weekly Thursday. */
  eldersPrayer: '16',
} as const;

const MARK = DEMO_PRIVATE_MARKER_BY_REASON;
const IDS = DEMO_EVENT_IDS;
const INSTANCE_ID_STRIDE = 100_000;
const TIME_ID_STRIDE = 10;
const EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const MAIN_SANCTUARY = 'Main Sanctuary, 100 Main St, Springfield';
const FELLOWSHIP_HALL = 'Fellowship Hall, 100 Main St, Springfield';
const YOUTH_CENTER = 'Youth Center, 104 Main St, Springfield';
const ATTACHMENT_BASE = 'https://calendar-attachments.planningcenteronline.com/attachments';
/** Monday = 1 … Sunday = 7, as luxon numbers weekdays. */
const MON = 1;
const TUE = 2;
const WED = 3;
const THU = 4;
const FRI = 5;
const SAT = 6;
const SUN = 7;

/**
 * The demo instance id of an occurrence of `eventId` starting on local date `localDate`
 * (`YYYY-MM-DD`): event id × 100 000 + days since 2000-01-01.
 * @example demoInstanceId('1', '2026-03-08') // '109563'
 */
export function demoInstanceId(eventId: string, localDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!match) throw new RangeError(`not a date: ${localDate}`);
  const [, year, month, day] = match;
  const days = (Date.UTC(Number(year), Number(month) - 1, Number(day)) - EPOCH_MS) / DAY_MS;
  return String(Number(eventId) * INSTANCE_ID_STRIDE + days);
}

/** A calendar date as a luxon DateTime at UTC midnight (plain date arithmetic, no DST). */
function plainDate(iso: string): DateTime {
  const date = DateTime.fromISO(iso, { zone: 'utc' });
  if (!date.isValid) throw new RangeError(`not a date: ${iso}`);
  return date;
}

/** `YYYY-MM-DD` of a plain date. */
function isoDate(date: DateTime): string {
  return date.toFormat('yyyy-MM-dd');
}

/** True on the `n`th (1-based) `weekday` of its month. */
function isNthWeekday(date: DateTime, weekday: number, n: number): boolean {
  return date.weekday === weekday && Math.ceil(date.day / 7) === n;
}

/** True on the last `weekday` of its month. */
function isLastWeekday(date: DateTime, weekday: number): boolean {
  return date.weekday === weekday && date.plus({ days: 7 }).month !== date.month;
}

/**
 * The demo zone's time at 18:00 UTC on plain date `date`: midday in the Americas, long after any
 * 02:00 local DST change of that date and before the next day's.
 */
function middayOf(date: DateTime): DateTime {
  return DateTime.fromMillis(date.toMillis() + 18 * 3_600_000, { zone: DEMO_TIME_ZONE });
}

/** UTC offset at midday of `date` in the demo zone as `±HH:mm`, e.g. `-06:00`. */
function noonOffsetLabel(date: DateTime): string {
  return middayOf(date).toFormat('ZZ');
}

/** An image URL shaped like PCO's signed ones (`expires_at`, `signature`); not fetchable. */
function imageUrl(slug: string): string {
  return `https://images.planningcenterusercontent.com/calendar/demo/${slug}.jpg?expires_at=2082758400&signature=demo${slug.length}f3a9`;
}

/** The schedule and per-instance fields of one occurrence; ids and timestamps are added later. */
type OccurrenceSpec = Omit<InstanceSpec, 'id' | 'createdAt' | 'updatedAt'>;

/** A recurring series: its event and the local dates it starts on. */
interface Series {
  event: FakeEvent;
  occursOn(date: DateTime): boolean;
  spec(date: string, nextDate: string): OccurrenceSpec;
}

/**
 * Builds the demo calendar for `now`: recurring series from {@link DEMO_WINDOW_PAST_DAYS} before
 * to {@link DEMO_WINDOW_FUTURE_DAYS} after `now`'s UTC date (read as local dates in
 * {@link DEMO_TIME_ZONE}), plus a Night of Prayer vigil and a Sunday Worship on each of the next
 * spring-forward and fall-back weekends whose Sunday is on or after `now` − 30 days, even when
 * those lie beyond the window.
 *
 * @param now - the current instant; only its UTC calendar date matters
 * @returns a fresh dataset (16 events, about 250 instances and 400 event times); safe to mutate
 * @example const dataset = buildDemoDataset(new Date()); // serve with the fake PCO server
 */
export function buildDemoDataset(now: Date): FakeDataset {
  const today = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day');
  if (!today.isValid) throw new RangeError('buildDemoDataset: invalid now');
  const todayStart = formatInstant(today);
  /** A fixed timestamp, pulled back to the start of `now`'s UTC day if it is later. */
  const stamp = (iso: IsoInstant): IsoInstant => (iso <= todayStart ? iso : todayStart);

  const b = new DatasetBuilder({
    name: 'Grace Community Church',
    timeZone: DEMO_TIME_ZONE,
    twentyFourHourTime: false,
    churchCenterBase: DEMO_CHURCH_CENTER_BASE,
    defaultTimestamp: stamp('2023-06-01T15:00:00Z'),
  });

  const tag = (name: string, color: string) => b.tag(name, { color, church_center_category: true });
  const worship = tag('Worship', '#2d7dd2');
  const youth = tag('Youth', '#f45d01');
  const kids = tag('Kids', '#eeb902');
  const adults = tag('Adults', '#8e44ad');
  const outreach = tag('Outreach', '#97cc04');
  const retreats = tag('Retreats', '#1abc9c');

  const event = (
    id: string,
    tags: FakeTag[],
    attrs: Partial<FakeEvent['attributes']> & {
      name: string;
      created_at: string;
      updated_at: string;
    },
  ): FakeEvent =>
    b.event(
      { ...attrs, created_at: stamp(attrs.created_at), updated_at: stamp(attrs.updated_at) },
      { id, tags },
    );

  // ---- Public series ------------------------------------------------------------------------

  const sunday = event(IDS.sundayWorship, [worship], {
    name: 'Sunday Worship',
    summary: 'Two services every Sunday with kids’ programs during both. Come as you are.',
    description:
      '<p>Join us for <strong>Sunday Worship</strong> at 9:00 or 11:00 a.m. Coffee &amp; donuts in the lobby between services.</p><ul><li>Nursery and kids’ classes during both services</li><li>Hearing-assist devices at the Welcome Center</li></ul><p><a href="https://gracecommunity.churchcenter.com/pages/plan-a-visit">Plan your visit</a></p>',
    image_url: imageUrl('sunday-worship'),
    created_at: '2023-08-14T15:02:11Z',
    updated_at: '2025-09-02T14:20:45Z',
  });
  b.connection(sunday, {
    connected_to_type: 'service_type',
    product_name: 'services',
    connected_to_id: '1184325',
    connected_to_name: 'Sunday Morning',
    connected_to_url: null,
  });

  const youthNight = event(IDS.youthNight, [youth], {
    name: 'Wednesday Youth Night',
    summary: 'Games, worship and small groups for grades 6–12.',
    description:
      '<p>Students in grades 6&ndash;12: <strong>games, worship &amp; small groups</strong> every Wednesday.</p><p>New this season? Please bring a signed permission slip (attached) and <a href="https://gracecommunity.churchcenter.com/registrations/events/2081563">register here</a>.</p>',
    registration_url: 'https://gracecommunity.churchcenter.com/registrations/events/2081563',
    created_at: '2024-07-29T19:45:03Z',
    updated_at: '2025-08-18T16:12:30Z',
  });
  b.attachment(youthNight, {
    name: 'Youth Permission Slip 2025-26.pdf',
    content_type: 'application/pdf',
    file_size: 248_113,
    url: `${ATTACHMENT_BASE}/5521907/Youth%20Permission%20Slip%202025-26.pdf`,
    description: 'Print, sign and bring it on your first night.',
  });
  b.attachment(youthNight, {
    name: 'Youth Night Schedule.png',
    content_type: 'image/png',
    file_size: 734_902,
    url: `${ATTACHMENT_BASE}/5521908/Youth%20Night%20Schedule.png`,
    description: null,
  });
  b.connection(youthNight, {
    connected_to_type: 'signup',
    product_name: 'registrations',
    connected_to_id: '2081563',
    connected_to_name: 'Youth Night Registration',
    connected_to_url: 'https://gracecommunity.churchcenter.com/registrations/events/2081563',
    promoted: false,
  });
  b.connection(youthNight, {
    connected_to_type: 'group',
    product_name: 'groups',
    connected_to_id: '348811',
    connected_to_name: 'High School Youth',
    connected_to_url: 'https://gracecommunity.churchcenter.com/groups/youth/high-school-youth',
    promoted: true,
  });

  const bibleStudy = event(IDS.womensBibleStudy, [adults], {
    name: 'Women’s Bible Study',
    summary: 'Verse-by-verse study of the Gospel of John. Childcare provided.',
    description:
      '<p>Join women of all ages for <strong>verse-by-verse study</strong> of the Gospel of John, with coffee &amp; conversation.</p><ul><li>Childcare for ages 0&ndash;5 in Room 104</li><li>Study guides are $12 (scholarships available)</li><li>New? Just come &mdash; no homework the first week!</li></ul><p>Questions? Email <a href="mailto:women@gracecommunity.example">women@gracecommunity.example</a> or visit <a href="https://gracecommunity.churchcenter.com/groups/womens-ministry">our Women’s Ministry page</a>.</p>',
    image_url: imageUrl('womens-bible-study'),
    created_at: '2024-08-20T14:05:00Z',
    updated_at: '2025-08-26T13:40:00Z',
  });

  const mensBreakfast = event(IDS.mensBreakfast, [adults, outreach], {
    name: 'Men’s Breakfast',
    summary: 'Bacon, eggs and a short talk. Bring a friend.',
    description:
      '<p>Bacon &amp; eggs, strong coffee, and a 20-minute talk. <strong>Bring a neighbor</strong> &mdash; breakfast is on us.</p>',
    image_url: imageUrl('mens-breakfast'),
    created_at: '2024-01-09T17:30:00Z',
    updated_at: '2025-06-03T12:00:00Z',
  });

  const kidsClub = event(IDS.kidsClub, [kids], {
    name: 'Kids’ Club',
    summary: 'Bible stories, crafts and games for kids age 4 through 5th grade.',
    description: null,
    image_url: imageUrl('kids-club'),
    created_at: '2024-08-05T18:00:00Z',
    updated_at: '2025-08-11T18:30:00Z',
  });
  b.connection(kidsClub, {
    connected_to_type: 'event',
    product_name: 'check-ins',
    connected_to_id: '771204',
    connected_to_name: 'Kids’ Club Check-In',
    connected_to_url: null,
  });

  const retreat = event(IDS.familyRetreat, [retreats, adults, kids], {
    name: 'Family Camp Retreat',
    featured: true,
    summary: 'A weekend at the lake for the whole family: worship, canoes, s’mores.',
    description:
      '<p>Three days at <strong>Camp Wildwood</strong>: worship by the lake, canoeing, hiking &amp; s’mores.</p><ul><li>Cabins sleep 8; families may share</li><li>Meals included from Friday dinner to Sunday lunch</li></ul><p><a href="https://gracecommunity.churchcenter.com/registrations/events/2090114">Register by the 1st of the month</a></p>',
    image_url: imageUrl('family-retreat'),
    registration_url: 'https://gracecommunity.churchcenter.com/registrations/events/2090114',
    created_at: '2024-11-18T16:45:00Z',
    updated_at: '2025-10-06T15:10:00Z',
  });
  b.attachment(retreat, {
    name: 'Packing List.pdf',
    content_type: 'application/pdf',
    file_size: 96_411,
    url: `${ATTACHMENT_BASE}/5530011/Packing%20List.pdf`,
    description: 'What to bring (and what to leave at home).',
  });

  const serveDay = event(IDS.serveDay, [outreach], {
    name: 'Community Serve Day',
    featured: true,
    summary: 'Projects all over Springfield all day; come for an hour or stay all day.',
    description:
      '<p>Yard work for seniors, the food pantry, and park clean-up. <strong>All ages welcome.</strong></p>',
    created_at: '2024-02-12T20:00:00Z',
    updated_at: '2025-07-14T19:00:00Z',
  });

  const lockIn = event(IDS.youthLockIn, [youth], {
    name: 'Youth Lock-In',
    summary: 'An all-nighter at the Youth Center: games, pizza, worship and breakfast.',
    description: '<p>Doors lock at 9 p.m. and open at 7 a.m. &mdash; parents, pick-up is at 7!</p>',
    registration_url: 'https://gracecommunity.churchcenter.com/registrations/events/2081570',
    created_at: '2024-09-03T21:00:00Z',
    updated_at: '2025-09-09T21:15:00Z',
  });

  const vigil = event(IDS.nightOfPrayer, [worship], {
    name: 'Night of Prayer',
    featured: true,
    summary: 'An all-night prayer vigil in watches. Come for one watch or the whole night.',
    description:
      '<p>We pray through the night in <strong>watches</strong>. Sign up for one or stay the whole night; coffee &amp; breakfast at dawn.</p>',
    created_at: '2024-02-26T15:00:00Z',
    updated_at: '2025-10-13T15:00:00Z',
  });

  const noche = event(IDS.nocheDeAlabanza, [worship, outreach], {
    name: 'Noche de Alabanza 🎶',
    summary: 'Adoración bilingüe, café y pan dulce;\n¡todos bienvenidos! 🎶',
    description:
      '<p>¡Ven a adorar con nosotros! 🙏🏽 Música en español &amp; English, café, pan dulce; y mucho más.</p><p>Niños bienvenidos — traigan a sus amigos, vecinos y familias. Bilingual worship: everyone is welcome, whatever language you pray in.</p>',
    created_at: '2024-03-04T16:00:00Z',
    updated_at: '2025-05-05T16:00:00Z',
  });

  const movieNight = event(IDS.movieNight, [youth, kids], {
    name: 'Family Movie Night',
    summary: 'A family film on the big screen, with free popcorn & lemonade.',
    description: movieNightDescription(),
    created_at: '2024-04-15T18:00:00Z',
    updated_at: '2025-04-21T18:00:00Z',
  });

  // ---- Records that must never be published ---------------------------------------------

  const staff = event(IDS.staffMeeting, [], {
    name: `Staff Meeting (${MARK.hiddenEvent})`,
    visible_in_church_center: false,
    summary: `Weekly staff sync ${MARK.hiddenEvent}`,
    description: `<p>Agenda and salaries review. ${MARK.hiddenEvent}</p>`,
    created_at: '2023-09-11T14:00:00Z',
    updated_at: '2025-01-06T14:00:00Z',
  });
  const pending = event(IDS.budgetCommittee, [adults], {
    name: `Budget Committee (${MARK.pending})`,
    approval_status: 'P',
    summary: `Budget draft ${MARK.pending}`,
    description: `<p>Draft budget for next year. ${MARK.pending}</p>`,
    created_at: '2025-01-13T19:00:00Z',
    updated_at: '2025-02-10T19:00:00Z',
  });
  const rejected = event(IDS.battleOfTheBands, [youth], {
    name: `Battle of the Bands (${MARK.rejected})`,
    approval_status: 'R',
    summary: `Rejected request ${MARK.rejected}`,
    description: `<p>Request declined by facilities. ${MARK.rejected}</p>`,
    image_url: imageUrl('private-rejected'),
    created_at: '2025-02-03T22:00:00Z',
    updated_at: '2025-02-05T15:00:00Z',
  });
  const blockout = event(IDS.sanctuaryBlockout, [], {
    name: `Sanctuary Floor Care (${MARK.blockout})`,
    summary: `Room blockout ${MARK.blockout}`,
    description: `<p>Sanctuary closed for floor care. ${MARK.blockout}</p>`,
    created_at: '2024-12-02T15:00:00Z',
    updated_at: '2025-03-03T15:00:00Z',
  });
  const elders = event(IDS.eldersPrayer, [adults], {
    name: `Elders’ Prayer (${MARK.noVisibleTime})`,
    summary: `Elders only ${MARK.noVisibleTime}`,
    description: `<p>Prayer for members’ requests. ${MARK.noVisibleTime}</p>`,
    created_at: '2024-05-06T12:00:00Z',
    updated_at: '2025-05-12T12:00:00Z',
  });
  for (const [hidden, marker] of [
    [staff, MARK.hiddenEvent],
    [pending, MARK.pending],
    [rejected, MARK.rejected],
    [blockout, MARK.blockout],
    [elders, MARK.noVisibleTime],
  ] as const) {
    const slug = marker.toLowerCase();
    b.attachment(hidden, {
      name: `${marker} notes.pdf`,
      content_type: 'application/pdf',
      file_size: 51_200,
      url: `${ATTACHMENT_BASE}/${slug}/notes.pdf`,
      description: `Internal notes ${marker}`,
    });
    b.connection(hidden, {
      connected_to_type: 'group',
      product_name: 'groups',
      connected_to_id: `9${hidden.id}0001`,
      connected_to_name: `${marker} Team`,
      connected_to_url: `${DEMO_CHURCH_CENTER_BASE}/groups/${slug}`,
      promoted: true,
    });
  }

  // ---- Schedules ----------------------------------------------------------------------------

  const timed = (date: string, startTime: string, endTime: string, name?: string) => ({
    start: `${date}T${startTime}`,
    end: `${date}T${endTime}`,
    ...(name === undefined ? {} : { name }),
  });
  const hidden = (date: string, startTime: string, endTime: string, name: string) => ({
    ...timed(date, startTime, endTime, name),
    visible: false,
  });
  const weekly = (day: string) => ({
    recurrence: 'Weekly',
    recurrenceDescription: `Every week on ${day}`,
    compactRecurrenceDescription: `Weekly on ${day.slice(0, 3)}`,
  });
  const monthly = (description: string) => ({
    recurrence: 'Monthly',
    recurrenceDescription: `Every month on the ${description}`,
    compactRecurrenceDescription: `Monthly on the ${description}`,
  });

  const sundaySpec = (date: string): OccurrenceSpec => ({
    ...weekly('Sunday'),
    name: isNthWeekday(plainDate(date), SUN, 1) ? 'Communion Sunday' : undefined,
    location: MAIN_SANCTUARY,
    times: [
      hidden(date, '07:30', '08:45', 'Setup'),
      timed(date, '09:00', '10:15', 'First Service'),
      timed(date, '11:00', '12:15', 'Second Service'),
      hidden(date, '12:15', '13:00', 'Teardown'),
    ],
  });

  const series: Series[] = [
    { event: sunday, occursOn: (d) => d.weekday === SUN, spec: sundaySpec },
    {
      event: youthNight,
      occursOn: (d) => d.weekday === WED,
      spec: (date) => ({
        ...weekly('Wednesday'),
        location: YOUTH_CENTER,
        times: [timed(date, '18:30', '20:30')],
      }),
    },
    {
      event: bibleStudy,
      occursOn: (d) => d.weekday === TUE,
      spec: (date) => ({
        ...weekly('Tuesday'),
        location: FELLOWSHIP_HALL,
        times: [timed(date, '09:30', '11:00')],
      }),
    },
    {
      event: mensBreakfast,
      occursOn: (d) => isNthWeekday(d, SAT, 1),
      spec: (date) => ({
        ...monthly('first Saturday'),
        location: FELLOWSHIP_HALL,
        times: [hidden(date, '06:30', '07:30', 'Cooking'), timed(date, '07:30', '09:00')],
      }),
    },
    {
      event: kidsClub,
      occursOn: (d) => d.weekday === WED,
      spec: (date) => ({
        ...weekly('Wednesday'),
        name: null,
        location: 'Kids’ Wing, 100 Main St, Springfield',
        times: [timed(date, '18:30', '20:00')],
      }),
    },
    {
      event: retreat,
      occursOn: (d) => [2, 5, 8, 11].includes(d.month) && isNthWeekday(d, FRI, 3),
      spec: (date) => ({
        recurrence: 'Custom',
        recurrenceDescription: 'Every 3 months on the third Friday',
        compactRecurrenceDescription: 'Quarterly',
        allDay: true,
        location: 'Camp Wildwood, 2200 Lakeshore Dr, Lake Springfield',
        times: [{ start: date, end: isoDate(plainDate(date).plus({ days: 2 })) }],
      }),
    },
    {
      event: serveDay,
      occursOn: (d) => isNthWeekday(d, SAT, 2),
      spec: (date) => ({
        ...monthly('second Saturday'),
        allDay: true,
        location: 'Across Springfield (meet at 100 Main St)',
        times: [{ start: date, end: date }],
      }),
    },
    {
      event: lockIn,
      occursOn: (d) => isLastWeekday(d, FRI),
      spec: (date, nextDate) => ({
        ...monthly('last Friday'),
        location: YOUTH_CENTER,
        times: [
          hidden(date, '20:15', '21:00', 'Chaperone Check-In'),
          { start: `${date}T21:00`, end: `${nextDate}T07:00` },
        ],
      }),
    },
    {
      event: noche,
      occursOn: (d) => isNthWeekday(d, FRI, 2),
      spec: (date) => ({
        ...monthly('second Friday'),
        location: 'Fellowship Hall, 100 Main St, Springfield',
        times: [timed(date, '19:00', '21:00')],
      }),
    },
    {
      event: movieNight,
      occursOn: (d) => isNthWeekday(d, THU, 3),
      spec: (date) => ({
        ...monthly('third Thursday'),
        location: 'Fellowship Hall, 100 Main St, Springfield',
        times: [timed(date, '18:30', '21:00')],
      }),
    },
    {
      event: staff,
      occursOn: (d) => d.weekday === MON,
      spec: (date) => ({
        ...weekly('Monday'),
        location: `Conference Room (${MARK.hiddenEvent})`,
        times: [timed(date, '10:00', '11:30')],
      }),
    },
    {
      event: pending,
      occursOn: (d) => isNthWeekday(d, TUE, 2),
      spec: (date) => ({
        ...monthly('second Tuesday'),
        location: `Board Room (${MARK.pending})`,
        times: [timed(date, '18:30', '20:00')],
      }),
    },
    {
      event: rejected,
      occursOn: (d) => isNthWeekday(d, SAT, 4),
      spec: (date) => ({
        ...monthly('fourth Saturday'),
        location: `Gym (${MARK.rejected})`,
        times: [timed(date, '18:00', '22:00')],
      }),
    },
    {
      event: blockout,
      occursOn: (d) => isNthWeekday(d, MON, 3),
      spec: (date) => ({
        ...monthly('third Monday'),
        kind: 'blockout',
        location: MAIN_SANCTUARY,
        times: [timed(date, '08:00', '17:00')],
      }),
    },
    {
      event: elders,
      occursOn: (d) => d.weekday === THU,
      spec: (date) => ({
        ...weekly('Thursday'),
        location: `Prayer Room (${MARK.noVisibleTime})`,
        times: [
          hidden(date, '06:15', '06:30', 'Coffee'),
          hidden(date, '06:30', '07:30', `Prayer (${MARK.noVisibleTime})`),
        ],
      }),
    },
  ];

  // ---- Occurrences --------------------------------------------------------------------------

  const occurrences: Array<{ date: string; event: FakeEvent; spec: OccurrenceSpec }> = [];
  const scheduled = new Set<string>();
  const schedule = (event: FakeEvent, date: string, spec: OccurrenceSpec): void => {
    const id = demoInstanceId(event.id, date);
    if (scheduled.has(id)) return;
    scheduled.add(id);
    occurrences.push({ date, event, spec });
  };

  for (let i = -DEMO_WINDOW_PAST_DAYS; i <= DEMO_WINDOW_FUTURE_DAYS; i += 1) {
    const day = today.plus({ days: i });
    const date = isoDate(day);
    const nextDate = isoDate(day.plus({ days: 1 }));
    for (const { event, occursOn, spec } of series) {
      if (occursOn(day)) schedule(event, date, spec(date, nextDate));
    }
  }

  const { springForward, fallBack } = dstChangeDates(DEMO_TIME_ZONE, today.minus({ days: 30 }));
  for (const [changeSunday, kind] of [
    [springForward, 'spring'],
    [fallBack, 'fall'],
  ] as const) {
    const sun = isoDate(changeSunday);
    const sat = isoDate(changeSunday.minus({ days: 1 }));
    schedule(sunday, sun, sundaySpec(sun));
    schedule(vigil, sat, vigilSpec(sat, sun, kind, noonOffsetLabel(changeSunday)));
  }

  occurrences.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const { date, event, spec } of occurrences) {
    const id = demoInstanceId(event.id, date);
    if (spec.times.length > TIME_ID_STRIDE) throw new Error(`too many times on ${id}`);
    b.instance(event, {
      ...spec,
      id,
      times: spec.times.map((time, k) => ({
        ...time,
        id: String(Number(id) * TIME_ID_STRIDE + k),
      })),
      createdAt: event.attributes.created_at,
      updatedAt: instanceUpdatedAt(event, date, todayStart),
    });
  }

  return b.build();
}

/**
 * `updated_at` of the occurrence of `event` on local `date`: three days before the date at
 * 15:MM UTC (MM = event id mod 60) once that moment is on or before `todayStart`, else the
 * event's `updated_at`; never before the event's `updated_at`.
 */
function instanceUpdatedAt(event: FakeEvent, date: string, todayStart: IsoInstant): IsoInstant {
  const edit = formatInstant(
    plainDate(date)
      .minus({ days: 3 })
      .set({ hour: 15, minute: Number(event.id) % 60 }),
  );
  const eventUpdated = event.attributes.updated_at;
  return edit <= todayStart && edit > eventUpdated ? edit : eventUpdated;
}

/**
 * The Night of Prayer (Sat 22:00 → Sun 06:00 local, hidden Setup from 21:00) on a DST night,
 * with no gap in real time between watches.
 * - Fall back: the First Watch ends at the first 01:30 (daylight time), an "Extra Hour Watch"
 *   runs from it to the *second* 01:30 (same wall time, one real hour), and the Second Watch
 *   starts at that second 01:30, written with `after`, the offset after the change (`±HH:mm`).
 * - Spring forward: the Second Watch runs 01:30 → 03:30 on the clock, which is one real hour
 *   across the skipped hour.
 */
function vigilSpec(
  sat: string,
  sun: string,
  kind: 'spring' | 'fall',
  after: string,
): OccurrenceSpec {
  const watches: InstanceSpec['times'] =
    kind === 'fall'
      ? [
          { name: 'First Watch', start: `${sat}T23:30`, end: `${sun}T01:30` },
          { name: 'Extra Hour Watch', start: `${sun}T01:30`, end: `${sun}T01:30${after}` },
          { name: 'Second Watch', start: `${sun}T01:30${after}`, end: `${sun}T04:00` },
          { name: 'Dawn Prayer', start: `${sun}T04:00`, end: `${sun}T06:00` },
        ]
      : [
          { name: 'First Watch', start: `${sat}T23:30`, end: `${sun}T01:30` },
          { name: 'Second Watch', start: `${sun}T01:30`, end: `${sun}T03:30` },
          { name: 'Dawn Prayer', start: `${sun}T03:30`, end: `${sun}T06:00` },
        ];
  return {
    location: MAIN_SANCTUARY,
    description:
      kind === 'fall'
        ? '<p>Clocks <strong>fall back</strong> at 2:00 a.m. tonight: the 1 o’clock hour happens twice, so we keep an extra watch and the Second Watch begins at the <em>second</em> 1:30 a.m.</p>'
        : '<p>Clocks <strong>spring forward</strong> at 2:00 a.m. tonight: the Second Watch runs 1:30&ndash;3:30 a.m. on the clock, which is only one hour.</p>',
    times: [
      { name: 'Setup', start: `${sat}T21:00`, end: `${sat}T22:00`, visible: false },
      { name: 'Opening Worship', start: `${sat}T22:00`, end: `${sat}T23:30` },
      ...watches,
    ],
  };
}

/** A long rich-text description: paragraphs, entities, a list and a registration link. */
function movieNightDescription(): string {
  const filler =
    '<p>Doors open at 6:00 p.m.; the film starts at 6:30. Free popcorn &amp; lemonade, with pizza by the slice for $2. Bring a blanket or a camp chair &mdash; the Fellowship Hall floor is cold!</p>';
  return [
    '<p>Bring the whole family for a <strong>free movie night</strong> on the big screen.</p>',
    filler,
    '<ul><li>Rated PG</li><li>Runs about 100 minutes</li><li>Kids under 10 with an adult</li></ul>',
    '<p>This month&rsquo;s film is chosen by the kids&rsquo; club: ask them what it is!</p>',
    '<p><a href="https://gracecommunity.churchcenter.com/registrations/events/2081599" target="_blank">Let us know you&rsquo;re coming</a> so we make enough popcorn.</p>',
  ].join('\n');
}

/** Record counts of a dataset, and how many instances the publication rule lets through. */
export interface DatasetSummary {
  events: number;
  instances: number;
  eventTimes: number;
  tags: number;
  attachments: number;
  connections: number;
  /** Instances that pass the publication rule. */
  publishedInstances: number;
  /** Instances that fail it, by the first failing check in this order. */
  unpublished: {
    hiddenEvent: number;
    notApproved: number;
    blockout: number;
    noVisibleTime: number;
  };
}

/**
 * Counts a dataset's records, and its instances by the publication rule: event
 * `visible_in_church_center`, event `approval_status` `A`, instance `kind` not `blockout`, and at
 * least one EventTime with `visible_on_widget_and_ical`. An independent oracle for tests; the
 * product applies the rule in its own model code.
 */
export function summarizeDataset(dataset: FakeDataset): DatasetSummary {
  const events = new Map(dataset.events.map((event) => [event.id, event]));
  const withVisibleTime = new Set(
    dataset.eventTimes
      .filter((time) => time.attributes.visible_on_widget_and_ical)
      .map((time) => time.instanceId),
  );
  const unpublished = { hiddenEvent: 0, notApproved: 0, blockout: 0, noVisibleTime: 0 };
  let publishedInstances = 0;
  const classify = (instance: FakeEventInstance): keyof typeof unpublished | undefined => {
    const event = events.get(instance.eventId);
    if (!event?.attributes.visible_in_church_center) return 'hiddenEvent';
    if (event.attributes.approval_status !== 'A') return 'notApproved';
    if (instance.attributes.kind === 'blockout') return 'blockout';
    if (!withVisibleTime.has(instance.id)) return 'noVisibleTime';
    return undefined;
  };
  for (const instance of dataset.instances) {
    const reason = classify(instance);
    if (reason) unpublished[reason] += 1;
    else publishedInstances += 1;
  }
  return {
    events: dataset.events.length,
    instances: dataset.instances.length,
    eventTimes: dataset.eventTimes.length,
    tags: dataset.tags.length,
    attachments: dataset.attachments.length,
    connections: dataset.connections.length,
    publishedInstances,
    unpublished,
  };
}
