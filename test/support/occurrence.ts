/** A hand-made occurrence for unit tests of renderers: a 09:00–10:15 Chicago service by default. */
import type { Occurrence } from '../../src/model/occurrence';

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
