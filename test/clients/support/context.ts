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

/** GET `path` from the app; fails the test unless it answers 200. */
export async function fetchApp(path: string): Promise<Response> {
  const response = await fetch(`${clients().appUrl}${path}`);
  if (response.status !== 200) {
    throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  }
  return response;
}

/** Switches the fake PCO to a fixture version (its control endpoint). */
export async function setFixtureVersion(version: FixtureVersion): Promise<void> {
  const response = await fetch(`${clients().fakeUrl}/__control/version/${version}`, {
    method: 'POST',
  });
  if (response.status !== 204) throw new Error(`fixture version ${version}: ${response.status}`);
}

/**
 * Makes the app read PCO again now: `POST /admin/refresh` where the app has it, else a restart
 * of its `wrangler dev` (fresh state, so the first request reads PCO).
 */
export async function refreshApp(): Promise<void> {
  const { appUrl, adminToken, controlUrl } = clients();
  const response = await fetch(`${appUrl}/admin/refresh`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}` },
  });
  if (response.status === 200) return;
  if (response.status !== 404) {
    throw new Error(`POST /admin/refresh: ${response.status} ${await response.text()}`);
  }
  const restart = await fetch(`${controlUrl}/restart-app`, { method: 'POST' });
  if (restart.status !== 204) throw new Error(`restart: ${await restart.text()}`);
}
