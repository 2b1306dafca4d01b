/** Hand-made occurrences and snapshots for unit tests of renderers: a 09:00–10:15 Chicago service by default. */
import type { Occurrence } from '../../src/model/occurrence';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../../src/model/snapshot';

/** An occurrence with `overrides` over a plain timed default. */
export function makeOccurrence(overrides: Partial<Occurrence> = {}): Occurrence {
  const start = overrides.start ?? '2026-11-22T15:00:00Z';
  const end = overrides.end ?? '2026-11-22T16:15:00Z';
  return {
    id: '1001',
    eventId: '1',
    title: 'Sunday Worship',
    allDay: false,
    dates: null,
    start,
    end,
    times: [{ start, end, name: null }],
    location: 'Main Sanctuary',
    url: 'https://test.churchcenter.com/calendar/event/1001',
    registrationUrl: null,
    summary: null,
    descriptionHtml: null,
    imageUrl: null,
    featured: false,
    tags: [],
    attachments: [],
    connections: [],
    created: '2026-10-01T00:00:00Z',
    updated: '2026-10-01T00:00:00Z',
    ...overrides,
  };
}

/**
 * A hand-made snapshot of `occurrences` for unit tests: Grace, America/Chicago, 12-hour clock,
 * a window from 2026-10-01 to 2027-11-01 (UTC instants), with `overrides` over those.
 */
export function makeSnapshot(
  occurrences: Occurrence[],
  overrides: Partial<Snapshot> = {},
): Snapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    builtAt: '2026-11-01T00:00:00Z',
    organization: {
      id: '1',
      name: 'Grace',
      timeZone: 'America/Chicago',
      twentyFourHourTime: false,
    },
    window: { from: '2026-10-01T00:00:00Z', to: '2027-11-01T00:00:00Z' },
    occurrences,
    tags: [],
    lastModified: null,
    version: 'v',
    contentChangedAt: '2026-11-01T00:00:00Z',
    upstreamRequests: 0,
    connections: {},
    ...overrides,
  };
}
