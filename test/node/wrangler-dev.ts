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

/** One `wrangler dev` process, started and stopped by its own PID. */
export class WranglerDev {
  #child: ChildProcess | undefined;
  #stateDir = '';

  constructor(
    private readonly name: string,
    private readonly args: (stateDir: string) => string[],
    private readonly ready: { url: string; status: number; timeoutMs?: number },
    private readonly logDir: string,
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
      if (status === this.ready.status) return;
      await sleep(250);
    }
    await this.stop();
    const tail = readFileSync(log, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`${this.name}: wrangler dev did not become ready; log ${log}:\n${tail}`);
  }

  /** Stops the process by its PID (SIGTERM, then SIGKILL), and drops its state directory. */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    if (this.#stateDir) rmSync(this.#stateDir, { recursive: true, force: true });
  }
}
