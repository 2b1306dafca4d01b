/**
 * `GET /calendar.ics`: the iCalendar subscription feed (RFC 5545 + RFC 7986), streamed from the
 * snapshot's VEVENT fragments (render/fragments).
 */
import type { Hono } from 'hono';
import { icsStream } from '../render/fragments';
import type { AppEnv } from './app-env';
import { feedResponse } from './feed-response';
import { queryValidator } from './query';

/** Registers `GET /calendar.ics` (HEAD is answered by Hono from the GET route). */
export function calendarIcsRoutes(app: Hono<AppEnv>): void {
  app.get('/calendar.ics', queryValidator('ics'), (c) =>
    feedResponse(c, 'text/calendar; charset=utf-8', icsStream),
  );
}
