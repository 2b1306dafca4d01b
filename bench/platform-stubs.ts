/**
 * In-memory stand-ins for the Workers platform pieces Node lacks, so the benchmark can run the
 * real Worker: a KV namespace (get/put/delete/list with the types the app uses) and
 * `caches.default`. They hold data in Maps and do no I/O, so timings are of our own code.
 */

/** A Map-backed `KVNamespace` subset: `get` (text, json, arrayBuffer), `put`, `delete`, `list`. */
export function memoryKv(): KVNamespace {
  const store = new Map<string, string | ArrayBuffer>();
  const kv = {
    async get(key: string, type?: 'text' | 'json' | 'arrayBuffer') {
      const value = store.get(key);
      if (value === undefined) return null;
      if (type === 'arrayBuffer')
        return value instanceof ArrayBuffer ? value : new TextEncoder().encode(value).buffer;
      const text = value instanceof ArrayBuffer ? new TextDecoder().decode(value) : value;
      return type === 'json' ? JSON.parse(text) : text;
    },
    async put(key: string, value: string | ArrayBuffer) {
      store.set(key, value);
    },
    async delete(key: string) {
      store.delete(key);
    },
    async list() {
      return {
        keys: [...store.keys()].map((name) => ({ name })),
        list_complete: true,
        cacheStatus: null,
      };
    },
  };
  return kv as unknown as KVNamespace;
}

/** Installs a Map-backed `caches.default` on `globalThis` (Cache API `match`/`put`). */
export function installMemoryCache(): void {
  const entries = new Map<string, { body: ArrayBuffer; init: ResponseInit }>();
  const cache = {
    async match(request: Request) {
      const entry = entries.get(request.url);
      return entry ? new Response(entry.body, entry.init) : undefined;
    },
    async put(request: Request, response: Response) {
      entries.set(request.url, {
        body: await response.arrayBuffer(),
        init: { status: response.status, headers: [...response.headers.entries()] },
      });
    },
  };
  Object.assign(globalThis, { caches: { default: cache } });
}

/** An `ExecutionContext` whose `waitUntil` work can be awaited with `settle()`. */
export function executionContext(): ExecutionContext & { settle: () => Promise<void> } {
  const pending: Promise<unknown>[] = [];
  return {
    waitUntil: (promise: Promise<unknown>) => void pending.push(promise),
    passThroughOnException: () => undefined,
    props: {},
    settle: async () => {
      await Promise.allSettled(pending.splice(0));
    },
  } as unknown as ExecutionContext & { settle: () => Promise<void> };
}
