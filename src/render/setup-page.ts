/**
 * The setup page: what a deployed Worker without Planning Center credentials serves at `/`
 * instead of any calendar. It names what is missing, gives the exact commands, and points to
 * the README section; the feeds answer 503 with {@link setupReason}, the same words.
 */

/** The settings whose absence the page explains. */
export type MissingSettings = readonly string[];

/** The commands that set the missing secrets, one per line. */
export function setupCommands(missing: MissingSettings): string[] {
  return missing.map((name) => `npx wrangler secret put ${name}`);
}

/** One plain-text paragraph: what is missing and how to fix it (the 503 body of the feeds). */
export function setupReason(missing: MissingSettings): string {
  return (
    `this calendar is not set up yet: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set. ` +
    `Create a Personal Access Token at https://api.planningcenteronline.com/oauth/applications, then run ` +
    `${setupCommands(missing)
      .map((c) => `\`${c}\``)
      .join(' and ')} in the project folder ` +
    `(README, section "Deploy in 5 minutes").`
  );
}

/** The page's only style (allowed by hash in its CSP). */
export const SETUP_PAGE_CSS =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2937;background:#fff}' +
  'pre{background:#f3f4f6;padding:.75rem 1rem;overflow-x:auto;border-radius:6px}code{font-size:.95em}';

/** The setup page's HTML (static text; nothing from the request or the environment). */
export function renderSetupPage(missing: MissingSettings): string {
  const list = missing.map((name) => `<li><code>${name}</code></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>Calendar not set up yet · pco-feeds</title><style>${SETUP_PAGE_CSS}</style></head><body><main>
<h1>This calendar is not set up yet</h1>
<p>pco-feeds is running, but it has no Planning Center credentials, so it publishes nothing. Missing:</p>
<ul>${list}</ul>
<h2>Fix it</h2>
<ol>
<li>In Planning Center, open <a href="https://api.planningcenteronline.com/oauth/applications">your developer account</a> and create a <strong>Personal Access Token</strong>. Copy its Application ID and Secret.</li>
<li>In the project folder, run these and paste each value when asked:<pre><code>${setupCommands(missing).join('\n')}</code></pre></li>
<li>Reload this page. The calendar appears within a minute; no new deploy is needed.</li>
</ol>
<p>Step by step: section “Deploy in 5 minutes” of the <code>README.md</code> in the folder you deployed from.</p>
</main></body></html>
`;
}
