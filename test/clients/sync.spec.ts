/**
 * A subscriber's view over time: vdirsyncer's `http` storage syncs `/calendar.ics` into a
 * folder, the calendar changes in Planning Center (one occurrence moved, one removed, one
 * added), the app refreshes, vdirsyncer syncs again, and the folder follows. khal then lists
 * the folder in the church's zone and in another one, and shows the local times zoneinfo
 * expects, on both DST Sundays and for the all-day retreat. The two renders also show what a
 * client needs to notice the change: stable UIDs, a larger SEQUENCE and a later LAST-MODIFIED
 * on the moved occurrence, the other VEVENTs unchanged to the byte.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ZONE } from '../fixtures/church';
import { type ParsedEvent, parseIcs } from '../support/ics';
import { buildConformanceFixture, type ConformanceFixture } from './fixture';
import {
  clients,
  fetchApp,
  RESTART_TIMEOUT_MS,
  refreshApp,
  restartApp,
  setFixtureVersion,
} from './support/context';
import { run } from './support/exec';
import {
  type ExpectedOccurrence,
  inCalendarWindow,
  publishedOccurrences,
  uidOf,
  zoneTimes,
} from './support/expected';

/** A zone with a half-hour offset and no DST, far from the church's. */
const OTHER_ZONE = 'Asia/Kolkata';

const dir = () => join(clients().workDir, 'sync');
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Writes the vdirsyncer config (http → filesystem) and returns its path. */
function vdirsyncerConfig(): string {
  const base = dir();
  mkdirSync(join(base, 'calendar'), { recursive: true });
  mkdirSync(join(base, 'status'), { recursive: true });
  const path = join(base, 'vdirsyncer.conf');
  writeFileSync(
    path,
    `[general]
status_path = "${base}/status/"

[pair church]
a = "church_remote"
b = "church_local"
collections = null
conflict_resolution = "a wins"

[storage church_remote]
type = "http"
url = "${clients().appUrl}/calendar.ics"

[storage church_local]
type = "filesystem"
path = "${base}/calendar/"
fileext = ".ics"
`,
  );
  return path;
}

async function vdirsyncer(config: string, command: 'discover' | 'sync'): Promise<void> {
  const { stderr } = await run('vdirsyncer', [command], { env: { VDIRSYNCER_CONFIG: config } });
  expect(stderr, `vdirsyncer ${command}`).not.toMatch(/error|critical|traceback/i);
}

/** The folder's files by name, each read with ical.js as `summary|start|end`. */
function folder(): Map<string, string> {
  const path = join(dir(), 'calendar');
  const files = new Map<string, string>();
  for (const name of readdirSync(path)) {
    const events = parseIcs(readFileSync(join(path, name), 'utf8')).events;
    expect(events, name).toHaveLength(1);
    const [event] = events;
    if (event) files.set(name, `${event.summary}|${spanOf(event)}`);
  }
  return files;
}

/** `start|end` of a parsed VEVENT: UTC instants, or local dates when all-day. */
function spanOf(event: ParsedEvent): string {
  if (event.allDay) return `${event.startDate}|${event.endDate}`;
  const iso = (date: Date) => date.toISOString().replace('.000Z', 'Z');
  return `${iso(event.start)}|${iso(event.end)}`;
}

/** `summary|start|end` of occurrences the fixture implies, as {@link folder} reads them. */
function folderLines(occurrences: readonly ExpectedOccurrence[]): string[] {
  return occurrences.map((o) =>
    o.dates
      ? `${o.title}|${o.dates.start}|${o.dates.endExclusive}`
      : `${o.title}|${o.start}|${o.end}`,
  );
}

/** Runs `khal list` for each day and returns, per day, the `title|start|end` lines it shows. */
async function khalDays(zone: string, days: readonly string[]): Promise<Map<string, string[]>> {
  const base = join(dir(), `khal-${zone.replace('/', '-')}`);
  mkdirSync(base, { recursive: true });
  const config = join(base, 'config');
  writeFileSync(
    config,
    `[calendars]
[[church]]
path = ${join(dir(), 'calendar')}/
type = calendar

[sqlite]
path = ${base}/khal.db

[locale]
local_timezone = ${zone}
default_timezone = ${zone}
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
`,
  );
  const result = new Map<string, string[]>();
  for (const day of days) {
    const { stdout, stderr } = await run('khal', [
      '-c',
      config,
      'list',
      '--format',
      '{title}|{start-long}|{end-long}',
      '--day-format',
      'DAY {date}',
      day,
      '1d',
    ]);
    expect(stderr, `khal list ${day} in ${zone}`).not.toMatch(/error|warning/i);
    result.set(
      day,
      stdout
        .split('\n')
        .filter((line) => line && !line.startsWith('DAY '))
        .sort(),
    );
  }
  return result;
}

/** The `title|start|end` lines khal should show on each day in `zone` (inclusive last date). */
async function expectedKhalDays(
  zone: string,
  occurrences: readonly ExpectedOccurrence[],
  days: readonly string[],
): Promise<Map<string, string[]>> {
  const times = await zoneTimes(
    zone,
    occurrences.flatMap((o) => [o.start, o.end]),
  );
  const result = new Map<string, string[]>();
  for (const day of days) {
    const [dayStart, dayEnd] = [`${day} 00:00`, `${plusDays(day, 1)} 00:00`];
    const lines: string[] = [];
    occurrences.forEach((o, i) => {
      if (o.dates) {
        if (o.dates.start <= day && day < o.dates.endExclusive) {
          lines.push(`${o.title}|${o.dates.start}|${plusDays(o.dates.endExclusive, -1)}`);
        }
        return;
      }
      const start = times[2 * i]?.local ?? '';
      const end = times[2 * i + 1]?.local ?? '';
      if (start < dayEnd && end > dayStart) lines.push(`${o.title}|${start}|${end}`);
    });
    result.set(day, lines.sort());
  }
  return result;
}

// Its refreshes may wait out the fake's rate-limit window, as a restart may (see context.ts).
describe('vdirsyncer + khal follow the calendar across a change', {
  timeout: RESTART_TIMEOUT_MS,
}, () => {
  let v1: ConformanceFixture;
  let v2: ConformanceFixture;
  let ics1: string;
  let ics2: string;
  let folder1: Map<string, string>;
  let folder2: Map<string, string>;
  let expected2: ExpectedOccurrence[];

  beforeAll(async () => {
    const now = new Date(clients().fixtureNow);
    v1 = buildConformanceFixture(now, 1);
    v2 = buildConformanceFixture(now, 2);
    const config = vdirsyncerConfig();

    ics1 = await (await fetchApp('/calendar.ics')).text();
    await vdirsyncer(config, 'discover');
    await vdirsyncer(config, 'sync');
    folder1 = folder();

    await setFixtureVersion(2);
    await refreshApp();
    const requestedAt = new Date();
    ics2 = await (await fetchApp('/calendar.ics')).text();
    await vdirsyncer(config, 'sync');
    folder2 = folder();
    expected2 = inCalendarWindow(publishedOccurrences(v2.church.dataset), requestedAt);
  }, 180_000);

  // Back to version 1, read by an app with empty state: the moved occurrence keeps the newer
  // LAST-MODIFIED and SEQUENCE this file's change gave it (by design), which the files that run
  // after this one (in an order vitest chooses) must not see.
  afterAll(async () => {
    await setFixtureVersion(1);
    await restartApp();
  }, RESTART_TIMEOUT_MS);

  it('first sync: one file per occurrence, with the times the fixture implies', () => {
    const expected = inCalendarWindow(publishedOccurrences(v1.church.dataset), new Date());
    expect(folder1.size).toBe(expected.length);
    expect([...folder1.values()].sort()).toEqual(folderLines(expected).sort());
  });

  it('second sync: the folder follows the move, the removal and the addition, and nothing else', () => {
    expect(folder2.size).toBe(expected2.length);
    expect([...folder2.values()].sort()).toEqual(folderLines(expected2).sort());
    // Files of unchanged occurrences stay as they were; exactly two went and two came.
    const gone = [...folder1.keys()].filter((name) => !folder2.has(name));
    const came = [...folder2.keys()].filter((name) => !folder1.has(name));
    const titles = (names: string[], files: Map<string, string>) =>
      names.map((name) => files.get(name)?.split('|')[0]).sort();
    expect(titles(gone, folder1)).toEqual(['Evening Prayer', 'Noon Bible Reading']);
    expect(titles(came, folder2)).toEqual(['Community Supper', 'Evening Prayer']);
  });

  it('keeps UIDs, bumps SEQUENCE and LAST-MODIFIED of the moved occurrence, and leaves the rest byte-identical', () => {
    const before = parseIcs(ics1);
    const after = parseIcs(ics2);
    const { moved, removed, added } = v2.changes;
    expect(before.byUid.has(uidOf(removed))).toBe(true);
    expect(after.byUid.has(uidOf(removed))).toBe(false);
    expect(before.byUid.has(uidOf(added))).toBe(false);
    expect(after.byUid.has(uidOf(added))).toBe(true);
    const [old, now] = [before.byUid.get(uidOf(moved)), after.byUid.get(uidOf(moved))];
    if (!old || !now) throw new Error('moved occurrence missing');
    expect(now.start.getTime() - old.start.getTime()).toBe(3_600_000);
    const sequence = (e: typeof old) => Number(e.component.getFirstPropertyValue('sequence'));
    const modified = (e: typeof old) =>
      String(e.component.getFirstPropertyValue('last-modified')?.toString());
    expect(sequence(now)).toBeGreaterThan(sequence(old));
    expect(modified(now) > modified(old)).toBe(true);
    const unchanged = before.events.filter(
      (e) => e.uid !== uidOf(moved) && e.uid !== uidOf(removed),
    );
    for (const event of unchanged) {
      expect(after.byUid.get(event.uid)?.component.toString(), event.uid).toBe(
        event.component.toString(),
      );
    }
  });

  it.each([
    ['the church zone', TEST_ZONE],
    ['another zone', OTHER_ZONE],
  ])(
    'khal lists the local times zoneinfo expects in %s (DST Sundays, retreat, moved day)',
    async (_, zone) => {
      const church = v2.church;
      const moved = expected2.find((o) => o.id === v2.changes.moved)?.start ?? '';
      const movedDay = new Intl.DateTimeFormat('en-CA', { timeZone: TEST_ZONE }).format(
        new Date(moved),
      );
      const days = [
        church.springForward,
        plusDays(church.fallBack, -1),
        church.fallBack,
        ...[0, 1, 2, 3].map((i) => plusDays(church.retreatFriday, i)),
        movedDay,
        plusDays(movedDay, 1),
      ];
      const shown = await khalDays(zone, days);
      const expected = await expectedKhalDays(zone, expected2, days);
      for (const day of days) expect(shown.get(day), `${zone} ${day}`).toEqual(expected.get(day));
    },
  );

  it('after the change is undone, renders the original again, except that the moved occurrence never goes back to an older SEQUENCE', async () => {
    await setFixtureVersion(1);
    await refreshApp();
    const again = await (await fetchApp('/calendar.ics')).text();
    const before = parseIcs(ics1);
    const changed = parseIcs(ics2);
    const after = parseIcs(again);
    const { moved } = v2.changes;
    // Every other VEVENT is byte-identical to the first render.
    for (const event of before.events.filter((e) => e.uid !== uidOf(moved))) {
      expect(after.byUid.get(event.uid)?.component.toString(), event.uid).toBe(
        event.component.toString(),
      );
    }
    // The moved occurrence is back at its old time, and a client that saw the move accepts the
    // move back only with a SEQUENCE above the one the move had (RFC 5545 §3.8.7.4).
    const [original, duringChange, restored] = [before, changed, after].map((c) =>
      c.byUid.get(uidOf(moved)),
    );
    if (!original || !duringChange || !restored) throw new Error('moved occurrence missing');
    expect(restored.start.getTime()).toBe(original.start.getTime());
    const sequence = (e: typeof original) => Number(e.component.getFirstPropertyValue('sequence'));
    expect(sequence(restored)).toBeGreaterThan(sequence(duringChange));
    // The same data renders the same bytes: a second render of this snapshot is identical.
    const twice = await fetchApp('/calendar.ics');
    expect(await twice.text()).toBe(again);
  });
});
