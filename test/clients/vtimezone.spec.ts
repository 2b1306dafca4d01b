/**
 * The VTIMEZONE render/vtimezone writes, read by Debian's python3-icalendar's own VTIMEZONE
 * rules (`Timezone.to_tz()`, dateutil's RRULE and RDATE expansion): local times around each
 * change resolve to the UTC instants Python's zoneinfo gives. khal and vdirsyncer (like
 * icalendar's parser) resolve a TZID they know by name and never read the VTIMEZONE, so
 * sync.spec.ts cannot catch a wrong one; this can.
 */
import { describe, expect, it } from 'vitest';
import { vtimezone } from '../../src/render/vtimezone';
import * as cases from '../support/vtimezone-cases';
import { python } from './support/exec';

/** What py/vtimezone_times.py prints, per local time. */
interface Resolved {
  vtimezone: string;
  zoneinfo: string;
}

async function resolve(zone: string, from: number, to: number, changes: readonly string[]) {
  const block = vtimezone(zone, from, to);
  expect(block).not.toBeNull();
  const locals = cases.probes(changes);
  return python<Resolved[]>(
    'vtimezone_times.py',
    [],
    JSON.stringify({ vtimezone: block, zone, locals }),
  );
}

describe('VTIMEZONE read by python3-icalendar', () => {
  for (const [zone, changes] of Object.entries(cases.CHANGES)) {
    it(`resolves ${zone} local times across its changes as zoneinfo does`, async () => {
      const resolved = await resolve(zone, cases.FROM, cases.TO, changes);
      expect(resolved.map((r) => r.vtimezone)).toEqual(resolved.map((r) => r.zoneinfo));
    });
  }

  it('resolves São Paulo 2018 (DAYLIGHT by RDATE) as zoneinfo does, with both offsets', async () => {
    const resolved = await resolve(
      'America/Sao_Paulo',
      cases.SAO_PAULO_2018_FROM,
      cases.SAO_PAULO_2018_TO,
      cases.SAO_PAULO_2018_CHANGES,
    );
    expect(resolved.map((r) => r.vtimezone)).toEqual(resolved.map((r) => r.zoneinfo));
    // Noon the day before and after each change: -02 then -03 in February, -03 then -02 in November.
    expect([0, 2, 3, 5].map((i) => resolved[i]?.vtimezone.slice(11, 13))).toEqual([
      '14',
      '15',
      '15',
      '14',
    ]);
  });
});
