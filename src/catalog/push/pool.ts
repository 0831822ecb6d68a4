/**
 * Runs `task` over `items`, at most `concurrency` at a time. The first failure stops new tasks from starting; those
 * under way finish, then it is thrown. Pacing is the client's (its rate limiter); this only lets requests overlap
 * their round trips, as incident.io's own catalog-importer does with ten workers.
 */
export async function eachLimited<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failure !== undefined) throw failure.error;
}
