/**
 * `wrangler dev` as a child process for the Node-side suites (`test:clients`, `test:browser`):
 * started with a fresh state directory, awaited until a URL answers, and stopped by its own PID
 * (never by name, so a developer's own `npm start` is left alone).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';

const WRANGLER = 'node_modules/.bin/wrangler';
/** Default wait for `ready`: boot plus a first request that needs no upstream. */
const STARTUP_TIMEOUT_MS = 60_000;
/** One readiness poll: long enough for a cold start's own refresh, so polls do not pile up. */
const POLL_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** A free TCP port on 127.0.0.1 (the OS picks it; it is free again once this returns). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How often a running server is sent its keep-warm request. wrangler dev 4.86 forwards every
 * request from its ProxyWorker to the Worker over pooled keep-alive connections, and kj closes
 * an idle one after 5 s at both ends; a request written to a connection idle for about 5 s is
 * lost, and a GET then waits in the ProxyWorker (measured here: 90 s, a browser test's whole
 * navigation timeout, about one suite run in three). workers-sdk issues 14641 and 15252 (fixed
 * in later wrangler versions than this toolchain's). A request every second keeps the most
 * recently used connection fresh, so real requests never pick up one at the 5 s edge.
 */
const KEEP_WARM_INTERVAL_MS = 1_000;

/** One `wrangler dev` process, started and stopped by its own PID. */
export class WranglerDev {
  #child: ChildProcess | undefined;
  #stateDir = '';
  #keepWarm: ReturnType<typeof setInterval> | undefined;

  /**
   * @param ready the URL whose `status` means started, and how long to wait for it
   * @param keepWarm [opt=none] a cheap URL of this server with no side effects, requested every
   *   second while it runs (see {@link KEEP_WARM_INTERVAL_MS})
   */
  constructor(
    private readonly name: string,
    private readonly args: (stateDir: string) => string[],
    private readonly ready: { url: string; status: number; timeoutMs?: number },
    private readonly logDir: string,
    private readonly keepWarm?: string,
  ) {}

  /**
   * Starts with a fresh state directory and waits until `ready.url` answers `ready.status`
   * (at most `ready.timeoutMs`, default 60 s).
   *
   * @throws Error with the log's tail when the process exits or the wait runs out
   */
  async start(): Promise<void> {
    this.#stateDir = mkdtempSync(join(this.logDir, `${this.name}-state-`));
    const log = join(this.logDir, `${this.name}.log`);
    const out = openSync(log, 'a');
    const child = spawn(WRANGLER, ['dev', ...this.args(this.#stateDir)], {
      stdio: ['ignore', out, out],
      // Its own process group, so stop() reaches wrangler's node and workerd children too.
      detached: true,
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_SEND_ERROR_REPORTS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      },
    });
    this.#child = child;
    const deadline = Date.now() + (this.ready.timeoutMs ?? STARTUP_TIMEOUT_MS);
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      const wait = Math.max(1_000, Math.min(POLL_TIMEOUT_MS, deadline - Date.now()));
      const status = await fetch(this.ready.url, { signal: AbortSignal.timeout(wait) }).then(
        (res) => res.status,
        () => 0,
      );
      if (status === this.ready.status) {
        this.#startKeepWarm();
        return;
      }
      await sleep(250);
    }
    await this.stop();
    const tail = readFileSync(log, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`${this.name}: wrangler dev did not become ready; log ${log}:\n${tail}`);
  }

  /** Requests `keepWarm` every second (never two at once; failures ignored). */
  #startKeepWarm(): void {
    const url = this.keepWarm;
    if (!url) return;
    let busy = false;
    this.#keepWarm = setInterval(() => {
      if (busy) return;
      busy = true;
      fetch(url, { signal: AbortSignal.timeout(KEEP_WARM_INTERVAL_MS * 5) })
        .then((response) => response.arrayBuffer())
        .catch(() => undefined)
        .finally(() => {
          busy = false;
        });
    }, KEEP_WARM_INTERVAL_MS);
    this.#keepWarm.unref();
  }

  /**
   * Stops the process group it started (SIGTERM, then SIGKILL after 10 s), waits until no
   * process of it is left (a workerd orphan would keep the port), and drops its state directory.
   */
  async stop(): Promise<void> {
    clearInterval(this.#keepWarm);
    this.#keepWarm = undefined;
    const child = this.#child;
    this.#child = undefined;
    const group = child?.pid;
    if (child && group !== undefined) {
      signalGroup(group, 'SIGTERM');
      const deadline = Date.now() + STOP_TIMEOUT_MS;
      while (groupAlive(group) && Date.now() < deadline) await sleep(100);
      if (groupAlive(group)) signalGroup(group, 'SIGKILL');
      // Bounded: an orphan's zombie stays in the group until its new parent reaps it.
      const killDeadline = Date.now() + 5_000;
      while (groupAlive(group) && Date.now() < killDeadline) await sleep(100);
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    }
    if (this.#stateDir) rmSync(this.#stateDir, { recursive: true, force: true });
  }
}

/** Sends `signal` to process group `group`; a group already gone is no error. */
function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Whether any process of group `group` is still running. */
function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}
