/**
 * `GET /occurrences/{instance_id}/{google|outlook|microsoft365}`: a redirect to the service's
 * "add event" template link for one published occurrence (see render/links).
 *
 * The widget links here rather than to the template links themselves: three long URLs per
 * occurrence would more than double its HTML. The description is the occurrence's plain text
 * followed by its Church Center link.
 */
import type { Hono } from 'hono';
import { PAGE_MAX_AGE_SECONDS } from '../constants';
import {
  ADD_TO_CALENDAR_SERVICES,
  type AddToCalendarService,
  addToCalendarUrl,
} from '../render/links';
import { occurrenceText } from '../render/occurrence-text';
import type { AppEnv } from './app-env';
import { publishedOccurrence } from './published-occurrence';
import { queryValidator } from './query';

/** Registers the three redirect routes. */
export function occurrenceLinkRoutes(app: Hono<AppEnv>): void {
  app.get(
    `/occurrences/:id/:service{${ADD_TO_CALENDAR_SERVICES.join('|')}}`,
    queryValidator('none'),
    async (c) => {
      const { snapshot, occurrence } = await publishedOccurrence(c, c.req.param('id'));
      const style = snapshot.organization;
      const details = [occurrenceText(occurrence, style), occurrence.url ?? '']
        .filter(Boolean)
        .join('\n\n');
      const target = addToCalendarUrl(occurrence, c.req.param('service') as AddToCalendarService, {
        details,
        timeZone: style.timeZone,
      });
      c.header('Cache-Control', `public, max-age=${PAGE_MAX_AGE_SECONDS}`);
      // The services need not learn which page the reader came from.
      c.header('Referrer-Policy', 'no-referrer');
      return c.redirect(target, 302);
    },
  );
}
