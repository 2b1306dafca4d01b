/**
 * Occurrence building: what one refresh spends turning PCO records into occurrences, for
 * 1,000 instances (see ./synthetic.ts for the mix).
 * - `buildOccurrence ×1,000`: src/model/occurrence.ts, each occurrence with a fresh
 *   DescriptionCache, so each description is converted (src/model/rich-text.ts) every time, as
 *   before the per-refresh cache; a refresh shares one cache (see ./text.bench.ts);
 * - `sanitizeHtml ×1,000` and `htmlToText ×1,000`: src/model/text.ts alone on the same
 *   descriptions (each runs the whole one-pass conversion and keeps one of its two forms).
 *
 * How to read it: milliseconds per 1,000 calls; medians are in the table printed by
 * ./median-reporter.ts after vitest's own.
 */
import { bench, describe } from 'vitest';
import { buildOccurrence } from '../src/model/occurrence';
import { htmlToText, sanitizeHtml } from '../src/model/text';
import { generate } from './synthetic';

const { inputs } = await generate(1_000);
const descriptions = inputs.map(
  (input) => input.instance.attributes.description ?? input.event.attributes.description ?? '',
);
const options = { time: 1_000, iterations: 10, warmupIterations: 2 };

describe('build 1,000 occurrences', () => {
  bench(
    'buildOccurrence ×1,000',
    () => {
      for (const input of inputs) buildOccurrence(input);
    },
    options,
  );
  bench(
    'sanitizeHtml ×1,000',
    () => {
      for (const html of descriptions) sanitizeHtml(html);
    },
    options,
  );
  bench(
    'htmlToText ×1,000',
    () => {
      for (const html of descriptions) htmlToText(html);
    },
    options,
  );
});
