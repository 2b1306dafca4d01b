/**
 * `npm run bench:heap`: does `/calendar.ics?limit=10000` render within a 128 MB heap (issue 12)?
 *
 * A Worker isolate has 128 MB; `node --max-old-space-size=128` stands in for it. For each way
 * of rendering, a child Node process with that limit generates bench/synthetic's 10,000
 * occurrences and renders all of them as `/calendar.ics`, reading the body to the end:
 * - `stream` (now): render/fragments `icsStream`, whose first run also builds every VEVENT
 *   fragment (the worst case: a new snapshot's first request), then a second run;
 * - `whole` (before): render/ics `renderIcs`, one body string, encoded as a Response does.
 * Each child prints its body size, the heap the snapshot itself holds (after a GC), the peak V8
 * heap used in each run and the peak total (sampled after every chunk, MiB) plus external memory (the encoded fragments live there); a child that runs out of heap
 * is reported as such. The figure is met when `stream` completes.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

const SIZE = 10_000;
const HEAP_MB = 128;
const MiB = 1024 * 1024;

async function child(mode: 'stream' | 'whole'): Promise<void> {
  // Imported here so the parent process loads none of it.
  const { generate, CONTEXT } = await import('./synthetic');
  const { icsStream } = await import('../src/render/fragments');
  const { renderIcs } = await import('../src/render/ics');
  let peakUsed = 0;
  let peakTotal = 0;
  let peakExternal = 0;
  const sample = () => {
    const heap = getHeapStatistics();
    peakUsed = Math.max(peakUsed, heap.used_heap_size);
    peakTotal = Math.max(peakTotal, heap.total_heap_size);
    peakExternal = Math.max(peakExternal, process.memoryUsage().external);
  };
  const { snapshot } = await generate(SIZE);
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = getHeapStatistics().used_heap_size;
  sample();
  const perRun: number[] = [];
  const occurrences = snapshot.occurrences;
  const runs: number[] = [];
  for (let run = 0; run < 2; run += 1) {
    (globalThis as { gc?: () => void }).gc?.();
    let bytes = 0;
    if (mode === 'stream') {
      const reader = icsStream(snapshot, occurrences, CONTEXT).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.length;
        sample();
      }
    } else {
      bytes = new TextEncoder().encode(renderIcs(snapshot, occurrences, CONTEXT)).length;
    }
    sample();
    runs.push(bytes);
    perRun.push(peakUsed);
    peakUsed = 0;
  }
  const mib = (n: number) => (n / MiB).toFixed(1);
  console.log(
    `${mode}: ${occurrences.length} occurrences, body ${mib(runs[0] ?? 0)} MiB; heap used by the snapshot ${mib(baseline)} MiB, peak used in run 1 ${mib(perRun[0] ?? 0)} MiB, run 2 ${mib(perRun[1] ?? 0)} MiB; peak heap total ${mib(peakTotal)} MiB, external ${mib(peakExternal)} MiB`,
  );
}

function parent(): void {
  const self = fileURLToPath(import.meta.url);
  console.log(`/calendar.ics with ${SIZE} occurrences under node --max-old-space-size=${HEAP_MB}:`);
  let failed = false;
  for (const mode of ['stream', 'whole'] as const) {
    const result = spawnSync(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, '--expose-gc', self, 'child', mode],
      { encoding: 'utf8' },
    );
    const oom = /heap out of memory|Allocation failed/i.test(result.stderr);
    if (result.status === 0) console.log(`  ${result.stdout.trim()}`);
    else {
      console.log(`  ${mode}: ${oom ? 'ran out of heap' : `failed (exit ${result.status})`}`);
      if (!oom) console.log(result.stderr.split('\n').slice(0, 5).join('\n'));
    }
    if (mode === 'stream' && result.status !== 0) failed = true;
  }
  if (failed) process.exitCode = 1;
}

const [, , role, mode] = process.argv;
if (role === 'child' && (mode === 'stream' || mode === 'whole')) await child(mode);
else parent();
