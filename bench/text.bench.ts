/**
 * Rich-text conversion (src/model/rich-text.ts): what turning descriptions into published
 * HTML and text costs, against a floor measured in the same run.
 *
 * - `floor: strip tags ×1,000`: one regular-expression pass that drops tags and escapes the
 *   rest, the least any converter must do (read every character once) and no more;
 * - `convertRichText ×1,000`: both published forms in one pass, on the 1,000 occurrences'
 *   descriptions of ./synthetic.ts (7 distinct descriptions, some hostile);
 * - `htmlparser2 ×1,000`: the same sanitizer on htmlparser2 10.1 + entities 7 (the reader used
 *   before ./html-parser.ts and ./html-tokenizer.ts; a devDependency now), for the ratio
 *   between the two readers;
 * - `DescriptionCache ×1,000`: the same through a refresh's cache, which converts each distinct
 *   description once (what a refresh actually pays);
 * - the hostile descriptions of issue 9 (`<p` + 5,000 attributes; 1,000 nested `<ul><li>`) and
 *   10,000 unclosed `<b>` followed by 8,000 `</i>`, one conversion each, next to the floor on
 *   the same input;
 * - 1 MiB floods (`<<<<`, `<!--` unclosed, `&#`, `&amp`), which go to the tokenizer-only
 *   plain-text pass, against a linear floor (escape `&` and `<`) and htmlparser2.
 *
 * How to read it: milliseconds; medians are in the table printed by ./median-reporter.ts after
 * vitest's own. Ratios are medians divided by the floor of the same group.
 */
import { bench, describe } from 'vitest';
import { convertRichText } from '../src/model/rich-text';
import { DescriptionCache } from '../src/model/text';
import { ATTRIBUTE_STORM, DEEP_LISTS } from '../test/fixtures/hostile-text';
import { HTMLPARSER2_READER } from '../test/support/htmlparser2-reader';
import { generate } from './synthetic';

const { inputs } = await generate(1_000);
const descriptions = inputs.map(
  (input) => input.instance.attributes.description ?? input.event.attributes.description ?? '',
);
const options = { time: 1_000, iterations: 10, warmupIterations: 2 };

/** The floor: drop tags, escape what is left; linear and nothing else. */
const stripTags = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');

describe('1,000 descriptions', () => {
  bench(
    'floor: strip tags ×1,000',
    () => {
      for (const html of descriptions) stripTags(html);
    },
    options,
  );
  bench(
    'convertRichText ×1,000',
    () => {
      for (const html of descriptions) convertRichText(html);
    },
    options,
  );
  bench(
    'htmlparser2 ×1,000',
    () => {
      for (const html of descriptions) convertRichText(html, HTMLPARSER2_READER);
    },
    options,
  );
  bench(
    'DescriptionCache ×1,000',
    () => {
      const cache = new DescriptionCache();
      for (const html of descriptions) cache.convert(html);
    },
    options,
  );
});

const UNCLOSED = `${'<b>'.repeat(10_000)}words${'</i>'.repeat(8_000)}`;

for (const [name, html] of [
  ['<p> + 5,000 attributes (10 KB)', ATTRIBUTE_STORM],
  ['1,000 nested <ul><li> (18 KB)', DEEP_LISTS],
  ['10,000 <b> + 8,000 </i> (62 KB)', UNCLOSED],
] as const) {
  describe(`hostile: ${name}`, () => {
    bench('floor: strip tags', () => void stripTags(html), options);
    bench('convertRichText', () => void convertRichText(html), options);
    bench('htmlparser2', () => void convertRichText(html, HTMLPARSER2_READER), options);
  });
}

/**
 * The floor for the floods: escape every `&` and `<`, one linear pass. (Strip tags is
 * quadratic on `<<<<`: `<[^>]*>` scans to the end from every `<`.)
 */
const escapeAll = (html: string) => html.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const floodOptions = { time: 1_000, iterations: 5, warmupIterations: 1 };
const MIB = 1_048_576;
for (const [name, html] of [
  ['1 MiB of <', '<'.repeat(MIB)],
  ['1 MiB of <!-- unclosed', '<!--'.repeat(MIB / 4)],
  ['1 MiB of &#', '&#'.repeat(MIB / 2)],
  ['1 MiB of &amp', '&amp'.repeat(MIB / 4)],
] as const) {
  describe(`flood: ${name}`, () => {
    bench('floor: escape', () => void escapeAll(html), floodOptions);
    bench('convertRichText', () => void convertRichText(html), floodOptions);
    bench('htmlparser2', () => void convertRichText(html, HTMLPARSER2_READER), floodOptions);
  });
}
