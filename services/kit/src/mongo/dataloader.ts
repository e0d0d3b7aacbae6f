import DataLoader from "dataloader";
import { processMetrics } from "../observability/metrics.js";

/**
 * A DataLoader batch function that records each batch's size under the loader's name
 * (sos_dataloader_batch_size): a list whose loader keeps dispatching batches of one is an N+1.
 */
export function observedBatch<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>): DataLoader.BatchLoadFn<K, V> {
  const sizes = processMetrics().dataloaderBatch.labels({ loader: name });
  return (keys) => {
    sizes.observe(keys.length);
    return batch(keys);
  };
}

/**
 * A per-request DataLoader over one query of many keys. `fetch` returns the found documents in any order;
 * the loader answers in key order with null for a missing key, as DataLoader requires.
 */
export function keyedLoader<K, V>(name: string, fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K, cacheKey?: (key: K) => unknown): DataLoader<K, V | null, unknown> {
  return new DataLoader<K, V | null, unknown>(
    observedBatch(name, async (keys) => {
      const found = await fetch(keys);
      const byKey = new Map<unknown, V>();
      const normalise = cacheKey ?? ((key: K) => key);
      for (const value of found) byKey.set(normalise(keyOf(value)), value);
      return keys.map((key) => byKey.get(normalise(key)) ?? null);
    }),
    { cacheKeyFn: cacheKey, maxBatchSize: 500 },
  );
}

/** Loaders of one list per distinct arguments; `clear(key)` forgets an owner's pages after a write, `clearAll()` every page. */
export interface PagedLoaders<A, V> {
  (args: A): DataLoader<string, V>;
  clear(key: string): void;
  clearAll(): void;
}

/**
 * Per-request loaders of one list for many owners, one loader per distinct arguments (`first`, filters):
 * `Member.authorizations(first: 5)` for fifty members is one batch, one database command.
 */
export function pagedLoaders<A, V>(name: string, fetch: (keys: readonly string[], args: A) => Promise<Map<string, V>>): PagedLoaders<A, V> {
  const byArgs = new Map<string, DataLoader<string, V>>();
  const loaders = (args: A): DataLoader<string, V> => {
    const id = JSON.stringify(args);
    let loader = byArgs.get(id);
    if (!loader) {
      loader = new DataLoader<string, V>(
        observedBatch(name, async (keys) => {
          const found = await fetch(keys, args);
          return keys.map((key) => found.get(key) as V);
        }),
        { maxBatchSize: 200 },
      );
      byArgs.set(id, loader);
    }
    return loader;
  };
  return Object.assign(loaders, {
    clear(key: string) {
      for (const loader of byArgs.values()) loader.clear(key);
    },
    clearAll() {
      byArgs.clear();
    },
  });
}
