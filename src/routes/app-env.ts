/** The Hono environment shared by every route: bindings and per-request variables. */
import type { Bindings, Config } from '../env';
import type { PcoClient } from '../pco/client';
import type { SnapshotSource } from '../snapshot/snapshot-source';

/** One configured upstream's long-lived state in this isolate. */
export interface Runtime {
  client: PcoClient;
  source: SnapshotSource;
}

/** Hono `Env` of the app. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: { config: Config; runtime: Runtime };
}
