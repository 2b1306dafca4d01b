/**
 * Global setup of `npm run test:browser`.
 *
 * 1. Checks that Chromium is installed at /usr/bin/chromium; if not, prints the install
 *    command and fails (never a silent skip).
 * 2. Starts `wrangler dev` in demo mode on 127.0.0.1:8795, with its own temporary state
 *    directory and inspector port, and waits until `/widget` answers.
 * 3. Starts the host page server (the second origin) on 127.0.0.1:8796.
 * 4. At the end stops wrangler by its own PID (SIGTERM, then SIGKILL) and closes the server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { APP_PORT, CHROMIUM_PATH, HOST_PORT, SCREENSHOT_DIR } from './context';
import { startHostServer } from './host-server';

const WRANGLER = 'node_modules/.bin/wrangler';
const INSPECTOR_PORT = 9295;
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS)]);
  if (!done) {
    child.kill('SIGKILL');
    await exited;
  }
}

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
  const log = join(workDir, 'wrangler.log');
  const out = openSync(log, 'a');
  // Empty credentials force demo mode even if a developer's .dev.vars holds real ones.
  const child = spawn(
    WRANGLER,
    [
      'dev',
      '--ip=127.0.0.1',
      `--port=${APP_PORT}`,
      `--inspector-port=${INSPECTOR_PORT}`,
      `--persist-to=${join(workDir, 'state')}`,
      '--show-interactive-dev-session=false',
      '--var=PCO_APP_ID:',
      '--var=PCO_SECRET:',
    ],
    {
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_SEND_ERROR_REPORTS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      },
    },
  );
  let host: Server | undefined;
  const teardown = async () => {
    await stopChild(child);
    if (host) await new Promise((resolve) => host?.close(resolve));
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    let ready = false;
    while (!ready && Date.now() < deadline && child.exitCode === null) {
      ready = await fetch(`${appOrigin}/widget`, { signal: AbortSignal.timeout(10_000) }).then(
        (res) => res.status === 200,
        () => false,
      );
      if (!ready) await sleep(250);
    }
    if (!ready) {
      const tail = readFileSync(log, 'utf8').split('\n').slice(-30).join('\n');
      throw new Error(`wrangler dev did not become ready on ${appOrigin}; log:\n${tail}`);
    }
    host = await startHostServer(HOST_PORT, appOrigin);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('browser', { appOrigin, hostOrigin: `http://127.0.0.1:${HOST_PORT}` });
  return teardown;
}
