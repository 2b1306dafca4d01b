import { describe, expect, it } from 'vitest';
import type { PcoEvent, PcoEventInstance } from '../pco/read';
import { publicationVerdict } from './publication-rule';

const event = (attributes: Partial<PcoEvent['attributes']> = {}): PcoEvent => ({
  id: '1',
  attributes: {
    name: 'Sunday Worship',
    approval_status: 'A',
    visible_in_church_center: true,
    featured: false,
    summary: null,
    description: null,
    image_url: null,
    registration_url: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...attributes,
  },
});

const time = (id: string, start: string, end: string, visible: boolean) => ({
  id,
  attributes: { name: null, starts_at: start, ends_at: end, visible_on_widget_and_ical: visible },
});

const instance = (
  kind: string,
  times = [time('t1', '2026-03-08T14:00:00Z', '2026-03-08T15:00:00Z', true)],
): PcoEventInstance => ({
  id: '10',
  eventId: '1',
  tagIds: [],
  times,
  attributes: {
    name: null,
    all_day_event: false,
    church_center_url: null,
    location: null,
    kind,
    description: null,
    image_url: null,
    starts_at: '2026-03-08T13:00:00Z',
    ends_at: '2026-03-08T16:00:00Z',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  },
});

describe('publicationVerdict', () => {
  it('publishes an approved, visible, standard instance with its visible times in start order', () => {
    const times = [
      time('late', '2026-03-08T16:00:00Z', '2026-03-08T17:00:00Z', true),
      time('setup', '2026-03-08T12:00:00Z', '2026-03-08T13:00:00Z', false),
      time('early', '2026-03-08T14:00:00Z', '2026-03-08T15:00:00Z', true),
    ];
    const verdict = publicationVerdict(instance('standard', times), event());
    expect(verdict.published && verdict.visibleTimes.map((t) => t.id)).toEqual(['early', 'late']);
  });

  it.each([
    [
      'hidden from Church Center',
      event({ visible_in_church_center: false }),
      instance('standard'),
      'event-hidden',
    ],
    ['pending', event({ approval_status: 'P' }), instance('standard'), 'event-not-approved'],
    ['rejected', event({ approval_status: 'R' }), instance('standard'), 'event-not-approved'],
    ['a blockout', event(), instance('blockout'), 'not-standard-kind'],
    ['of a kind PCO may add later', event(), instance('reservation'), 'not-standard-kind'],
    [
      'with only hidden times',
      event(),
      instance('standard', [time('setup', '2026-03-08T12:00:00Z', '2026-03-08T13:00:00Z', false)]),
      'no-visible-times',
    ],
  ] as const)('keeps an instance %s private', (_case, e, i, reason) => {
    expect(publicationVerdict(i, e)).toEqual({ published: false, reason });
  });
});

describe('published times', () => {
  const withPublished = (i: PcoEventInstance, start: string | null, end: string | null) => ({
    ...i,
    attributes: { ...i.attributes, published_starts_at: start, published_ends_at: end },
  });

  it('keeps the visible EventTimes when PCO’s published times agree', () => {
    const i = withPublished(instance('standard'), '2026-03-08T14:00:00Z', '2026-03-08T15:00:00Z');
    const verdict = publicationVerdict(i, event());
    expect(verdict).toMatchObject({ published: true, timesSource: 'event-times' });
    expect(verdict.published && verdict.visibleTimes.map((t) => t.id)).toEqual(['t1']);
  });

  it('follows PCO’s published times when they disagree with the visible EventTimes', () => {
    const i = withPublished(instance('standard'), '2026-03-08T14:30:00Z', '2026-03-08T15:00:00Z');
    const verdict = publicationVerdict(i, event());
    expect(verdict).toMatchObject({ published: true, timesSource: 'published-times-differ' });
    expect(verdict.published && verdict.visibleTimes[0]?.attributes).toMatchObject({
      starts_at: '2026-03-08T14:30:00Z',
      ends_at: '2026-03-08T15:00:00Z',
    });
  });

  it('publishes an instance with no EventTimes at all at PCO’s published times', () => {
    const i = withPublished(
      instance('standard', []),
      '2026-03-08T14:00:00Z',
      '2026-03-08T16:00:00Z',
    );
    expect(publicationVerdict(i, event())).toMatchObject({
      published: true,
      timesSource: 'published-times-only',
    });
  });

  it('keeps private an instance with no EventTimes and no published times', () => {
    const i = withPublished(instance('standard', []), null, null);
    expect(publicationVerdict(i, event())).toEqual({
      published: false,
      reason: 'no-visible-times',
    });
  });

  it('keeps private an instance whose times are all hidden, whatever its published times', () => {
    const hidden = [time('setup', '2026-03-08T12:00:00Z', '2026-03-08T13:00:00Z', false)];
    const i = withPublished(
      instance('standard', hidden),
      '2026-03-08T12:00:00Z',
      '2026-03-08T13:00:00Z',
    );
    expect(publicationVerdict(i, event())).toEqual({
      published: false,
      reason: 'no-visible-times',
    });
  });

  it('withholds an instance proven public whose visible time could not be read', () => {
    const i = { ...instance('standard'), unreadableVisibleTimes: 1 };
    expect(publicationVerdict(i, event())).toEqual({
      published: false,
      reason: 'unreadable-times',
    });
  });

  it('keeps private an instance whose event visibility did not read', () => {
    const unproven = {
      type: 'Event' as const,
      id: '1',
      partial: { approval_status: 'A' },
      problems: ['visible_in_church_center: null'],
    };
    expect(publicationVerdict(instance('standard'), unproven)).toEqual({
      published: false,
      reason: 'undecodable-record',
    });
  });
});
