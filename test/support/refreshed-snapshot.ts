/**
 * A snapshot of a fake dataset, read the way a refresh reads Planning Center: FakePco →
 * PcoClient → refreshSnapshot, with attachments published (they are private by default).
 */
import { parseConfig } from '../../src/env';
import type { FakeDataset } from '../../src/fake-pco/dataset';
import { FakePco } from '../../src/fake-pco/server';
import type { Snapshot } from '../../src/model/snapshot';
import { PcoClient } from '../../src/pco/client';
import { refreshSnapshot } from '../../src/snapshot/refresh';

/** The snapshot a refresh at `now` builds from `dataset`, served with `credentials`. */
export async function refreshedSnapshot(
  dataset: FakeDataset,
  now: Date,
  credentials: { appId: string; secret: string },
): Promise<Snapshot> {
  const fake = new FakePco({ dataset, credentials });
  const config = parseConfig({
    PCO_APP_ID: credentials.appId,
    PCO_SECRET: credentials.secret,
    PCO_API_BASE: 'https://pco.test',
    PUBLISH_ATTACHMENTS: 'true',
  });
  const client = new PcoClient({
    baseUrl: 'https://pco.test',
    ...credentials,
    fetch: (request) => fake.fetch(request),
  });
  return refreshSnapshot({ client, config, now });
}
