/**
 * XML 1.0 escaping for hand-written documents (render/atom): every text and attribute value
 * goes through one of these, so no data (a tag named `Kids <5`, a title with `&`) can make a
 * document ill-formed.
 *
 * @see https://www.w3.org/TR/xml/#syntax (`&` and `<` in character data, quotes in attributes)
 * @see https://www.w3.org/TR/xml/#charsets (characters XML 1.0 allows)
 */
import { publishableText } from '../model/text';

const TEXT_SPECIALS = /[&<>]/g;
const ATTRIBUTE_SPECIALS = /[&<>"\n\t]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/**
 * Character data: `&` `<` `>` escaped (`>` too, so `]]>` cannot appear), characters XML 1.0
 * forbids dropped and line breaks made LF (model/text `publishableText`). Quotes and
 * apostrophes stay literal: a reader shows `Men's`, never `Men&#39;s`.
 */
export function xmlText(value: string): string {
  return publishableText(value).replace(TEXT_SPECIALS, (c) => ENTITIES[c] ?? c);
}

/**
 * A double-quoted attribute value: `&` `<` `>` `"` escaped, and LF and tab as character
 * references, which attribute-value normalization would otherwise turn into spaces.
 */
export function xmlAttribute(value: string): string {
  return publishableText(value).replace(ATTRIBUTE_SPECIALS, (c) => ENTITIES[c] ?? c);
}

/** Text on one line: every run of whitespace holding a line break becomes one space. */
export function oneLine(value: string): string {
  return publishableText(value)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
