/**
 * A deployment without Planning Center credentials (production entry): every route answers
 * 503 with the setup reason and never a sample calendar. `/` is the setup page
 * (render/setup-page), `/health` names the missing settings in JSON, everything else gets the
 * same reason as plain text. Nothing is cached (`no-store`), so the calendar appears as soon
 * as the secrets are set.
 */
import type { Context } from 'hono';
import { cspHeader, hashSource } from '../render/csp';
import { renderSetupPage, SETUP_PAGE_CSS, setupReason } from '../render/setup-page';
import type { AppEnv } from './app-env';

/** The 503 answer of an unconfigured deployment for any route. */
export async function setupResponse(
  c: Context<AppEnv>,
  missing: readonly string[],
): Promise<Response> {
  const headers = { 'Cache-Control': 'no-store' };
  if (c.req.path === '/health') {
    return c.json(
      { status: 'unconfigured', mode: 'unconfigured', missing, problem: setupReason(missing) },
      503,
      headers,
    );
  }
  if (c.req.path === '/') {
    return c.html(renderSetupPage(missing), 503, {
      ...headers,
      'Content-Security-Policy': cspHeader({
        'default-src': ["'none'"],
        'style-src': [await hashSource(SETUP_PAGE_CSS)],
        'base-uri': ["'none'"],
        'form-action': ["'none'"],
        'frame-ancestors': ["'none'"],
      }),
    });
  }
  return c.text(`Calendar not available: ${setupReason(missing)}\n`, 503, headers);
}
