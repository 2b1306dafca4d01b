/**
 * Reads iCalendar text back with ical.js (Mozilla's parser, used by Thunderbird), independent of
 * the ical-generator code that wrote it. VTIMEZONEs in the body are registered first, so
 * TZID times resolve to the right UTC instants through ical.js's own zone rules.
 */
import ICAL from 'ical.js';

/** One VEVENT as ical.js reads it. */
export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  /** UTC instants (for all-day events: the date at local midnight UTC, see `startDate`). */
  start: Date;
  end: Date;
  allDay: boolean;
  /** `YYYY-MM-DD` of DTSTART / DTEND as written (local date). */
  startDate: string;
  endDate: string;
  /** Local wall time of DTSTART/DTEND as written, `YYYY-MM-DDTHH:MM:SS`. */
  startLocal: string;
  endLocal: string;
  tzid: string | null;
  categories: string[];
  component: ICAL.Component;
}

/** The parsed calendar: its component and its VEVENTs keyed by UID. */
export interface ParsedCalendar {
  calendar: ICAL.Component;
  events: ParsedEvent[];
  byUid: Map<string, ParsedEvent>;
}

/** Parses a VCALENDAR body with ical.js. @throws ical.js's parse error on invalid input */
export function parseIcs(text: string): ParsedCalendar {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(vtimezone);
  }
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const start = event.startDate;
    const end = event.endDate;
    const local = (t: ICAL.Time) => t.toString().replace(/Z$/, '');
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description ?? '',
      start: start.toJSDate(),
      end: end.toJSDate(),
      allDay: start.isDate,
      startDate: local(start).slice(0, 10),
      endDate: local(end).slice(0, 10),
      startLocal: local(start),
      endLocal: local(end),
      tzid:
        (component.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined) ?? null,
      categories: component
        .getAllProperties('categories')
        .flatMap((p) => p.getValues().map(String)),
      component,
    };
  });
  return { calendar, events, byUid: new Map(events.map((e) => [e.uid, e])) };
}
