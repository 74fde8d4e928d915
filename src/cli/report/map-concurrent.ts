/** Maps over items with at most `limit` calls in flight, keeping the results in input order. */

/**
 * @param items - inputs
 * @param limit - most calls running at once (at least 1)
 * @param fn - the async step; a rejection rejects the whole map (calls already running finish)
 * @returns results, `results[i]` for `items[i]`
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    // Each worker claims the next index synchronously, so no item runs twice.
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
