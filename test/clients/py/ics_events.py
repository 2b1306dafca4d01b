"""Reads an iCalendar body from stdin with Debian's python3-icalendar and prints what it read.

Usage: /usr/bin/python3 ics_events.py < calendar.ics

Prints one JSON object: the VTIMEZONE TZIDs and, per VEVENT, its UID, SUMMARY, DESCRIPTION
(unescaped, as Google-style DESCRIPTION-only clients show it), SEQUENCE, whether it is all-day,
and its start and end. Timed values are resolved by icalendar itself
(TZID through its zone database, or UTC) and printed as UTC instants `YYYY-MM-DDTHH:MM:SSZ`;
all-day values as the dates written (`YYYY-MM-DD`). A DTEND missing is printed as null.
"""

import json
import sys
from datetime import date, datetime, timezone

import icalendar


def moment(value):
    """A DTSTART/DTEND value as a UTC instant string, or a date string for all-day values."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"floating date-time {value.isoformat()}: no TZID and no Z")
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"unexpected value {value!r}")


def main():
    calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
    events = []
    for component in calendar.walk("VEVENT"):
        start = component.decoded("DTSTART")
        end = component.decoded("DTEND") if "DTEND" in component else None
        events.append(
            {
                "uid": str(component.get("UID")),
                "summary": str(component.get("SUMMARY")),
                "description": str(component.get("DESCRIPTION", "")),
                "sequence": int(component.get("SEQUENCE", 0)),
                "all_day": not isinstance(start, datetime),
                "start": moment(start),
                "end": moment(end) if end is not None else None,
            }
        )
    timezones = [str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")]
    json.dump({"timezones": timezones, "events": events}, sys.stdout)


if __name__ == "__main__":
    main()
