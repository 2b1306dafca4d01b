import { describe, expect, it } from 'vitest';
import { makeOccurrence } from '../../../test/support/occurrence';
import {
  addMonths,
  currentMonth,
  dayLabel,
  firstWeekday,
  groupByDay,
  localDate,
  monthGrid,
  monthRange,
  occurrenceView,
  weekStart,
} from './model';

const CHICAGO = { timeZone: 'America/Chicago', twentyFourHourTime: false };
const BERLIN_24H = { timeZone: 'Europe/Berlin', twentyFourHourTime: true };

describe('occurrenceView', () => {
  it('shows a timed occurrence in the organization zone, with offsets in datetime', () => {
    const view = occurrenceView(makeOccurrence(), CHICAGO);
    expect(view.day).toBe('2026-11-22');
    expect(view.dayLabel).toBe('Sun, Nov 22');
    expect(view.badge).toEqual({ weekday: 'Sun', day: '22', month: 'Nov' });
    expect(view.start).toEqual({ iso: '2026-11-22T09:00-06:00', label: '9:00 AM' });
    expect(view.end).toEqual({ iso: '2026-11-22T10:15-06:00', label: '10:15 AM' });
    expect(view.times).toEqual([]);
  });

  it('follows the 24-hour preference and the zone, not the machine', () => {
    const view = occurrenceView(makeOccurrence(), BERLIN_24H);
    expect(view.start).toEqual({ iso: '2026-11-22T16:00+01:00', label: '16:00' });
  });

  it('names the end day when the occurrence crosses midnight', () => {
    const lockIn = makeOccurrence({ start: '2026-11-28T03:00:00Z', end: '2026-11-28T13:00:00Z' });
    const view = occurrenceView(lockIn, CHICAGO);
    expect(view.start.label).toBe('9:00 PM');
    expect(view.end?.label).toBe('Sat, Nov 28, 7:00 AM');
  });

  it('lists every visible time when there are several, with their names', () => {
    const sunday = makeOccurrence({
      end: '2026-11-22T18:15:00Z',
      times: [
        { start: '2026-11-22T15:00:00Z', end: '2026-11-22T16:15:00Z', name: 'First Service' },
        { start: '2026-11-22T17:00:00Z', end: '2026-11-22T18:15:00Z', name: null },
      ],
    });
    expect(occurrenceView(sunday, CHICAGO).times).toEqual([
      '9:00 AM – 10:15 AM (First Service)',
      '11:00 AM – 12:15 PM',
    ]);
  });

  it('shows an all-day span as its first and last dates', () => {
    const retreat = makeOccurrence({
      allDay: true,
      dates: { start: '2026-11-20', endExclusive: '2026-11-23' },
      start: '2026-11-20T06:00:00Z',
      end: '2026-11-23T06:00:00Z',
    });
    const view = occurrenceView(retreat, CHICAGO);
    expect(view.start).toEqual({ iso: '2026-11-20', label: 'Fri, Nov 20' });
    expect(view.end).toEqual({ iso: '2026-11-22', label: 'Sun, Nov 22' });
    const oneDay = makeOccurrence({
      allDay: true,
      dates: { start: '2026-12-12', endExclusive: '2026-12-13' },
    });
    expect(occurrenceView(oneDay, CHICAGO).end).toBeNull();
  });

  it('drops links and images that are not http(s)', () => {
    const view = occurrenceView(
      makeOccurrence({
        url: 'javascript:alert(1)',
        registrationUrl: ' data:text/html,x',
        imageUrl: '/relative.png',
      }),
      CHICAGO,
    );
    expect([view.url, view.registrationUrl, view.imageUrl]).toEqual([null, null, null]);
  });

  it('links the add-to-calendar menu to the occurrence routes', () => {
    expect(occurrenceView(makeOccurrence({ id: '42' }), CHICAGO).paths.ics).toBe(
      'occurrences/42.ics',
    );
  });
});

describe('groupByDay', () => {
  const views = [
    makeOccurrence({ id: '1', start: '2026-11-20T06:00:00Z', end: '2026-11-23T06:00:00Z' }),
    makeOccurrence({ id: '2' }),
    makeOccurrence({ id: '3', start: '2026-11-23T00:30:00Z', end: '2026-11-23T01:30:00Z' }),
    makeOccurrence({ id: '4', start: '2027-01-03T15:00:00Z', end: '2027-01-03T16:00:00Z' }),
  ].map((o) => occurrenceView(o, CHICAGO));

  it('groups by local day, with what began earlier under the floor day', () => {
    const days = groupByDay(views, '2026-11-21', '2026-11-21');
    expect(days.map((d) => [d.date, d.items.map((i) => i.id)])).toEqual([
      ['2026-11-21', ['1']],
      ['2026-11-22', ['2', '3']],
      ['2027-01-03', ['4']],
    ]);
    expect(days.map((d) => d.label)).toEqual([
      'Saturday, November 21',
      'Sunday, November 22',
      'Sunday, January 3, 2027',
    ]);
  });

  it('labels days of another year with the year', () => {
    expect(dayLabel('2027-01-03', '2026-12-30')).toBe('Sunday, January 3, 2027');
    expect(dayLabel('2026-12-31', '2026-12-30')).toBe('Thursday, December 31');
  });
});

describe('months', () => {
  it('finds the current month and local date in the zone, not in UTC', () => {
    const lateSaturdayInChicago = new Date('2026-12-01T03:00:00Z');
    expect(currentMonth(lateSaturdayInChicago, 'America/Chicago')).toBe('2026-11');
    expect(localDate(lateSaturdayInChicago, 'America/Chicago')).toBe('2026-11-30');
    expect(currentMonth(lateSaturdayInChicago, 'UTC')).toBe('2026-12');
  });

  it('moves across years', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('spans a month from local midnight to local midnight, across DST', () => {
    expect(monthRange('2026-11', 'America/Chicago')).toEqual({
      start: '2026-11-01T05:00:00Z',
      end: '2026-12-01T06:00:00Z',
    });
  });
});

describe('monthGrid', () => {
  const retreat = makeOccurrence({
    id: 'r',
    title: 'Retreat',
    allDay: true,
    dates: { start: '2026-10-30', endExclusive: '2026-11-02' },
    start: '2026-10-30T05:00:00Z',
    end: '2026-11-02T06:00:00Z',
  });
  const service = makeOccurrence({ id: 's' });
  const december = makeOccurrence({
    id: 'd',
    start: '2026-12-06T15:00:00Z',
    end: '2026-12-06T16:00:00Z',
  });
  const grid = monthGrid('2026-11', [retreat, service, december], CHICAGO, '2026-11-21');

  it('lays the month on whole weeks starting on Sunday', () => {
    expect(grid.label).toBe('November 2026');
    expect(grid.weekdays.map((w) => w.short)).toEqual([
      'Sun',
      'Mon',
      'Tue',
      'Wed',
      'Thu',
      'Fri',
      'Sat',
    ]);
    expect(grid.weeks).toHaveLength(5);
    expect(grid.weeks.every((w) => w.length === 7)).toBe(true);
    expect(grid.weeks[0]?.[0]?.date).toBe('2026-11-01');
    expect(grid.weeks[4]?.[6]).toMatchObject({ date: '2026-12-05', inMonth: false });
    expect(
      grid.weeks
        .flat()
        .filter((c) => c.today)
        .map((c) => c.date),
    ).toEqual(['2026-11-21']);
  });

  it('puts an all-day span on each of its days in the month, and timed ones on their start day', () => {
    const entries = (date: string) =>
      grid.weeks
        .flat()
        .find((c) => c.date === date)
        ?.entries.map((e) => e.id);
    expect(entries('2026-11-01')).toEqual(['r']);
    expect(entries('2026-11-02')).toEqual([]);
    expect(entries('2026-11-22')).toEqual(['s']);
    expect(grid.weeks.flat().find((c) => c.date === '2026-11-22')?.entries[0]?.time?.label).toBe(
      '9:00 AM',
    );
    expect(grid.occurrences.map((o) => o.id)).toEqual(['r', 's']);
  });

  it('names the neighbouring months', () => {
    expect(grid.prev).toEqual({ month: '2026-10', label: 'October 2026' });
    expect(grid.next).toEqual({ month: '2026-12', label: 'December 2026' });
  });
});

describe("the week's first day (PCO's calendar_starts_on)", () => {
  it('is Sunday by default and for Sunday, Monday for Monday', () => {
    expect(firstWeekday(undefined)).toBe(7);
    expect(firstWeekday('Sunday')).toBe(7);
    expect(firstWeekday('Monday')).toBe(1);
    // Wednesday, December 2, 2026; Sunday, December 6; Monday, November 30.
    expect(weekStart('2026-12-02')).toBe('2026-11-29');
    expect(weekStart('2026-12-02', 1)).toBe('2026-11-30');
    expect(weekStart('2026-12-06', 1)).toBe('2026-11-30');
    expect(weekStart('2026-12-06', 7)).toBe('2026-12-06');
    expect(weekStart('2026-11-30', 1)).toBe('2026-11-30');
  });

  it('starts the month grid on Monday when the church does', () => {
    const grid = monthGrid('2026-11', [], CHICAGO, '2026-11-21', 1);
    expect(grid.weekdays.map((w) => w.short).join(' ')).toBe('Mon Tue Wed Thu Fri Sat Sun');
    // November 1, 2026 is a Sunday: the first row is October 26 – November 1.
    expect(grid.weeks[0]?.[0]?.date).toBe('2026-10-26');
    expect(grid.weeks[0]?.[6]?.date).toBe('2026-11-01');
    expect(grid.weeks.at(-1)?.[6]?.date).toBe('2026-12-06');
    expect(grid.weeks.every((w) => w.length === 7)).toBe(true);
  });
});
