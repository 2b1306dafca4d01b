/**
 * The fake Planning Center serving the client conformance fixture, as a Worker for
 * `wrangler dev` (config: `test/clients/wrangler.fake-pco.toml`), started by the client suite.
 *
 * Vars: `FIXTURE_NOW` (required, ISO instant: the fixture's clock, shared with the tests),
 * `FAKE_PCO_APP_ID`/`FAKE_PCO_SECRET` (Basic credentials, default the test church's), and
 * `CONTROL_ENDPOINTS`. Only when that is exactly `enabled` do two control routes exist:
 * `POST /__control/version/{1|2}` switches the served calendar to that fixture version (204), and
 * `GET /__control/requests` answers `{ "requests": n }`, the number of Planning Center requests
 * this fake has answered so far (the client suite counts the app's upstream requests with it).
 * Otherwise both paths are ordinary unknown PCO routes (404), so they never exist by accident.
 */
import { FakePco } from '../../src/fake-pco/server';
import { TEST_CREDENTIALS } from '../fixtures/church';
import { buildConformanceFixture, type FixtureVersion } from './fixture';

/** Bindings of the conformance fake PCO Worker. */
interface ConformancePcoBindings {
  FIXTURE_NOW?: string;
  FAKE_PCO_APP_ID?: string;
  FAKE_PCO_SECRET?: string;
  CONTROL_ENDPOINTS?: string;
}

const CONTROL_PATH = /^\/__control\/version\/([12])$/;
const REQUESTS_PATH = '/__control/requests';

let fake: FakePco | undefined;

/** The fake for this isolate, built on first use from `FIXTURE_NOW` (version 1). */
function fakeOf(env: ConformancePcoBindings): FakePco {
  if (fake) return fake;
  const now = new Date(env.FIXTURE_NOW ?? '');
  if (Number.isNaN(now.getTime())) throw new Error('FIXTURE_NOW must be an ISO instant');
  fake = new FakePco({
    dataset: buildConformanceFixture(now, 1).church.dataset,
    credentials: {
      appId: env.FAKE_PCO_APP_ID ?? TEST_CREDENTIALS.appId,
      secret: env.FAKE_PCO_SECRET ?? TEST_CREDENTIALS.secret,
    },
  });
  return fake;
}

export default {
  async fetch(request: Request, env: ConformancePcoBindings): Promise<Response> {
    const server = fakeOf(env);
    const { pathname } = new URL(request.url);
    if (env.CONTROL_ENDPOINTS === 'enabled' && pathname === REQUESTS_PATH) {
      return Response.json({ requests: server.requests.length });
    }
    const version = CONTROL_PATH.exec(pathname)?.[1];
    if (env.CONTROL_ENDPOINTS === 'enabled' && version && request.method === 'POST') {
      const now = new Date(env.FIXTURE_NOW ?? '');
      server.dataset = buildConformanceFixture(
        now,
        Number(version) as FixtureVersion,
      ).church.dataset;
      return new Response(null, { status: 204 });
    }
    return server.fetch(request);
  },
};
