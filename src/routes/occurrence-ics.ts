/**
 * `GET /occurrences/{instance_id}.ics`: one published occurrence as a single-VEVENT calendar,
 * served as a download. It is the feed's VEVENT (same renderer, same UID), so importing it and
 * later subscribing to the feed does not duplicate the event in clients that match UIDs.
 */
import type { Hono } from 'hono';
import { PAGE_MAX_AGE_SECONDS } from '../constants';
import type { Occurrence } from '../model/occurrence';
import { renderIcs } from '../render/ics';
import { localDate } from '../render/widget/model';
import type { AppEnv } from './app-env';
import { renderContext } from './feed-response';
import { publishedOccurrence } from './published-occurrence';
import { queryValidator } from './query';

/**
 * The download's file name: an ASCII slug of the title and the local start date.
 *
 * @example icsFileName(sundayWorship, 'America/Chicago') // 'sunday-worship-2026-11-22.ics'
 */
export function icsFileName(occurrence: Occurrence, zone: string): string {
  const slug = occurrence.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const date = occurrence.dates?.start ?? localDate(occurrence.start, zone);
  return `${slug || 'event'}-${date}.ics`;
}

/** Registers `GET /occurrences/{id}.ics`. */
export function occurrenceIcsRoutes(app: Hono<AppEnv>): void {
  app.get('/occurrences/:file{[^/]+\\.ics}', queryValidator('none'), async (c) => {
    const id = c.req.param('file').slice(0, -'.ics'.length);
    const { snapshot, occurrence } = await publishedOccurrence(c, id);
    const body = renderIcs(snapshot, [occurrence], renderContext(c, snapshot));
    return c.body(body, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${icsFileName(occurrence, snapshot.organization.timeZone)}"`,
      'Cache-Control': `public, max-age=${PAGE_MAX_AGE_SECONDS}`,
      'Last-Modified': new Date(occurrence.updated).toUTCString(),
    });
  });
}
