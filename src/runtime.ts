/**
 * Long-lived state of one isolate: configuration parsed once per `env`, and per configuration a
 * PCO client and a snapshot source over the `SNAPSHOTS` KV namespace. Routes and the cron
 * handler share it, so a cron refresh warms the same memory requests read.
 */
import { renderFingerprint, snapshotKeys } from './cache/keys';
import type { CachePurge } from './cache/purge';
import { SnapshotStore } from './cache/snapshot-store';
import { type Bindings, type Config, ConfigError, type DemoPco, parseConfig } from './env';
import type { ConnectionsCacheEntry } from './model/snapshot';
import { type PublicationJson, publicationJson, readPublication } from './snapshot/publication';
import { refreshSlice } from './snapshot/refresh';
import { SnapshotSource } from './snapshot/snapshot-source';
import { sha256Hex } from './snapshot/version';
import { type ClientOverrides, createPcoClient } from './upstream';

/** One configuration's snapshot source (over its own PCO client). */
export interface Runtime {
  source: SnapshotSource;
  /** Fingerprint of the rendering settings, part of every edge-cache key. */
  renderFingerprint: string;
  /** Webhook delivery ids seen by this isolate (replay protection, see `routes/webhooks.ts`). */
  seenDeliveries: Set<string>;
  /** A purge that replaces the platform's (tests see the calls; the platform's is per invocation). */
  purge: CachePurge | undefined;
  /** Reads PCO now and reports what is published and why not (`/admin/report`); never cached. */
  report: () => Promise<PublicationJson>;
}

/** Test and tuning hooks. */
export interface RuntimeOptions {
  /** Passed to the PCO client (an injected `fetch`, short timeouts, a recording sleep). */
  client?: ClientOverrides;
  /** [opt=() => new Date()] clock of refreshes and snapshot ages. */
  now?: () => Date;
  /** [opt=setTimeout] wait used while another isolate holds the refresh lease. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * The demo's fake Planning Center, read when no credentials are set (the demo entry,
   * src/demo/index.ts). Without it, missing credentials mean the setup page.
   */
  demo?: DemoPco;
  /** [opt=`ctx.cache.purge` when the platform has it] Workers Caching purge by tag. */
  purge?: CachePurge;
}

/** Config and runtimes of one isolate (one per `createApp`/`createWorker`). */
export class RuntimeRegistry {
  readonly #options: RuntimeOptions;
  readonly #configs = new WeakMap<object, Config>();
  readonly #runtimes = new Map<string, Promise<Runtime>>();

  constructor(options: RuntimeOptions = {}) {
    this.#options = options;
  }

  /**
   * The parsed configuration of `env`, memoized per env object.
   *
   * @throws {ConfigError} naming the invalid setting
   */
  configOf(env: Bindings): Config {
    let config = this.#configs.get(env);
    if (!config) {
      config = parseConfig(env, this.#options.demo);
      this.#configs.set(env, config);
    }
    return config;
  }

  /**
   * The runtime of `env`'s configuration, created on first use.
   *
   * @throws {ConfigError} for invalid settings, missing credentials outside the demo, or a
   *   missing `SNAPSHOTS` binding
   */
  async runtimeOf(env: Bindings): Promise<Runtime> {
    const config = this.configOf(env);
    const kv = env.SNAPSHOTS;
    if (!kv)
      throw new ConfigError(
        'SNAPSHOTS',
        'KV namespace binding is missing; declare it in wrangler.toml',
      );
    const [keys, rendering] = await Promise.all([snapshotKeys(config), renderFingerprint(config)]);
    // In memory only: a rotated secret gets a new client; KV keys never carry credentials.
    const credentials =
      config.upstream.mode === 'live'
        ? (await sha256Hex(`${config.upstream.appId}:${config.upstream.secret}`)).slice(0, 16)
        : config.upstream.mode;
    const id = `${keys.meta}|${rendering}|${config.snapshotMaxAgeSeconds}|${credentials}`;
    let runtime = this.#runtimes.get(id);
    if (!runtime) {
      runtime = Promise.resolve(this.#create(config, new SnapshotStore(kv, keys), rendering));
      this.#runtimes.set(id, runtime);
    }
    return runtime;
  }

  #create(config: Config, store: SnapshotStore, rendering: string): Runtime {
    const now = this.#options.now ?? (() => new Date());
    const client = createPcoClient(config.upstream, this.#options.client);
    // EventConnections read by failed attempts, so the next attempt does not read them again.
    const connectionsCarry: Record<string, ConnectionsCacheEntry> = {};
    const source = new SnapshotSource({
      store,
      maxAgeSeconds: config.snapshotMaxAgeSeconds,
      load: (previous, stored) => {
        // The partial build another invocation stored, merged with this isolate's (newer wins).
        for (const [id, entry] of Object.entries(stored)) {
          const held = connectionsCarry[id];
          if (!held || held.fetchedAt < entry.fetchedAt) connectionsCarry[id] = entry;
        }
        return refreshSlice({ client, config, now: now(), previous, connectionsCarry });
      },
      requestCount: () => client.stats.requests,
      rateLimit: () => client.stats.rateLimit,
      now,
      ...(this.#options.sleep ? { sleep: this.#options.sleep } : {}),
      purge: this.#options.purge,
    });
    const report = async () => {
      const before = client.stats.requests;
      const publication = await readPublication(client, config, now());
      return publicationJson(publication, client.stats.requests - before);
    };
    return {
      source,
      renderFingerprint: rendering,
      seenDeliveries: new Set(),
      purge: this.#options.purge,
      report,
    };
  }
}
