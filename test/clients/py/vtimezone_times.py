"""Resolves local times through a VTIMEZONE with Debian's python3-icalendar, against zoneinfo.

Usage: /usr/bin/python3 vtimezone_times.py < request.json

Reads `{"vtimezone": "BEGIN:VTIMEZONE…", "zone": "America/Chicago", "locals": ["2027-03-13T12:00:00", …]}`
and prints, per local time, the UTC instant (`YYYY-MM-DDTHH:MM:SSZ`) that the VTIMEZONE gives,
read by icalendar's own rules (`Timezone.to_tz()`, dateutil's RRULE/RDATE expansion), and the one
Python's zoneinfo (the system tz database) gives. icalendar resolves a TZID it knows by name
(pytz) and never reads its VTIMEZONE, so the VTIMEZONE is converted explicitly here.
"""

import json
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import icalendar


def main():
    request = json.load(sys.stdin)
    component = icalendar.Timezone.from_ical(request["vtimezone"])
    from_vtimezone = component.to_tz()
    zone = ZoneInfo(request["zone"])
    result = []
    for local in request["locals"]:
        naive = datetime.fromisoformat(local)
        result.append(
            {
                "vtimezone": from_vtimezone.localize(naive)
                .astimezone(timezone.utc)
                .strftime("%Y-%m-%dT%H:%M:%SZ"),
                "zoneinfo": naive.replace(tzinfo=zone)
                .astimezone(timezone.utc)
                .strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
        )
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
