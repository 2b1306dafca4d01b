/** The Hono environment shared by every route: bindings and per-request variables. */
import type { Bindings, Config } from '../env';
import type { Runtime } from '../runtime';

/** Hono `Env` of the app. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: { config: Config; runtime: Runtime };
}
