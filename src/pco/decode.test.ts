/**
 * Record-by-record decoding against the per-type declarations (wire.ts RESOURCES): the outcome
 * of each kind of bad attribute, on resources shaped like PCO's (reference pages in
 * the PCO reference pages linked from docs/planning-center.md: event_instance, event_time, event_connection).
 */
import { describe, expect, it } from 'vitest';
import { decodeRecord } from './decode';
import { PCO_FIELDS, RESOURCES, type Resource } from './wire';

/** An EventInstance as PCO sends it with pco-feeds' sparse fieldset. */
function instance(attributes: Record<string, unknown> = {}): Resource {
  return {
    type: 'EventInstance',
    id: '240001101',
    attributes: {
      all_day_event: false,
      kind: 'standard',
      created_at: '2026-09-01T14:02:11Z',
      updated_at: '2026-10-03T09:15:40Z',
      name: 'Sunday Worship',
      church_center_url: 'https://example.churchcenter.com/calendar/event/240001101',
      location: 'Main Hall',
      description: null,
      image_url: null,
      starts_at: '2026-12-06T14:30:00Z',
      ends_at: '2026-12-06T17:00:00Z',
      published_starts_at: '2026-12-06T15:00:00Z',
      published_ends_at: '2026-12-06T16:15:00Z',
      ...attributes,
    },
  };
}

describe('decodeRecord', () => {
  it('decodes a whole record, reading absent and null optional attributes as null', () => {
    const resource = instance({ location: undefined });
    delete resource.attributes.location;
    const decoded = decodeRecord(resource, RESOURCES.EventInstance);
    expect(decoded).toEqual({
      ok: true,
      dropped: [],
      attributes: expect.objectContaining({
        kind: 'standard',
        all_day_event: false,
        location: null,
        description: null,
        published_starts_at: '2026-12-06T15:00:00Z',
      }),
    });
  });

  it('drops only the optional instant that is malformed and keeps the record', () => {
    const decoded = decodeRecord(
      instance({ published_starts_at: '2026-12-06 15:00' }),
      RESOURCES.EventInstance,
    );
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.dropped).toEqual(['published_starts_at']);
    expect(decoded.attributes.published_starts_at).toBeNull();
    expect(decoded.attributes).toMatchObject({
      published_ends_at: '2026-12-06T16:15:00Z',
      starts_at: '2026-12-06T14:30:00Z',
      name: 'Sunday Worship',
    });
  });

  it('names every malformed optional attribute, whatever its kind', () => {
    const decoded = decodeRecord(
      instance({ ends_at: 1_765_036_800, name: ['Sunday'], image_url: {} }),
      RESOURCES.EventInstance,
    );
    expect(decoded.ok && decoded.dropped).toEqual(['name', 'image_url', 'ends_at']);
  });

  it('sets a record apart when a required instant is malformed, saying what was expected but not the value', () => {
    const decoded = decodeRecord(
      instance({ created_at: 'Tuesday 3pm', updated_at: null }),
      RESOURCES.EventInstance,
    );
    expect(decoded).toEqual({
      ok: false,
      problems: [
        'created_at: unreadable string (expected an ISO 8601 date-time with offset)',
        'updated_at: null',
      ],
      partial: expect.objectContaining({ kind: 'standard', all_day_event: false }),
    });
    expect(JSON.stringify(decoded)).not.toContain('Tuesday');
  });

  it('reports a missing required attribute and a record of another type', () => {
    const time: Resource = {
      type: 'EventInstance',
      id: '310000002',
      attributes: { starts_at: '2026-12-06T15:00:00Z', visible_on_widget_and_ical: true },
    };
    const decoded = decodeRecord(time, RESOURCES.EventTime);
    expect(decoded.ok ? [] : decoded.problems).toEqual(['type EventInstance', 'ends_at: missing']);
  });

  it('reads a record sparse fields left without attributes, when it requires none', () => {
    const decoded = decodeRecord({ type: 'TagGroup', id: '7', attributes: {} }, RESOURCES.TagGroup);
    expect(decoded).toEqual({
      ok: true,
      dropped: [],
      attributes: { name: null, church_center_category: null },
    });
  });

  it('reads an EventConnection id sent as a number as a string', () => {
    const decoded = decodeRecord(
      {
        type: 'EventConnection',
        id: '12',
        attributes: {
          connected_to_type: 'signup',
          product_name: 'registrations',
          connected_to_id: 4021,
        },
      },
      RESOURCES.EventConnection,
    );
    expect(decoded.ok && decoded.attributes.connected_to_id).toBe('4021');
  });
});

describe('one declaration per type', () => {
  it('is both the decoder and the fields[TYPE] list: every decoded attribute is requested', () => {
    for (const [type, declaration] of Object.entries(RESOURCES)) {
      const decoded = decodeRecord({ type, id: '1', attributes: {} }, declaration);
      const read = Object.keys(decoded.ok ? decoded.attributes : decoded.partial);
      const missing = decoded.ok ? [] : decoded.problems.map((p) => p.split(':')[0]);
      expect(PCO_FIELDS[type as keyof typeof RESOURCES]).toEqual([
        ...missing,
        ...read,
        ...declaration.relationships,
      ]);
    }
  });
});
