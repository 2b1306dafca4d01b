/**
 * `npm run check`'s logic ({@link runCheck}) against the fake PCO: the demo, a live account,
 * refused credentials (401 `text/html`, as real PCO answers) and a malformed document.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoDataset } from '../fake-pco/demo-data';
import { FakePco } from '../fake-pco/server';
import { CHECK_EXIT, parseDevVars, runCheck } from './run';

const NOW = new Date('2027-05-03T12:00:00Z');
const SECRET = 'pco_pat_secret_do_not_print_4242';
const LIVE = { PCO_APP_ID: 'app-id-1234', PCO_SECRET: SECRET, PCO_API_BASE: 'https://pco.test' };

async function check(env: Record<string, string>, fake?: FakePco) {
  const lines: string[] = [];
  const code = await runCheck({
    env,
    // The demo calendar is dated from the real clock; a fake one from NOW.
    ...(fake ? { now: NOW } : {}),
    write: (line) => lines.push(line),
    ...(fake ? { fetch: (request: Request) => fake.fetch(request) } : {}),
  });
  return { code, text: lines.join('\n') };
}

const fakeFor = (secret = SECRET) =>
  new FakePco({
    dataset: buildDemoDataset(NOW),
    credentials: { appId: LIVE.PCO_APP_ID, secret },
  });

describe('runCheck', () => {
  it('reads the demo without credentials and prints the counts', async () => {
    const { code, text } = await check({});
    expect(code).toBe(CHECK_EXIT.ok);
    expect(text).toContain('built-in demo calendar');
    expect(text).toMatch(/^Organization: Grace Community Church$/m);
    expect(text).toMatch(/^Time zone: America\/Chicago$/m);
    expect(text).toMatch(/^Instances read: \d{3}$/m);
    expect(text).toMatch(/^ {2}event-hidden: \d+$/m);
    expect(text).toMatch(/^ {2}unreadable-times: 1$/m);
    expect(text).toMatch(/^ {2}EventInstance 900201 \(event 9002\): kind: null$/m);
    expect(text).toMatch(/^Upstream requests: [3-9]$/m);
  });

  it('reads a live account with the same figures the fake holds', async () => {
    const fake = fakeFor();
    const { code, text } = await check(LIVE, fake);
    expect(code).toBe(CHECK_EXIT.ok);
    expect(text).toMatch(/^Skipped records: 0$/m);
    expect(text).toContain(`Upstream requests: ${fake.requests.length}`);
    expect(text).not.toContain(SECRET);
  });

  it('exits non-zero with a plain message on 401, never printing the secret', async () => {
    const { code, text } = await check(LIVE, fakeFor('another-secret'));
    expect(code).toBe(CHECK_EXIT.unreadable);
    expect(text).toContain('Planning Center refused the credentials');
    expect(text).toContain('HTTP Basic: Access denied.');
    expect(text).toContain('Check PCO_APP_ID and PCO_SECRET');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(btoa(`${LIVE.PCO_APP_ID}:${SECRET}`));
  });

  it('exits non-zero with a plain message on a malformed document', async () => {
    const fake = fakeFor();
    fake.injectFault(
      { kind: 'malformed-json' },
      { match: (url) => url.pathname.endsWith('/event_instances') },
    );
    const { code, text } = await check(LIVE, fake);
    expect(code).toBe(CHECK_EXIT.unreadable);
    expect(text).toMatch(
      /FAILED: Planning Center sent a document pco-feeds cannot read: .*not valid JSON/,
    );
    expect(text).not.toContain(SECRET);
  });

  it('names an invalid setting without printing its value', async () => {
    const { code, text } = await check({ PCO_APP_ID: 'app-id-1234' });
    expect(code).toBe(CHECK_EXIT.config);
    expect(text).toContain('invalid setting PCO_SECRET');
  });
});

describe('parseDevVars', () => {
  it('reads KEY=value lines, skipping comments and removing quotes', () => {
    expect(
      parseDevVars(
        '# PAT\nPCO_APP_ID=abc\nPCO_SECRET="s3cr=t"\n\nexport TIME_ZONE = \'America/Denver\'\n',
      ),
    ).toEqual({ PCO_APP_ID: 'abc', PCO_SECRET: 's3cr=t', TIME_ZONE: 'America/Denver' });
  });
});
