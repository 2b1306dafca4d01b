/**
 * CPU time of a piece of work, as an isolate would be billed for it: `process.cpuUsage` user +
 * system, in milliseconds, the median over several runs (the first runs are not discarded: a
 * Worker's first request pays for its cold code too, and the median keeps one slow run out).
 */

/**
 * Median CPU milliseconds of `run` over `runs` runs, each awaited before the next.
 *
 * @param setup called before each run and not measured (e.g. a fresh fragment set)
 */
export async function cpuMedian<T>(
  run: (prepared: T) => unknown,
  runs = 15,
  setup: () => T = () => undefined as T,
): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const prepared = setup();
    const before = process.cpuUsage();
    await run(prepared);
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}
