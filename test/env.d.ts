/** Types the test Worker's `env` (from `cloudflare:test` / `cloudflare:workers`) as our bindings. */
import type { Bindings } from '../src/env';

declare global {
  namespace Cloudflare {
    interface Env extends Required<Pick<Bindings, 'SNAPSHOTS'>> {}
  }
}
