/**
 * Occurrence building: what one refresh spends turning PCO records into occurrences, for
 * 1,000 instances (see ./synthetic.ts for the mix).
 * - `buildOccurrence ×1,000`: src/model/occurrence.ts, which sanitizes each description with
 *   js-xss and converts it to text with html-to-text (unless the event has a `summary`);
 * - `sanitizeHtml ×1,000` and `htmlToText ×1,000`: those two steps alone (src/model/text.ts),
 *   on the same descriptions, to show which library dominates.
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
