/**
 * What the client tests share: the servers the global setup started (handed over with
 * vitest's `provide`/`inject`), and the few requests that drive them.
 */
import { inject } from 'vitest';
import type { FixtureVersion } from '../fixture';

/** The Debian packages the client tests run (`.ci/run` installs the same list). */
export const CLIENT_PACKAGES = [
  'python3-icalendar',
  'python3-feedparser',
  'vdirsyncer',
  'khal',
  'newsboat',
  'libxml2-utils', // xmllint
  'jing',
] as const;

/** `PUBLIC_BASE_URL` of the app under test: UIDs and links use its host, not the port. */
export const PUBLIC_BASE_URL = 'https://feeds.conformance.test';

/**
 * The longest the app's first `/calendar.ics` may take after a (re)start: `wrangler dev` boots,
 * then the cold start reads PCO. The suite's files run seconds apart and all their refreshes
 * share the fake's window of 100 requests per 20 s, so a cold start can meet a 429 (waiting its
 * `Retry-After`, up to 20 s) and then a full window (the client waits one whole period, 20 s).
 * CI once took over 60 s here on a fast machine, where more requests fit in one window.
 */
export const COLD_START_TIMEOUT_MS = 120_000;

/** {@link restartApp}'s worst case: `wrangler dev` stopping (≤ 10 s), then a cold start. */
export const RESTART_TIMEOUT_MS = COLD_START_TIMEOUT_MS + 30_000;

/** The servers of one run. */
export interface ClientsContext {
  /** pco-feeds under `wrangler dev`, e.g. `http://127.0.0.1:41234`. */
  appUrl: string;
  /** The fake PCO serving the conformance fixture. */
  fakeUrl: string;
  /** The global setup's control server (`POST /restart-app`). */
  controlUrl: string;
  /** The fixture's clock (ISO instant), shared with the fake. */
  fixtureNow: string;
  /** The app's `ADMIN_TOKEN`. */
  adminToken: string;
  /** A temporary directory of this run (logs, client config and data go below it). */
  workDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    clients: ClientsContext;
  }
}

/** The servers of this run. */
export function clients(): ClientsContext {
  return inject('clients');
}

/**
 * `fetch` over a kept-alive connection, sent once more when the connection turns out to be
 * closed before any response (undici's `UND_ERR_SOCKET`), as RFC 9112 §9.3.1 allows for
 * idempotent requests and as browsers and curl do. workerd closes an idle connection after
 * 4 s, the same as undici's keep-alive timeout, and a test that holds Node's event loop (parsing
 * a calendar with ical.js takes seconds on a loaded machine) reuses the pooled socket before
 * Node has read the server's close: `fetch failed`, "other side closed".
 */
async function fetchReusing(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, init);
  }
}

/** GET `path` from the app; fails the test unless it answers 200. */
export async function fetchApp(path: string): Promise<Response> {
  const response = await fetchReusing(`${clients().appUrl}${path}`);
  if (response.status !== 200) {
    throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  }
  return response;
}

/** Switches the fake PCO to a fixture version (its control endpoint). */
export async function setFixtureVersion(version: FixtureVersion): Promise<void> {
  const response = await fetchReusing(`${clients().fakeUrl}/__control/version/${version}`, {
    method: 'POST',
  });
  if (response.status !== 204) throw new Error(`fixture version ${version}: ${response.status}`);
}

/** How many Planning Center requests the fake has answered so far (its control endpoint). */
export async function upstreamRequests(): Promise<number> {
  const response = await fetchReusing(`${clients().fakeUrl}/__control/requests`);
  if (response.status !== 200) throw new Error(`request count: ${response.status}`);
  const { requests } = (await response.json()) as { requests: number };
  return requests;
}

/**
 * Makes the app read PCO again now: `POST /admin/refresh` where the app has it, else a restart
 * of its `wrangler dev` (fresh state, so the first request reads PCO).
 */
export async function refreshApp(): Promise<void> {
  const { appUrl, adminToken } = clients();
  // A refresh is safe to send twice (it reads PCO again), so it may be retried like a GET.
  const response = await fetchReusing(`${appUrl}/admin/refresh`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}` },
  });
  // Read the summary whole: an unread body keeps the connection out of the pool.
  const summary = await response.text();
  if (response.status === 200) return;
  if (response.status !== 404) {
    throw new Error(`POST /admin/refresh: ${response.status} ${summary}`);
  }
  await restartApp();
}

/**
 * Restarts the app's `wrangler dev` with empty state (no snapshot, no KV), and waits until its
 * first `/calendar.ics` answers 200: a cold start, whole when this returns. Give the calling
 * test or hook {@link RESTART_TIMEOUT_MS}.
 *
 * @throws Error with the app log's tail when it did not come back
 */
export async function restartApp(): Promise<void> {
  const restart = await fetch(`${clients().controlUrl}/restart-app`, { method: 'POST' });
  if (restart.status !== 204) throw new Error(`restart: ${await restart.text()}`);
}
