/**
 * The PCO client of the configured upstream: Planning Center itself with the Personal Access
 * Token, or, in the demo entry, its fake Planning Center (src/demo) answering in-process. Both
 * go through the same client, paging, validation and rendering code. This module imports no
 * fake: the production bundle holds none.
 */
import { ConfigError, type Upstream } from './env';
import { PcoClient, type PcoClientOptions } from './pco/client';

/** Test and tuning hooks for {@link createPcoClient}. */
export type ClientOverrides = Partial<Omit<PcoClientOptions, 'baseUrl' | 'appId' | 'secret'>>;

/**
 * A PCO client for `upstream`.
 *
 * @param overrides e.g. an injected `fetch` (tests) or shorter timeouts
 * @throws {ConfigError} naming PCO_APP_ID for an `unconfigured` upstream (there is nothing to read)
 */
export function createPcoClient(upstream: Upstream, overrides: ClientOverrides = {}): PcoClient {
  if (upstream.mode === 'unconfigured') {
    throw new ConfigError(upstream.missing[0] ?? 'PCO_APP_ID', 'is not set');
  }
  const { baseUrl, appId, secret } = upstream.mode === 'live' ? upstream : upstream.pco;
  const fetch = overrides.fetch ?? (upstream.mode === 'demo' ? upstream.pco.fetch : undefined);
  return new PcoClient({ ...overrides, ...(fetch ? { fetch } : {}), baseUrl, appId, secret });
}
