interface Pending<K, V> {
  readonly key: K;
  resolve(value: V): void;
  reject(error: unknown): void;
}

/**
 * Collects the keys asked for while GraphQL walks one level of a result and loads them with one
 * query (the DataLoader pattern), so a page of 100 clients costs one query per field, not 100.
 * Results are cached for the life of the loader, which is one request.
 */
export class BatchLoader<K, V> {
  private readonly cache = new Map<K, Promise<V>>();
  private queue: Pending<K, V>[] = [];

  /**
   * @param loadBatch loads many keys at once; a key absent from its map gets `missing`.
   */
  constructor(
    private readonly loadBatch: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
    private readonly missing: V,
  ) {}

  load(key: K): Promise<V> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const promise = new Promise<V>((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      // setImmediate runs after every pending promise job, i.e. after graphql-js and the permission
      // middleware have reached all sibling fields of this level.
      if (this.queue.length === 1) setImmediate(() => void this.dispatch());
    });
    this.cache.set(key, promise);
    return promise;
  }

  private async dispatch(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    try {
      const values = await this.loadBatch(batch.map((p) => p.key));
      for (const pending of batch)
        pending.resolve(values.has(pending.key) ? (values.get(pending.key) as V) : this.missing);
    } catch (error) {
      for (const pending of batch) {
        this.cache.delete(pending.key);
        pending.reject(error);
      }
    }
  }
}
