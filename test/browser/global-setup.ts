/**
 * Global setup of `npm run test:browser`.
 *
 * 1. Checks that Chromium is installed at /usr/bin/chromium; if not, prints the install
 *    command and fails (never a silent skip).
 * 2. Starts `wrangler dev` in demo mode (wrangler.demo.toml) on 127.0.0.1:8795 (`BROWSER_APP_PORT`), with its own
 *    temporary state directory and inspector port (the app's port + 500), and waits until `/widget` answers.
 * 3. Starts the host page server (the second origin) on 127.0.0.1:8796.
 * 4. At the end stops wrangler by its own PID (test/node/wrangler-dev) and closes the server.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { WranglerDev } from '../node/wrangler-dev';
import { APP_PORT, CHROMIUM_PATH, HOST_PORT, SCREENSHOT_DIR } from './context';
import { startHostServer } from './host-server';

/** The app's inspector port: beside its own port, so two checkouts never share one. */
const INSPECTOR_PORT = APP_PORT + 500;

/** Starts the app and the host server; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM_PATH)) {
    const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
    throw new Error(
      `Chromium is missing (${CHROMIUM_PATH}); the browser tests need it. Install it with:\n` +
        `  ${sudo}apt-get install -y --no-install-recommends chromium`,
    );
  }
  const appOrigin = `http://127.0.0.1:${APP_PORT}`;
  const inUse = await fetch(`${appOrigin}/`, { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    () => false,
  );
  if (inUse) throw new Error(`port ${APP_PORT} is already serving; stop that server first`);

  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'pco-feeds-browser-'));
  // Empty credentials force demo mode even if a developer's .dev.vars holds real ones.
  const app = new WranglerDev(
    'app',
    (stateDir) => [
      '--config=wrangler.demo.toml',
      '--ip=127.0.0.1',
      `--port=${APP_PORT}`,
      `--inspector-port=${INSPECTOR_PORT}`,
      `--persist-to=${stateDir}`,
      '--show-interactive-dev-session=false',
      '--var=PCO_APP_ID:',
      '--var=PCO_SECRET:',
    ],
    { url: `${appOrigin}/widget`, status: 200 },
    workDir,
    `${appOrigin}/embed.js`,
  );
  let host: Server | undefined;
  const teardown = async () => {
    await app.stop();
    if (host) await new Promise((resolve) => host?.close(resolve));
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await app.start();
    host = await startHostServer(HOST_PORT, appOrigin);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('browser', { appOrigin, hostOrigin: `http://127.0.0.1:${HOST_PORT}` });
  return teardown;
}
