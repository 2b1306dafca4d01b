/** `GET /events.json`: occurrences not yet over, as documented JSON (docs/events-json.md). */
import type { Hono } from 'hono';
import { renderEventsJson } from '../render/events-json';
import type { AppEnv } from './app-env';
import { feedResponse } from './feed-response';
import { queryValidator } from './query';

/** Registers `GET /events.json`. */
export function eventsJsonRoutes(app: Hono<AppEnv>): void {
  app.get('/events.json', queryValidator('events'), (c) =>
    feedResponse(c, 'application/json; charset=utf-8', renderEventsJson),
  );
}
