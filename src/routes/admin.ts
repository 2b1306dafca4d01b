/**
 * Staff-only routes, behind `Authorization: Bearer <ADMIN_TOKEN>` (Hono's `bearerAuth`, which
 * compares tokens in constant time):
 * - `POST /admin/refresh` starts a refresh now, or joins one already running in this isolate,
 *   and answers with its summary (`skipped` when another isolate holds the refresh lease);
 * - `GET /admin/report` reads Planning Center now and reports every event in the window with its
 *   instance count, how many are published, and why each other instance is withheld: an HTML
 *   page, or JSON with `Accept: application/json`. It names private events, so it is never
 *   cached and never linked from a public page.
 *
 * Without the `ADMIN_TOKEN` secret neither route exists (404), so an unconfigured deployment
 * offers nothing to guess at.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { accepts } from 'hono/accepts';
import { bearerAuth } from 'hono/bearer-auth';
import { html } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import { UNPUBLISHED_REASONS } from '../model/publication-rule';
import { PcoError } from '../pco/errors';
import type { PublicationJson } from '../snapshot/publication';
import type { AppEnv } from './app-env';
import { notFound } from './errors';
import { purgeFor } from './feed-response';
import { refreshRecordJson } from './health';

const NO_STORE = { 'Cache-Control': 'no-store' };
const UNAUTHORIZED = 'Unauthorized: send Authorization: Bearer <ADMIN_TOKEN>\n';

/** 404 without ADMIN_TOKEN; else `bearerAuth` against it, its refusals answered `no-store`. */
const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = c.var.config.adminToken;
  if (!token) return notFound(c);
  const auth = bearerAuth<AppEnv>({
    token,
    realm: 'pco-feeds admin',
    noAuthenticationHeader: { message: UNAUTHORIZED },
    invalidAuthenticationHeader: { message: UNAUTHORIZED },
    invalidToken: { message: UNAUTHORIZED },
  });
  try {
    return await auth(c, next);
  } catch (error) {
    if (!(error instanceof HTTPException)) throw error;
    const response = error.getResponse();
    // A malformed header is refused like a wrong token: 401, one message, nothing cached.
    const headers = new Headers(response.headers);
    headers.set('Cache-Control', 'no-store');
    return new Response(UNAUTHORIZED, { status: 401, headers });
  }
};

/** Registers `POST /admin/refresh` and `GET /admin/report`. */
export function adminRoutes(app: Hono<AppEnv>): void {
  app.post('/admin/refresh', requireAdmin, async (c) => {
    const record = await c.var.runtime.source.refresh({ purge: purgeFor(c) });
    const ok = record.result !== 'failed';
    return c.json(refreshRecordJson(record), ok ? 200 : 502, NO_STORE);
  });

  app.get('/admin/report', requireAdmin, async (c) => {
    const wantsJson =
      accepts(c, {
        header: 'Accept',
        supports: ['text/html', 'application/json'],
        default: 'text/html',
      }) === 'application/json';
    let report: PublicationJson;
    try {
      report = await c.var.runtime.report();
    } catch (error) {
      if (!(error instanceof PcoError)) throw error;
      const body = { error: error.toJSON() };
      return wantsJson
        ? c.json(body, 502, NO_STORE)
        : c.text(`Planning Center could not be read: ${error.message}\n`, 502, NO_STORE);
    }
    if (wantsJson) return c.json(report, 200, NO_STORE);
    return reportPage(c, report);
  });
}

/** Plain words for each withheld reason, for the HTML page. */
const REASON_TEXT: Readonly<Record<(typeof UNPUBLISHED_REASONS)[number], string>> = {
  'undecodable-record': 'could not be read (privacy unproven)',
  'event-hidden': 'event hidden from Church Center',
  'event-not-approved': 'event not approved',
  'not-standard-kind': 'blockout or unknown kind',
  'malformed-published-record': 'published record missing a required field',
  'unreadable-times': 'public times could not be read',
  'no-visible-times': 'no time visible on widget and iCal',
};

function reasonList(withheld: PublicationJson['withheld']) {
  const entries = UNPUBLISHED_REASONS.filter((r) => withheld[r]).map(
    (r) => html`<li>${REASON_TEXT[r]} (<code>${r}</code>): ${withheld[r]}</li>`,
  );
  return entries.length > 0 ? html`<ul>${entries}</ul>` : html`<p>None.</p>`;
}

/** The report as a self-contained HTML page (no script, no external resource). */
async function reportPage(c: Context<AppEnv>, report: PublicationJson): Promise<Response> {
  const rows = report.events.map(
    (event) => html`<tr>
      <td>${event.name ?? '(unreadable name)'} <small>#${event.id}</small></td>
      <td>${event.instances}</td>
      <td>${event.published}</td>
      <td>${UNPUBLISHED_REASONS.filter((r) => event.withheld[r]).map(
        (r) => html`${REASON_TEXT[r]}: ${event.withheld[r]}<br>`,
      )}</td>
    </tr>`,
  );
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Publication report · ${report.organization.name}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
small{color:#666}code{font-size:.9em}
</style>
</head>
<body>
<h1>Publication report</h1>
<p>${report.organization.name} (${report.organization.time_zone}), window ${report.window.from} to ${report.window.to}.
Read now with ${report.upstream_requests} requests to Planning Center. Staff only: this page names private events.</p>
<p><strong>${report.instances_read}</strong> instances read, <strong>${report.published}</strong> published.</p>
<h2>Withheld, by reason</h2>
${reasonList(report.withheld)}
<h2>Internal tags (shown nowhere)</h2>
${report.internal_tags.length > 0 ? html`<p>${report.internal_tags.map((t, i) => html`${i > 0 ? ', ' : ''}${t.name}`)}</p>` : html`<p>None.</p>`}
<h2>Skipped records</h2>
${
  report.skipped.length > 0
    ? html`<ul>${report.skipped.map((s) => html`<li>${s.type} #${s.id}: ${s.problems.join('; ')}</li>`)}</ul>`
    : html`<p>None.</p>`
}
<h2>Events</h2>
<table>
<thead><tr><th>Event</th><th>Instances</th><th>Published</th><th>Withheld</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</body>
</html>
`;
  return c.html(await page, 200, {
    ...NO_STORE,
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'X-Robots-Tag': 'noindex',
  });
}
