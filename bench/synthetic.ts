/**
 * Deterministic, PCO-shaped synthetic data for the benchmarks.
 *
 * Records are built in the shapes `src/pco/read.ts` returns (events, instances with their
 * event times and tag ids, tags, attachments, connections), then turned into occurrences by
 * the Worker's own code: the publication rule (`publicationVerdict`) picks the visible times
 * and `buildOccurrence` sanitizes and converts the HTML. Only the final assembly of the
 * {@link Snapshot} object (sorting, used tags, `lastModified`) mirrors `refreshSnapshot`,
 * which does not expose that step on its own.
 *
 * The mix, over one year of local dates in America/Chicago (2026, both DST changes included):
 * - ~60 % timed with one visible time (a third of them with a hidden setup time before it);
 * - ~20 % timed with two visible times (first and second service);
 * - ~12 % all-day, one to four days;
 * - ~8 % overnight (21:00 → 07:00 the next day).
 * Events carry HTML descriptions (paragraphs, lists, links, entities, and some hostile markup
 * for the sanitizer), 0–3 tags, an image on about half, attachments on about a quarter,
 * connections on about a fifth. A seeded PRNG (mulberry32) makes every run identical.
 */
import { DateTime } from 'luxon';
import { buildOccurrence, type Occurrence, type OccurrenceData } from '../src/model/occurrence';
import { publicationVerdict } from '../src/model/publication-rule';
import type { Snapshot } from '../src/model/snapshot';
import type {
  PcoAttachment,
  PcoEvent,
  PcoEventConnection,
  PcoEventInstance,
  PcoEventTime,
  PcoTag,
} from '../src/pco/read';
import type { RenderContext } from '../src/render/render-context';
import { assembleSnapshot } from '../src/snapshot/assemble';

/** The organization's zone. */
export const ZONE = 'America/Chicago';

/** Seed of every generated data set. */
const SEED = 0x5eed_2026;

/** First local date of the generated year. */
const YEAR_START = DateTime.fromObject({ year: 2026, month: 1, day: 1 }, { zone: ZONE });

/** What every renderer gets besides the snapshot, as a request to feeds.example.org would. */
export const CONTEXT: RenderContext = {
  baseUrl: 'https://feeds.example.org',
  host: 'feeds.example.org',
  title: 'Grace Community Church',
  description: 'Events at Grace Community Church',
  demo: false,
};

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One element of a non-empty list. */
function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** A local wall time in {@link ZONE} as PCO writes instants: `2026-11-22T15:00:00Z`. */
function utc(local: DateTime): string {
  return local.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
}

const EVENT_NAMES = [
  'Sunday Worship',
  'Wednesday Night Prayer',
  'Youth Group',
  'Women’s Bible Study',
  'Men’s Breakfast',
  'Choir Rehearsal',
  'Food Pantry',
  'Serve Day',
  'Youth Lock-In',
  'Noche de Alabanza',
  'Movie Night',
  'Newcomers Lunch',
  'Marriage Retreat',
  'VBS: Ocean Commotion',
  'Grief Support Group',
  'Baptism Class',
  'Senior Saints Luncheon',
  'Kids Camp',
  'Missions Conference',
  'Christmas Eve Candlelight Service',
  'Easter Egg Hunt',
  'Blood Drive',
  'Financial Peace University',
  'Community Dinner',
];

const LOCATIONS = [
  'Main Sanctuary, 100 Main St, Springfield, IL 62701',
  'Fellowship Hall',
  'Youth Center; Room 204',
  'Room <b>101</b> & "Annex"',
  'Camp Wildwood, 2200 County Rd 9, Petersburg, IL',
  null,
];

const TAG_NAMES = [
  'Worship',
  'Youth',
  'Kids',
  'Women',
  'Men',
  'Outreach',
  'Music',
  'Seniors',
  'Español',
  'Families',
  'Prayer',
  'Missions',
];

const FILLER =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris.';

/** Event descriptions as PCO's rich-text editor stores them, short to long, some hostile. */
const DESCRIPTIONS = [
  '<p>Join us for worship, teaching and prayer. Everyone is welcome!</p>',
  `<p><strong>All ages</strong> &amp; families welcome.</p><p>${FILLER}</p><ul><li>Childcare for ages 0–4</li><li>Coffee &amp; donuts at 8:30</li><li>Parking in the north lot</li></ul><p>Questions? <a href="mailto:office@gracecommunity.example">Email the office</a>.</p>`,
  `<h2>What to bring</h2><ol><li>A Bible</li><li>A friend</li><li>A sack lunch</li></ol><p>${FILLER}</p><p>${FILLER}</p><p><a href="https://gracecommunity.churchcenter.com/registrations/events/2081599" target="_blank">Register here</a> by Friday.</p>`,
  `<p>We&rsquo;re &ldquo;so glad&rdquo; you&rsquo;re here&nbsp;&mdash; <em>come as you are</em>.</p><blockquote>Let all that you do be done in love.</blockquote><p>${FILLER}</p>`,
  `<p onclick="alert(1)">Hostile <script>document.cookie</script>markup <img src="x" onerror="alert(2)"> that the sanitizer must strip: <a href="javascript:alert(3)">bad link</a>, <span style="color:red">styled</span>, <iframe src="https://evil.example"></iframe>and an unclosed <b>bold</p>`,
  `<div><p>${FILLER}</p><p>${FILLER}</p><p>${FILLER}</p><ul>${Array.from({ length: 8 }, (_, i) => `<li>Session ${i + 1}: ${FILLER.slice(0, 60)}</li>`).join('')}</ul><p>Contains ]]&gt; and ]]> and \\ backslashes; commas, semicolons.</p></div>`,
  'Plain text without any markup, written in an older version of the editor.',
];

const ATTACHMENTS: ReadonlyArray<{ name: string; contentType: string | null; ext: string }> = [
  { name: 'Flyer.pdf', contentType: 'application/pdf', ext: 'pdf' },
  { name: 'Schedule.docx', contentType: null, ext: 'docx' },
  { name: 'Map.png', contentType: 'image/png', ext: 'png' },
  { name: 'Packing list.pdf', contentType: 'application/pdf; charset=binary', ext: 'pdf' },
];

/** Everything `buildOccurrence` needs, before the publication rule runs. */
interface Records {
  events: PcoEvent[];
  tags: Map<string, PcoTag>;
  attachmentsByEvent: Map<string, PcoAttachment[]>;
  connectionsByEvent: Map<string, PcoEventConnection[]>;
  eventTags: Map<string, string[]>;
}

function buildRecords(random: () => number): Records {
  const tags = new Map<string, PcoTag>(
    TAG_NAMES.map((name, i) => {
      const id = String(7000 + i);
      return [id, { id, attributes: { name, color: '#3b82f6', position: i } }];
    }),
  );
  const tagIds = [...tags.keys()];
  const events: PcoEvent[] = [];
  const attachmentsByEvent = new Map<string, PcoAttachment[]>();
  const connectionsByEvent = new Map<string, PcoEventConnection[]>();
  const eventTags = new Map<string, string[]>();
  EVENT_NAMES.forEach((name, i) => {
    const id = String(41_000 + i);
    const created = YEAR_START.minus({ days: 200 - i });
    const updated = created.plus({ days: Math.floor(random() * 150), minutes: i });
    const hasSummary = random() < 0.3;
    events.push({
      id,
      attributes: {
        name,
        approval_status: 'A',
        visible_in_church_center: true,
        featured: random() < 0.2,
        summary: hasSummary ? `${name}: a short plain-text summary for list views.` : null,
        description: pick(random, DESCRIPTIONS),
        image_url:
          random() < 0.5
            ? `https://calendar-images.pcocdn.example/uploads/event/image/${id}/banner.${random() < 0.8 ? 'jpg' : 'png'}?v=${i}`
            : null,
        registration_url:
          random() < 0.3
            ? `https://gracecommunity.churchcenter.com/registrations/events/${2_000_000 + i}`
            : null,
        created_at: utc(created),
        updated_at: utc(updated),
      },
    });
    const count = Math.floor(random() * 4);
    eventTags.set(
      id,
      [...new Set(Array.from({ length: count }, () => pick(random, tagIds)))].sort(),
    );
    if (random() < 0.25) {
      const n = 1 + Math.floor(random() * 2);
      attachmentsByEvent.set(
        id,
        Array.from({ length: n }, (_, j) => {
          const kind = pick(random, ATTACHMENTS);
          return {
            id: String(90_000 + i * 10 + j),
            eventId: id,
            attributes: {
              name: kind.name,
              url: `https://files.pcocdn.example/calendar/attachments/${id}-${j}.${kind.ext}?X-Amz-Signature=abc,def;ghi`,
              content_type: kind.contentType,
              file_size: 10_000 + Math.floor(random() * 2_000_000),
              description: null,
              created_at: utc(created),
              updated_at: utc(updated.plus({ hours: j })),
            },
          };
        }),
      );
    }
    if (random() < 0.2) {
      connectionsByEvent.set(id, [
        {
          id: String(60_000 + i * 10),
          eventId: id,
          attributes: {
            connected_to_id: String(3_000 + i),
            connected_to_name: `${name} sign-up`,
            connected_to_type: 'signup',
            connected_to_url: `https://gracecommunity.churchcenter.com/registrations/events/${3_000 + i}`,
            product_name: 'registrations',
            promoted: true,
          },
        },
        {
          id: String(60_000 + i * 10 + 1),
          eventId: id,
          attributes: {
            connected_to_id: String(8_000 + i),
            connected_to_name: null,
            connected_to_type: 'group',
            connected_to_url: `https://gracecommunity.churchcenter.com/groups/small-groups/${8_000 + i}`,
            product_name: 'groups',
            promoted: false,
          },
        },
      ]);
    }
  });
  return { events, tags, attachmentsByEvent, connectionsByEvent, eventTags };
}

function eventTime(
  id: string,
  start: DateTime,
  end: DateTime,
  name: string | null,
  visible = true,
): PcoEventTime {
  return {
    id,
    attributes: {
      name,
      starts_at: utc(start),
      ends_at: utc(end),
      visible_on_widget_and_ical: visible,
    },
  };
}

/** The times of one instance on local `day`, by the mix in the module comment. */
function instanceTimes(
  random: () => number,
  id: string,
  day: DateTime,
): { allDay: boolean; times: PcoEventTime[] } {
  const roll = random();
  if (roll < 0.6) {
    const start = day.set({
      hour: 7 + Math.floor(random() * 13),
      minute: pick(random, [0, 15, 30]),
    });
    const end = start.plus({ minutes: pick(random, [60, 75, 90, 120, 180]) });
    const times = [eventTime(`${id}1`, start, end, null)];
    if (random() < 0.33) {
      times.unshift(eventTime(`${id}0`, start.minus({ hours: 1 }), start, 'Setup', false));
    }
    return { allDay: false, times };
  }
  if (roll < 0.8) {
    return {
      allDay: false,
      times: [
        eventTime(
          `${id}1`,
          day.set({ hour: 9 }),
          day.set({ hour: 10, minute: 15 }),
          'First Service',
        ),
        eventTime(`${id}2`, day.set({ hour: 11 }), day.set({ hour: 12, minute: 15 }), null),
      ],
    };
  }
  if (roll < 0.92) {
    const days = 1 + Math.floor(random() * 4);
    const last = day.plus({ days: days - 1 });
    return {
      allDay: true,
      times: [eventTime(`${id}1`, day, last.set({ hour: 23, minute: 59 }), null)],
    };
  }
  return {
    allDay: false,
    times: [
      eventTime(
        `${id}1`,
        day.set({ hour: 21 }),
        day.plus({ days: 1 }).set({ hour: 7 }),
        'Overnight',
      ),
    ],
  };
}

/** A generated data set: the PCO-shaped inputs and the occurrences built from them. */
export interface SyntheticData {
  /** Inputs of `buildOccurrence`, one per instance, with the rule's visible times. */
  inputs: OccurrenceData[];
  snapshot: Snapshot;
}

/**
 * `count` published instances spread evenly over one year of local dates, their occurrences,
 * and a snapshot holding them. Same `count`, same bytes.
 */
export async function generate(count: number): Promise<SyntheticData> {
  const random = prng(SEED ^ count);
  const records = buildRecords(random);
  const inputs: OccurrenceData[] = [];
  for (let i = 0; i < count; i++) {
    const event = pick(random, records.events);
    const day = YEAR_START.plus({ days: Math.floor((i * 365) / count) });
    const id = String(1_000_000 + i);
    const { allDay, times } = instanceTimes(random, id, day);
    const first = times[0];
    const last = times[times.length - 1];
    if (!first || !last) throw new Error('an instance needs a time');
    const created = DateTime.fromISO(event.attributes.created_at).plus({ hours: i % 48 });
    const instance: PcoEventInstance = {
      id,
      eventId: event.id,
      attributes: {
        name: random() < 0.1 ? `${event.attributes.name} (Special Edition)` : null,
        all_day_event: allDay,
        church_center_url: `https://gracecommunity.churchcenter.com/calendar/event/${id}`,
        location: pick(random, LOCATIONS),
        kind: 'standard',
        description: random() < 0.1 ? pick(random, DESCRIPTIONS) : null,
        image_url: null,
        starts_at: first.attributes.starts_at,
        ends_at: last.attributes.ends_at,
        created_at: utc(created),
        updated_at: utc(created.plus({ days: i % 30 })),
      },
      times,
      tagIds: records.eventTags.get(event.id) ?? [],
    };
    const verdict = publicationVerdict(instance, event);
    if (!verdict.published) throw new Error(`synthetic instance ${id} is not published`);
    inputs.push({
      instance,
      event,
      visibleTimes: verdict.visibleTimes,
      tags: records.tags,
      attachments: records.attachmentsByEvent.get(event.id) ?? [],
      connections: records.connectionsByEvent.get(event.id) ?? [],
      sourceTimeZone: ZONE,
    });
  }
  return { inputs, snapshot: await snapshotOf(inputs.map(buildOccurrence)) };
}

/** The snapshot of built occurrences, assembled by the same code as a refresh. */
function snapshotOf(built: Occurrence[]): Promise<Snapshot> {
  const sorted = [...built].sort((a, b) => a.start.localeCompare(b.start));
  return assembleSnapshot({
    organization: {
      id: '1',
      name: 'Grace Community Church',
      timeZone: ZONE,
      twentyFourHourTime: false,
    },
    occurrences: built,
    window: { from: sorted[0]?.start ?? '', to: sorted[sorted.length - 1]?.end ?? '' },
    builtAt: '2026-01-01T06:00:00Z',
    upstreamRequests: 0,
    connections: {},
  });
}
