/**
 * `GET /feed.rss`, `/feed.atom`, `/feed.json`: upcoming occurrences as syndication feeds,
 * streamed from the snapshot's item fragments (render/fragments).
 */
import type { Hono } from 'hono';
import { FEED_PATHS, type FeedFormat } from '../render/feeds';
import { feedStream } from '../render/fragments';
import type { AppEnv } from './app-env';
import { feedResponse } from './feed-response';
import { queryValidator } from './query';

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** Registers the three feed routes. */
export function feedRoutes(app: Hono<AppEnv>): void {
  for (const format of ['rss', 'atom', 'json'] as const) {
    app.get(FEED_PATHS[format], queryValidator('feed'), (c) =>
      feedResponse(c, CONTENT_TYPES[format], (snapshot, occurrences, context) =>
        feedStream(format, snapshot, occurrences, context),
      ),
    );
  }
}
