/**
 * A vitest reporter that prints, after the run, one table of every benchmark's median.
 *
 * vitest 4.1's benchmark table shows min/max/mean/p75/p99… but no median, although its runner
 * computes one (`result.benchmark.median`) from the same sorted tinybench samples. This
 * reporter only reads that value (plus mean, p99 and the sample count for context); it does no
 * timing of its own. Times are milliseconds.
 *
 * The raw tasks come from vitest's `experimental_getRunnerTask`, since the public TestCase API
 * does not expose benchmark results. vitest.bench.config.ts loads this file by path, hence the
 * default export.
 */
import type { BenchmarkResult, RunnerTask } from 'vitest';
import {
  type Reporter,
  experimental_getRunnerTask as runnerTask,
  type TestModule,
} from 'vitest/node';

interface Row {
  group: string;
  name: string;
  result: BenchmarkResult;
}

function collect(task: RunnerTask, group: string, rows: Row[]): void {
  if (task.type === 'suite') {
    const name = task.file === task ? group : task.name;
    for (const child of task.tasks) collect(child, name, rows);
    return;
  }
  const result = task.result?.benchmark;
  if (result) rows.push({ group, name: task.name, result });
}

const ms = (value: number) => (value < 10 ? value.toFixed(3) : value.toFixed(1));

/** Prints the medians table once all benchmark files have run. */
export default class MedianReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows: Row[] = [];
    for (const module of testModules) collect(runnerTask(module), module.relativeModuleId, rows);
    if (rows.length === 0) return;
    const head = ['group', 'benchmark', 'median ms', 'mean ms', 'p99 ms', 'samples'];
    const body = rows.map((row) => [
      row.group,
      row.name,
      ms(row.result.median),
      ms(row.result.mean),
      ms(row.result.p99),
      String(row.result.sampleCount),
    ]);
    const widths = head.map((h, i) =>
      Math.max(h.length, ...body.map((cells) => cells[i]?.length ?? 0)),
    );
    const line = (cells: readonly string[]) =>
      cells
        .map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  ');
    const rule = widths.map((w) => '-'.repeat(w)).join('  ');
    console.log(['', 'Medians (p50)', rule, line(head), rule, ...body.map(line), rule].join('\n'));
  }
}
