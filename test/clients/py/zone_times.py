"""Local wall times of UTC instants, computed with Python's zoneinfo (the system tz database).

Usage: /usr/bin/python3 zone_times.py ZONE < instants.json

Reads a JSON list of UTC instants (`2026-11-01T07:10:00Z`) and prints a JSON list with, for
each, the local time in ZONE as `YYYY-MM-DD HH:MM` (khal's format in the client tests) and as
the feed-title stamp pco-feeds promises (en-US, 12-hour: `Sun, Nov 1, 1:10 AM`). This is the
independent reference for local times: it shares no code with the product, which uses luxon.
"""

import json
import sys
from datetime import datetime
from zoneinfo import ZoneInfo


def main():
    zone = ZoneInfo(sys.argv[1])
    result = []
    for value in json.load(sys.stdin):
        local = datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(zone)
        result.append(
            {
                "local": local.strftime("%Y-%m-%d %H:%M"),
                "stamp": local.strftime("%a, %b %-d, %-I:%M %p"),
            }
        )
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
