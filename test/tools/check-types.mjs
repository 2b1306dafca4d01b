/**
 * `npm run typecheck` step: fails when src/worker-configuration.d.ts (the Env types that
 * `npm run types` generates from wrangler.toml and .dev.vars.example) is stale. It regenerates
 * the file in place and compares; on a difference the new file is left for you to commit.
 * (`wrangler types --check` cannot be used: it ignores `--env-file` and reads your .dev.vars.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const FILE = 'src/worker-configuration.d.ts';
const before = readFileSync(FILE, 'utf8');
execFileSync('npm', ['run', '--silent', 'types'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false' },
});
if (readFileSync(FILE, 'utf8') !== before) {
  console.error(
    `${FILE} was out of date with wrangler.toml or .dev.vars.example; it has been regenerated: commit it.`,
  );
  process.exit(1);
}
