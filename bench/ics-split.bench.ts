/**
 * Where `renderIcs` spends its time, at 1,000 occurrences: ical-generator or our code.
 *
 * The real `renderIcs` runs unchanged; `vi.mock` only wraps, with a timer around each call,
 * - ical-generator's `createEvent`, each VEVENT's `toString` and the header calendar's
 *   `toString` (the library's work), and
 * - our helpers: `occurrenceText` (src/render/occurrence-text.ts, the DESCRIPTION text), and
 *   from src/render/ics-lines.ts `contentLine` (ATTACH/IMAGE lines) and `foldLines` (the one
 *   folding pass over the whole body).
 * `rest` is the remainder of the render: luxon `DateTime.fromISO` per occurrence, SEQUENCE,
 * URL escaping, string assembly, and the loop itself.
 *
 * How to read it: after the run, a "stdout | bench/ics-split.bench.ts" block prints, for each
 * part, its median time per render (ms) over the timed iterations and its share of the median
 * total. Medians of parts need not add up exactly to the median total.
 */
import { bench, describe, vi } from 'vitest';
import { renderIcs } from '../src/render/ics';
import { CONTEXT, generate } from './synthetic';

const timing = vi.hoisted(() => {
  const current = new Map<string, number>();
  return {
    current,
    timed<A extends unknown[], R>(part: string, fn: (...args: A) => R): (...args: A) => R {
      return (...args: A) => {
        const start = performance.now();
        try {
          return fn(...args);
        } finally {
          current.set(part, (current.get(part) ?? 0) + performance.now() - start);
        }
      };
    },
  };
});

vi.mock('ical-generator', async (importOriginal) => {
  const library = await importOriginal<typeof import('ical-generator')>();
  const ical: typeof library.default = (...args) => {
    const calendar = library.default(...args);
    const createEvent = calendar.createEvent.bind(calendar);
    calendar.createEvent = timing.timed('ical-generator createEvent', (data) => {
      const event = createEvent(data);
      event.toString = timing.timed('ical-generator VEVENT toString', event.toString.bind(event));
      return event;
    });
    calendar.toString = timing.timed(
      'ical-generator header toString',
      calendar.toString.bind(calendar),
    );
    return calendar;
  };
  return { ...library, default: ical };
});

vi.mock('../src/render/ics-lines', async (importOriginal) => {
  const lines = await importOriginal<typeof import('../src/render/ics-lines')>();
  return {
    ...lines,
    contentLine: timing.timed('ours: contentLine (ATTACH/IMAGE)', lines.contentLine),
    foldLines: timing.timed('ours: foldLines', lines.foldLines),
  };
});

vi.mock('../src/render/occurrence-text', async (importOriginal) => {
  const text = await importOriginal<typeof import('../src/render/occurrence-text')>();
  return { ...text, occurrenceText: timing.timed('ours: occurrenceText', text.occurrenceText) };
});

const SIZE = 1_000;
const { snapshot } = await generate(SIZE);
const samples: Array<Map<string, number>> = [];

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function report(): void {
  const parts = [...new Set(samples.flatMap((sample) => [...sample.keys()]))];
  const total = median(samples.map((sample) => sample.get('total') ?? 0));
  const rows = parts.map((part) => {
    const value = median(samples.map((sample) => sample.get(part) ?? 0));
    const share = part === 'total' ? '' : `${((100 * value) / total).toFixed(1)} %`;
    return `  ${part.padEnd(36)} ${value.toFixed(2).padStart(8)} ms  ${share.padStart(7)}`;
  });
  console.log(
    [`renderIcs ${SIZE} occurrences, median of ${samples.length} renders:`, ...rows].join('\n'),
  );
}

describe(`renderIcs split (${SIZE.toLocaleString('en-US')} occurrences)`, () => {
  bench(
    'ics (instrumented)',
    () => {
      timing.current.clear();
      const start = performance.now();
      renderIcs(snapshot, snapshot.occurrences, CONTEXT);
      const sample = new Map(timing.current);
      const total = performance.now() - start;
      const known = [...sample.values()].reduce((sum, value) => sum + value, 0);
      sample.set('rest', total - known);
      sample.set('total', total);
      samples.push(sample);
    },
    {
      time: 1_000,
      iterations: 10,
      warmupIterations: 2,
      setup: () => {
        samples.length = 0;
      },
      teardown: (_task, mode) => {
        if (mode === 'run') report();
      },
    },
  );
});
