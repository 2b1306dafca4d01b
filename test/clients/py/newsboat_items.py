"""Lists the items newsboat stored for its feeds, read from its cache (SQLite), as JSON.

Usage: /usr/bin/python3 newsboat_items.py CACHE_DB

Prints a JSON list of {guid, title, url, pub_date}, in the order newsboat stored them (not
the feed's); `pub_date` is Unix time. These are the articles newsboat lists for the feed.
"""

import json
import sqlite3
import sys


def main():
    connection = sqlite3.connect(sys.argv[1])
    rows = connection.execute("SELECT guid, title, url, pubDate FROM rss_item ORDER BY id")
    items = [{"guid": g, "title": t, "url": u, "pub_date": p} for g, t, u, p in rows]
    json.dump(items, sys.stdout)


if __name__ == "__main__":
    main()
