/**
 * `GET /widget.jsonld`: the schema.org `Event` JSON-LD of the occurrences a widget shows, for
 * `embed.js` with `data-seo="true"` to put into the host page (the widget itself is in an
 * iframe, whose content search engines credit to this site, not the church's).
 *
 * Takes the widget's query unchanged (embed.js sends the same one): the filters select the
 * occurrences as in the list view (not yet over, soonest first, up to `limit`); the display
 * parameters (`view`, `month`, `week`, `accent`, `theme`, `font`, `chips`, `lang`) are
 * accepted and do not change the list, so a month view's host page gets its upcoming events.
 * Each `url` is the occurrence's event page. Public data only, so any origin may read it (CORS `*`).
 */
import type { Hono } from 'hono';
import { PAGE_MAX_AGE_SECONDS } from '../constants';
import { selectOccurrences } from '../model/select';
import { eventJsonLd } from '../render/json-ld';
import type { AppEnv } from './app-env';
import { currentSnapshot, renderContext } from './feed-response';
import { queryValidator } from './query';

/** Registers `GET /widget.jsonld`. */
export function widgetJsonLdRoutes(app: Hono<AppEnv>): void {
  app.get('/widget.jsonld', queryValidator('widget'), async (c) => {
    // The display parameters (and `lang`) change nothing here: only the selection counts.
    const { selection } = c.req.valid('query');
    const snapshot = await currentSnapshot(c);
    const { baseUrl } = renderContext(c, snapshot);
    const organizer = { name: snapshot.organization.name, url: `${baseUrl}/` };
    const events = selectOccurrences(snapshot.occurrences, selection, new Date()).map((o) =>
      eventJsonLd(
        o,
        `${baseUrl}/occurrences/${encodeURIComponent(o.id)}`,
        snapshot.organization.timeZone,
        organizer,
      ),
    );
    return c.body(JSON.stringify(events), 200, {
      'Content-Type': 'application/ld+json; charset=utf-8',
      'Cache-Control': `public, max-age=${PAGE_MAX_AGE_SECONDS}`,
      'Access-Control-Allow-Origin': '*',
      'X-Content-Type-Options': 'nosniff',
    });
  });
}
