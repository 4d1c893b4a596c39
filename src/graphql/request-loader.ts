import DataLoader from 'dataloader';

/**
 * A DataLoader for one request: it collects the keys asked for while GraphQL walks one level of a
 * result and reads them with one call of `loadBatch`, so a page of 100 rows costs one query per
 * field, not 100. Values are cached for the life of the loader: create loaders per request, never
 * per app (a shared cache would show one staff member's reads to another and never see changes).
 *
 * @param loadBatch reads many keys at once; a key absent from its map gets `missing`.
 */
export function requestLoader<K, V>(
  loadBatch: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
  missing: V,
): DataLoader<K, V> {
  return new DataLoader<K, V>(async (keys) => {
    const found = await loadBatch(keys);
    // DataLoader wants one value per key, in the order of the keys.
    return keys.map((key) => (found.has(key) ? (found.get(key) as V) : missing));
  });
}
