import { describe, expect, it } from 'vitest';
import { makeOccurrence } from '../../test/support/occurrence';
import type { Occurrence } from '../model/occurrence';
import type { Snapshot } from '../model/snapshot';
import { assembleSnapshot } from './assemble';

const occurrence = (overrides: Partial<Occurrence> = {}): Occurrence =>
  makeOccurrence({
    id: '1',
    title: 'Evening Prayer',
    updated: '2026-11-20T10:00:00Z',
    ...overrides,
  });

const assemble = (
  occurrences: Occurrence[],
  builtAt: string,
  previous?: Snapshot,
  name = 'Test Church',
) =>
  assembleSnapshot({
    organization: { id: '1', name, timeZone: 'America/Chicago', twentyFourHourTime: false },
    occurrences,
    window: { from: '2026-11-01T00:00:00Z', to: '2027-11-01T00:00:00Z' },
    builtAt,
    upstreamRequests: 0,
    connections: {},
    previous,
  });

describe('assembleSnapshot', () => {
  it('gives every change a strictly later updated, even a change and its undo in one second', async () => {
    const builtAt = '2026-11-21T09:00:00Z';
    const first = await assemble([occurrence()], builtAt);
    const moved = await assemble([occurrence({ title: 'Evening Prayer (moved)' })], builtAt, first);
    const undone = await assemble([occurrence()], builtAt, moved);
    const [a = '', b = '', c = ''] = [first, moved, undone].map(
      (s) => s.occurrences[0]?.updated ?? '',
    );
    expect(b > a).toBe(true);
    expect(c > b).toBe(true);
  });

  it('keeps updated, the version and contentChangedAt when nothing changed', async () => {
    const first = await assemble([occurrence()], '2026-11-21T09:00:00Z');
    const again = await assemble([occurrence()], '2026-11-21T09:10:00Z', first);
    expect(again.occurrences[0]?.updated).toBe(first.occurrences[0]?.updated);
    expect(again.version).toBe(first.version);
    expect(again.contentChangedAt).toBe(first.contentChangedAt);
  });

  it('keeps an unchanged occurrence as the same object, with the version a fresh build computes', async () => {
    const first = await assemble([occurrence()], '2026-11-21T09:00:00Z');
    const again = await assemble([occurrence()], '2026-11-21T09:10:00Z', first);
    const fresh = await assemble([occurrence()], '2026-11-21T09:20:00Z');
    expect(again.occurrences[0]).toBe(first.occurrences[0]);
    expect(again.version).toBe(fresh.version);
  });

  it('moves the version when only the organization changed or an occurrence is gone', async () => {
    const second = occurrence({
      id: '2',
      start: '2026-11-29T15:00:00Z',
      end: '2026-11-29T16:00:00Z',
    });
    const first = await assemble([occurrence(), second], '2026-11-21T09:00:00Z');
    const renamed = await assemble([occurrence(), second], '2026-11-21T09:10:00Z', first, 'Grace');
    const fewer = await assemble([occurrence()], '2026-11-21T09:10:00Z', first);
    expect(renamed.version).not.toBe(first.version);
    expect(fewer.version).not.toBe(first.version);
    expect(fewer.version).toBe((await assemble([occurrence()], '2026-11-21T09:00:00Z')).version);
  });
});
