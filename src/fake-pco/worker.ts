/**
 * The fake PCO server as a standalone Worker, so a real HTTP client can use it:
 * `npm run fake-pco` serves the demo church on http://127.0.0.1:8788 with Basic credentials
 * `FAKE_PCO_APP_ID`/`FAKE_PCO_SECRET` (default `demo`/`demo`). Point pco-feeds at it with
 * `wrangler dev --var PCO_API_BASE:http://127.0.0.1:8788 --var PCO_APP_ID:demo --var PCO_SECRET:demo`.
 */
import { buildDemoDataset } from './demo-data';
import { withOddRecords } from './odd-records';
import { FakePco } from './server';

/** Bindings of the fake PCO Worker. */
interface FakePcoBindings {
  FAKE_PCO_APP_ID?: string;
  FAKE_PCO_SECRET?: string;
}

let server: { day: string; fake: FakePco } | undefined;

export default {
  fetch(request: Request, env: FakePcoBindings): Promise<Response> {
    const now = new Date();
    const day = now.toISOString().slice(0, 10);
    if (server?.day !== day) {
      const credentials = {
        appId: env.FAKE_PCO_APP_ID ?? 'demo',
        secret: env.FAKE_PCO_SECRET ?? 'demo',
      };
      server = {
        day,
        fake: new FakePco({ dataset: withOddRecords(buildDemoDataset(now), now), credentials }),
      };
    }
    return server.fake.fetch(request);
  },
} satisfies ExportedHandler<FakePcoBindings>;
