"""Fetches a feed with Debian's python3-feedparser and prints what it read, as JSON.

Usage: /usr/bin/python3 feed_entries.py URL

Prints `bozo` (true when the feed is not well-formed or not what it claims to be) with its
exception, the detected `version` (`rss20`, `atom10`), and per entry its id, link, title and
dates, its title's declared type, its tags' terms and its enclosures (href and type). Titles are given as feedparser reports them and as the plain text a reader shows: an
HTML title (`title_detail.type == "text/html"`) has its tags removed and entities decoded.
Dates are feedparser's parsed `published`/`updated`, as UTC instants.
"""

import calendar
import html
import json
import re
import sys
from datetime import datetime, timezone

import feedparser


def instant(parsed):
    """A feedparser time tuple (always UTC) as `YYYY-MM-DDTHH:MM:SSZ`, or None."""
    if parsed is None:
        return None
    seconds = calendar.timegm(parsed)
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def plain(detail):
    """The text a reader shows for a title: HTML titles without tags, entities decoded."""
    value = detail.get("value", "")
    if detail.get("type") == "text/html":
        return html.unescape(re.sub(r"<[^>]*>", "", value))
    return value


def main():
    parsed = feedparser.parse(sys.argv[1])
    entries = [
        {
            "id": entry.get("id"),
            "link": entry.get("link"),
            "title": entry.get("title"),
            "title_text": plain(entry.get("title_detail", {})),
            "title_type": entry.get("title_detail", {}).get("type"),
            "tags": [tag.get("term") for tag in entry.get("tags", [])],
            "enclosures": [
                {"href": e.get("href"), "type": e.get("type")} for e in entry.get("enclosures", [])
            ],
            "published": instant(entry.get("published_parsed")),
            "updated": instant(entry.get("updated_parsed")),
        }
        for entry in parsed.entries
    ]
    exception = parsed.get("bozo_exception")
    json.dump(
        {
            "bozo": bool(parsed.bozo),
            "bozo_exception": str(exception) if exception else None,
            "version": parsed.version,
            "status": parsed.get("status"),
            "entries": entries,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
