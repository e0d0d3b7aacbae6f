import DataLoader from "dataloader";

/**
 * A per-request DataLoader over one query of many keys. `fetch` returns the found documents in any order;
 * the loader answers in key order with null for a missing key, as DataLoader requires.
 */
export function keyedLoader<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K, cacheKey?: (key: K) => unknown): DataLoader<K, V | null, unknown> {
  return new DataLoader<K, V | null, unknown>(
    async (keys) => {
      const found = await fetch(keys);
      const byKey = new Map<unknown, V>();
      const normalise = cacheKey ?? ((key: K) => key);
      for (const value of found) byKey.set(normalise(keyOf(value)), value);
      return keys.map((key) => byKey.get(normalise(key)) ?? null);
    },
    { cacheKeyFn: cacheKey, maxBatchSize: 500 },
  );
}
