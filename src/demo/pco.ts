/**
 * The demo's fake Planning Center: the fake PCO server (src/fake-pco) with the sample church
 * (Grace Community Church), answering in-process. Imported only by the demo entry and by tests
 * and benchmarks, never by the production entry.
 */
import { DEMO_APP_ID, DEMO_PCO_API_BASE, DEMO_SECRET } from '../constants';
import type { DemoPco } from '../env';
import { buildDemoDataset } from '../fake-pco/demo-data';
import { withOddRecords } from '../fake-pco/odd-records';
import { FakePco } from '../fake-pco/server';

let demo: { day: string; server: FakePco } | undefined;

/** The demo fake, rebuilt once per UTC day so its calendar stays relative to today. */
function demoServer(now: Date): FakePco {
  const day = now.toISOString().slice(0, 10);
  if (demo?.day !== day) {
    demo = {
      day,
      server: new FakePco({
        // Odd records (unreadable kind, null fields…) give /admin/report every withheld reason.
        dataset: withOddRecords(buildDemoDataset(now), now),
        credentials: { appId: DEMO_APP_ID, secret: DEMO_SECRET },
      }),
    };
  }
  return demo.server;
}

/**
 * The sample church's Planning Center. The fake is resolved per request, so a long-lived
 * client follows the day's demo calendar.
 */
export const DEMO_PCO: DemoPco = {
  baseUrl: DEMO_PCO_API_BASE,
  appId: DEMO_APP_ID,
  secret: DEMO_SECRET,
  fetch: (request) => demoServer(new Date()).fetch(request),
};
