/**
 * `npm run check`: a pre-flight read of the Planning Center account through the same client,
 * decoder and publication rule as the Worker. It prints the organization, its time zone, the
 * instances read, published and withheld by reason, the upstream requests made, and every
 * record it had to skip, and says plainly why when it cannot read the account.
 *
 * This module does no I/O of its own (the CLI in `cli.ts` passes the environment, `fetch` and an
 * output), so it runs in workerd under `npm test`. Secrets never reach the output: PCO errors
 * carry no credentials, and configuration errors name settings and quote only non-secret values
 * (never `PCO_SECRET`, `PCO_APP_ID` or a token).
 */
import { DEMO_PCO } from '../demo/pco';
import { ConfigError, parseConfig } from '../env';
import { UNPUBLISHED_REASONS } from '../model/publication-rule';
import type { FetchLike } from '../pco/client';
import { PcoError } from '../pco/errors';
import { publicationJson, readPublication } from '../snapshot/publication';
import { createPcoClient } from '../upstream';

/** Exit codes of {@link runCheck}. */
export const CHECK_EXIT = { ok: 0, unreadable: 1, config: 2 } as const;

/** Options of {@link runCheck}. */
export interface CheckOptions {
  /** Settings as the Worker reads them (`PCO_APP_ID`, `PCO_SECRET`, `PCO_API_BASE`, …). */
  env: Record<string, string | undefined>;
  /** One line of output (no trailing newline). */
  write: (line: string) => void;
  /** [opt=global fetch; the in-process demo without credentials] transport. */
  fetch?: FetchLike;
  /** [opt=new Date()] the read's clock. */
  now?: Date;
}

/**
 * Reads the account once and prints what would be published.
 *
 * @returns {@link CHECK_EXIT}: 0 when the account was read, 1 when Planning Center refused the
 *   credentials, failed, or sent a document that cannot be read, 2 for invalid settings
 */
export async function runCheck(options: CheckOptions): Promise<number> {
  const { write } = options;
  let config: ReturnType<typeof parseConfig>;
  try {
    // Without credentials: the demo's fake Planning Center, as `npm start` serves it.
    config = parseConfig(options.env, DEMO_PCO);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    write(`pco-feeds check: invalid setting ${error.setting}: ${error.message}`);
    return CHECK_EXIT.config;
  }
  const client = createPcoClient(
    config.upstream,
    // Fail fast on the command line: no long backoff, no long rate-limit wait.
    { maxAttempts: 2, maxWaitSeconds: 20, ...(options.fetch ? { fetch: options.fetch } : {}) },
  );
  const source =
    config.upstream.mode === 'live'
      ? `Planning Center at ${config.upstream.baseUrl}`
      : 'the built-in demo calendar (no PCO_APP_ID/PCO_SECRET set)';
  write(`pco-feeds check: reading ${source}`);
  try {
    const publication = await readPublication(client, config, options.now ?? new Date());
    const report = publicationJson(publication, client.stats.requests);
    write(`Organization: ${report.organization.name}`);
    write(`Time zone: ${report.organization.time_zone}`);
    write(`Window: ${report.window.from} to ${report.window.to}`);
    write(`Instances read: ${report.instances_read}`);
    write(`Published: ${report.published}`);
    const withheld = UNPUBLISHED_REASONS.filter((r) => report.withheld[r]);
    write(`Withheld: ${withheld.reduce((n, r) => n + (report.withheld[r] ?? 0), 0)}`);
    for (const reason of withheld) write(`  ${reason}: ${report.withheld[reason]}`);
    const n = report.notices;
    write(
      `Published with notes: ${n.optional_field_dropped} with a malformed optional field dropped, ` +
        `${n.published_times_differ} at PCO's published times (EventTimes disagree), ` +
        `${n.published_times_only} at PCO's published times (no EventTimes)`,
    );
    write(
      `Attachments: ${config.publishAttachments ? 'published' : 'not published (PUBLISH_ATTACHMENTS is not true)'}`,
    );
    write(
      `Internal tags (shown nowhere): ${report.internal_tags.map((t) => t.name).join(', ') || 'none'}`,
    );
    write(`Skipped records: ${report.skipped.length}`);
    for (const skipped of report.skipped) {
      const event = skipped.event_id ? ` (event ${skipped.event_id})` : '';
      write(`  ${skipped.type} ${skipped.id}${event}: ${skipped.problems.join('; ')}`);
    }
    write(`Upstream requests: ${report.upstream_requests}`);
    return CHECK_EXIT.ok;
  } catch (error) {
    if (!(error instanceof PcoError)) throw error;
    write(`pco-feeds check: FAILED: ${explain(error)}`);
    write(`Upstream requests: ${client.stats.requests}`);
    return CHECK_EXIT.unreadable;
  }
}

/** A plain sentence for a failed read. */
function explain(error: PcoError): string {
  switch (error.kind) {
    case 'auth':
      return `Planning Center refused the credentials (${error.message}). Check PCO_APP_ID and PCO_SECRET: a Personal Access Token's application id and secret.`;
    case 'schema':
      return `Planning Center sent a document pco-feeds cannot read: ${error.message}${error.request ? ` (${error.request})` : ''}`;
    case 'rate-limit':
      return `Planning Center's rate limit was reached: ${error.message}. Try again in a minute.`;
    default:
      return `Planning Center could not be read: ${error.message}`;
  }
}

/**
 * `KEY=value` lines of a `.dev.vars` file (wrangler's dotenv format): `#` comments and blank
 * lines skipped, one pair of surrounding quotes removed.
 */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match?.[1] || line.trim().startsWith('#')) continue;
    const value = match[2] ?? '';
    vars[match[1]] = /^(['"]).*\1$/.test(value) ? value.slice(1, -1) : value;
  }
  return vars;
}
