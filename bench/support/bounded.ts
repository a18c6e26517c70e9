/**
 * Runs `task(i)` for i in [0, n) with at most `concurrency` in flight; returns the wall time in ms.
 * The same bounded parallelism the importer uses for its starts.
 */
export async function runBounded(n: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = Date.now();
  const lane = async () => {
    for (let i = next++; i < n; i = next++) await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  return Date.now() - started;
}
