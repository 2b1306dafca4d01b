/** Running the real clients: child processes with bounded time, and the Python helpers. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** Debian's Python: the `python3` on PATH here may be another build without Debian's modules. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

const PY_DIR = join(import.meta.dirname, '..', 'py');

/** What a finished command printed. */
export interface RunResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs `command` with `args`, feeding `input` on stdin.
 *
 * @param options.timeoutMs [opt=60000] the command is killed after this
 * @throws {Error} with the command, exit code and stderr when it fails or times out
 */
export function run(
  command: string,
  args: readonly string[],
  options: { input?: string | Uint8Array; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      {
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n${stderr}`));
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

/**
 * Runs `test/clients/py/<script>` with Debian's Python and parses the JSON it prints.
 *
 * @throws {Error} when the script fails or prints no JSON
 */
export async function python<T>(
  script: string,
  args: readonly string[] = [],
  input?: string | Uint8Array,
): Promise<T> {
  const { stdout } = await run(DEBIAN_PYTHON, [join(PY_DIR, script), ...args], { input });
  return JSON.parse(stdout) as T;
}
