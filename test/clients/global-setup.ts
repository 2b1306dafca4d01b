/**
 * Global setup of `npm run test:clients`.
 *
 * 1. Checks that the Debian clients are installed; if not, prints the exact `apt-get install`
 *    command and fails (never a silent skip).
 * 2. Starts two `wrangler dev` servers on free loopback ports: the fake Planning Center with the
 *    conformance fixture (control endpoints enabled), and pco-feeds pointed at it, each with
 *    its own temporary state directory. Waits until the fake answers and the app serves
 *    `/calendar.ics` (its first snapshot is built).
 * 3. Runs a loopback control server for the tests, so the process that started the app is the
 *    one that restarts it (`POST /restart-app`, used when `/admin/refresh` does not exist).
 * 4. At the end stops both servers by their own PIDs (never by name).
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { TEST_CREDENTIALS } from '../fixtures/church';
import { freePort, WranglerDev } from '../node/wrangler-dev';
import {
  CLIENT_PACKAGES,
  type ClientsContext,
  COLD_START_TIMEOUT_MS,
  PUBLIC_BASE_URL,
} from './support/context';

/** Debian packages of {@link CLIENT_PACKAGES} that are not installed. */
function missingPackages(): string[] {
  return CLIENT_PACKAGES.filter((name) => {
    try {
      // `${Status}` is dpkg-query's field placeholder, not a template string.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query syntax
      const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], {
        stdio: ['ignore', 'pipe', 'ignore'],
      }).toString();
      return !status.includes('install ok installed');
    } catch {
      return true;
    }
  });
}

/** Starts the fake PCO and the app; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = missingPackages();
  if (missing.length > 0) {
    const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
    const command = `${sudo}apt-get install -y --no-install-recommends ${missing.join(' ')}`;
    const message = `missing Debian packages for the client tests: ${missing.join(', ')}\nrun: ${command}`;
    console.error(message);
    throw new Error(message);
  }

  const workDir = mkdtempSync(join(tmpdir(), 'pco-feeds-clients-'));
  const [fakePort, appPort, fakeInspector, appInspector] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const fakeUrl = `http://127.0.0.1:${fakePort}`;
  const appUrl = `http://127.0.0.1:${appPort}`;
  // Whole seconds, so PCO-style instants built from it round-trip exactly.
  const fixtureNow = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  const adminToken = `clients-${crypto.randomUUID()}`;
  const common = (port: number, inspector: number, stateDir: string) => [
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspector),
    '--persist-to',
    stateDir,
    '--show-interactive-dev-session=false',
    '--log-level',
    'warn',
  ];
  const fake = new WranglerDev(
    'fake-pco',
    (stateDir) => [
      '--config',
      'test/clients/wrangler.fake-pco.toml',
      ...common(fakePort, fakeInspector, stateDir),
      '--var',
      `FIXTURE_NOW:${fixtureNow}`,
      '--var',
      'CONTROL_ENDPOINTS:enabled',
    ],
    { url: `${fakeUrl}/calendar/v2`, status: 401 },
    workDir,
    // A control endpoint: not a Planning Center request, so the fake does not count it.
    `${fakeUrl}/__control/requests`,
  );
  const app = new WranglerDev(
    'app',
    (stateDir) => [
      '--config',
      'wrangler.toml',
      ...common(appPort, appInspector, stateDir),
      '--var',
      `PCO_API_BASE:${fakeUrl}`,
      '--var',
      `PCO_APP_ID:${TEST_CREDENTIALS.appId}`,
      '--var',
      `PCO_SECRET:${TEST_CREDENTIALS.secret}`,
      '--var',
      `PUBLIC_BASE_URL:${PUBLIC_BASE_URL}`,
      '--var',
      `ADMIN_TOKEN:${adminToken}`,
      // The test church publishes its attachments (private by default).
      '--var',
      'PUBLISH_ATTACHMENTS:true',
      // Settings that change the outputs, pinned so a developer's .dev.vars cannot.
      '--var',
      'TIME_ZONE:',
      '--var',
      'FEED_TITLE:',
      '--var',
      'WINDOW_PAST_DAYS:30',
      '--var',
      'WINDOW_FUTURE_DAYS:365',
    ],
    // The first feed request reads PCO (a cold start), so 200 means a snapshot exists.
    { url: `${appUrl}/calendar.ics`, status: 200, timeoutMs: COLD_START_TIMEOUT_MS },
    workDir,
    // Static, and never reads the snapshot or Planning Center.
    `${appUrl}/embed.js`,
  );

  let control: Server | undefined;
  try {
    await Promise.all([fake.start(), app.start()]);
    control = createHttpServer((request, response) => {
      if (request.method !== 'POST' || request.url !== '/restart-app') {
        response.writeHead(404).end();
        return;
      }
      app
        .stop()
        .then(() => app.start())
        .then(
          () => response.writeHead(204).end(),
          (error: unknown) => response.writeHead(500).end(String(error)),
        );
    });
    control.listen(0, '127.0.0.1');
    await once(control, 'listening');
  } catch (error) {
    await Promise.all([fake.stop(), app.stop()]);
    throw error;
  }
  const address = control.address();
  const context: ClientsContext = {
    appUrl,
    fakeUrl,
    controlUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    fixtureNow,
    adminToken,
    workDir,
  };
  project.provide('clients', context);

  return async () => {
    control?.close();
    await Promise.all([fake.stop(), app.stop()]);
    rmSync(workDir, { recursive: true, force: true });
  };
}
