/**
 * The Node entry of `npm run check` (bundled with esbuild, run with node): reads the settings
 * from the environment, then from `.dev.vars` for those not set, and runs {@link runCheck}.
 * Exits with its code. Prints no secret.
 */
import { parseDevVars, runCheck } from './run';

declare const process: {
  env: Record<string, string | undefined>;
  exitCode?: number;
  stdout: { write(text: string): boolean };
};

async function devVars(): Promise<Record<string, string>> {
  const fs = 'node:fs/promises';
  const { readFile } = (await import(fs)) as {
    readFile(path: string, encoding: 'utf8'): Promise<string>;
  };
  try {
    return parseDevVars(await readFile('.dev.vars', 'utf8'));
  } catch {
    return {};
  }
}

const env = { ...(await devVars()), ...process.env };
process.exitCode = await runCheck({
  env,
  write: (line) => process.stdout.write(`${line}\n`),
});
