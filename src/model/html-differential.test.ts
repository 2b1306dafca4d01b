/**
 * Differential test of the sanitizer's HTML reader (./html-parser.ts, ./html-tokenizer.ts,
 * ./html-entities.ts) against htmlparser2 10.1 + entities 7 (devDependencies, the reader used
 * before): on the fixtures, the demo descriptions and generated sloppy and hostile markup, both
 * give the same events and the same published HTML and text, for every input whose named
 * references are HTML 4.01 names. Character references are checked against `entities` alone.
 */
import { DecodingMode, decodeHTML, decodeHTMLStrict } from 'entities/decode';
import { describe, expect, it } from 'vitest';
import { buildTestChurch, TRICKY_TEXT } from '../../test/fixtures/church';
import {
  ATTRIBUTE_STORM,
  buildHostileChurch,
  DEEP_LISTS,
  SLOPPY,
  WORD_PASTE,
} from '../../test/fixtures/hostile-text';
import { HTMLPARSER2_READER } from '../../test/support/htmlparser2-reader';
import { buildDemoDataset } from '../fake-pco/demo-data';
import { decodeReference } from './html-entities';
import { type ElementHandler, parseHtml } from './html-parser';
import { type TokenHandler, tokenize } from './html-tokenizer';
import { convertRichText, type HtmlReader, MAX_HTML_CHARS } from './rich-text';

/** HTML 4.01's 252 names (W3C HTMLlat1, HTMLsymbol, HTMLspecial), plus `apos` (XHTML). */
const HTML4_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
  'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
  'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
  'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave ' +
  'iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ' +
  'ucirc uuml yacute thorn yuml ' +
  'fnof Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho ' +
  'Sigma Tau Upsilon Phi Chi Psi Omega alpha beta gamma delta epsilon zeta eta theta iota kappa ' +
  'lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega thetasym upsih piv ' +
  'bull hellip prime Prime oline frasl weierp image real trade alefsym larr uarr rarr darr harr ' +
  'crarr lArr uArr rArr dArr hArr forall part exist empty nabla isin notin ni prod sum minus ' +
  'lowast radic prop infin ang and or cap cup int there4 sim cong asymp ne equiv le ge sub sup ' +
  'nsub sube supe oplus otimes perp sdot lceil rceil lfloor rfloor lang rang loz spades clubs ' +
  'hearts diams ' +
  'quot amp lt gt OElig oelig Scaron scaron Yuml circ tilde ensp emsp thinsp zwnj zwj lrm rlm ' +
  'ndash mdash lsquo rsquo sbquo ldquo rdquo bdquo dagger Dagger permil lsaquo rsaquo euro'
).split(' ');
/** HTML5's upper-case spellings of legacy names, which ./html-entities.ts also knows. */
const UPPER_CASE = ['AMP', 'LT', 'GT', 'QUOT', 'COPY', 'REG'];
const KNOWN = new Set([...HTML4_NAMES, 'apos', ...UPPER_CASE]);

/** Decodes every reference in `text` with {@link decodeReference}. */
function decodeAll(text: string, inAttribute: boolean): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) {
    if (at < from) continue;
    const ref = decodeReference(text, at, inAttribute);
    if (!ref) continue;
    out += text.slice(from, at) + ref.text;
    from = ref.end;
    at = ref.end - 1;
  }
  return out + text.slice(from);
}

/** An HTML5 name (one `entities` decodes with its `;`). */
const isHtml5Name = (name: string) => decodeHTMLStrict(`&${name};`) !== `&${name};`;

/** The names HTML5 also accepts without `;`: Latin-1, `amp lt gt quot`, upper-case ones. */
const LEGACY = new Set([...HTML4_NAMES.slice(0, 96), 'amp', 'lt', 'gt', 'quot', ...UPPER_CASE]);

/**
 * Whether `input` is in scope of the comparison with htmlparser2. Out of scope are:
 * - `&` followed by letters that start with an HTML5 name missing from HTML 4.01 (`&NewLine;`,
 *   `&copysr;`): we keep those as text;
 * - `&notin` in an attribute without its `;`, where `entities` 7 decodes `&not` and the
 *   standard keeps the text (tested below);
 * - a reference the standard keeps as text (no `;`, no legacy name) that `entities` 7.0.1
 *   decodes anyway: its trie misreads some names followed by certain characters (`&eta=` → ë,
 *   `&eta8` → a lone surrogate, `&Psi-` → "pf"; tested below).
 */
function usesHtml4NamesOnly(input: string): boolean {
  for (const [, run = '', next = ''] of input.matchAll(/&([A-Za-z][A-Za-z0-9]*)(.?)/gs)) {
    let legacyPrefix = false;
    for (let n = 1; n <= Math.min(run.length, 32); n++) {
      const prefix = run.slice(0, n);
      if (!KNOWN.has(prefix) && isHtml5Name(prefix)) return false;
      legacyPrefix ||= LEGACY.has(prefix);
    }
    if (run === 'notin' && next !== ';' && next !== '=') return false;
    const literal = `&${run}${next}`;
    if (!legacyPrefix && next !== ';' && decodeHTML(literal) !== literal) return false;
  }
  return true;
}

describe('decodeReference', () => {
  it('knows the 252 HTML 4.01 names, apos and the upper-case legacy names, as HTML5 decodes them', () => {
    expect(HTML4_NAMES).toHaveLength(252);
    for (const name of KNOWN) {
      const ref = `&${name};`;
      expect(decodeHTMLStrict(ref), name).not.toBe(ref);
      expect(decodeAll(ref, false), name).toBe(decodeHTMLStrict(ref));
      expect(decodeAll(ref, true), name).toBe(decodeHTMLStrict(ref));
    }
  });

  it('decodes a name without its `;` exactly where HTML5 does, in text and in attributes', () => {
    for (const name of KNOWN) {
      for (const after of [' x', '2', 'x', '=', '', ';x', '&amp;']) {
        const text = `a&${name}${after}`;
        if (!usesHtml4NamesOnly(text)) continue;
        expect(decodeAll(text, false), text).toBe(decodeHTML(text, DecodingMode.Legacy));
        expect(decodeAll(text, true), text).toBe(decodeHTML(text, DecodingMode.Attribute));
      }
    }
  });

  it('keeps `&notin` in an attribute as the standard says, where entities 7 decodes `&not`', () => {
    // https://html.spec.whatwg.org/multipage/parsing.html#named-character-reference-state:
    // the longest match is `not` (no `notin` without `;`), followed by an alphanumeric.
    expect(decodeAll('?a=&notin"', true)).toBe('?a=&notin"');
    expect(decodeHTML('?a=&notin"', DecodingMode.Attribute)).toBe('?a=¬in"');
    expect(decodeAll('&notin x', false)).toBe('¬in x');
  });

  it('keeps a name that needs its `;` as text without it, where entities 7.0.1 misreads some', () => {
    for (const text of ['&eta=', '&eta8', '&Xi#', '&Psi-', '&sigmafC', '&OEligR', '&zeta:']) {
      expect(decodeAll(text, false), text).toBe(text);
      expect(decodeAll(text, true), text).toBe(text);
    }
  });

  it('leaves unknown and HTML5-only names as text', () => {
    for (const text of [
      '&NewLine;',
      '&check;',
      '&bogus;',
      '&copysr;',
      '&',
      '&;',
      '&#;',
      '&#x;',
      '&#xg;',
    ]) {
      const expected = text === '&copysr;' ? '©sr;' : text;
      expect(decodeAll(text, false), text).toBe(expected);
    }
  });

  it('decodes numeric references with the standard replacements, as entities does', () => {
    const codes = [
      0,
      1,
      9,
      10,
      13,
      0x26,
      0x3c,
      0x7f,
      0xa0,
      0xe9,
      0xfffd,
      0xfffe,
      0xffff,
      0xd7ff,
      0xd800,
      0xdbff,
      0xdc00,
      0xdfff,
      0xe000,
      0x1f600,
      0x10ffff,
      0x110000,
      0x7fffffff,
      2 ** 40,
    ];
    for (let c = 0x80; c <= 0x9f; c++) codes.push(c);
    for (const code of codes) {
      for (const text of [
        `&#${code};`,
        `&#${code}x`,
        `&#x${code.toString(16)};`,
        `&#X${code.toString(16).toUpperCase()}`,
      ]) {
        expect(decodeAll(text, false), text).toBe(decodeHTML(text, DecodingMode.Legacy));
        expect(decodeAll(text, true), text).toBe(decodeHTML(text, DecodingMode.Attribute));
      }
    }
    expect(decodeAll('&#0;&#x80;&#xD800;&#x110000;&#150;', false)).toBe('\ufffd€\ufffd\ufffd–');
    expect(decodeAll(`&#${'9'.repeat(10_000)};`, false)).toBe('\ufffd');
  });
});

/** Every event a reader gives for `input`, attributes sorted, for comparing two readers. */
function events(reader: HtmlReader, input: string): { parse: string[]; tokens: string[] } {
  const parse: string[] = [];
  const elements: ElementHandler = {
    // htmlparser2 keeps attributes in a plain object, where `__proto__` cannot be stored.
    onOpenTag: (name, attributes) =>
      parse.push(
        `<${name} ${JSON.stringify([...attributes].filter(([key]) => key !== '__proto__').sort())}`,
      ),
    onCloseTag: (name) => parse.push(`</${name}`),
    onText: (text) => parse.push(`"${text}`),
  };
  reader.parse(input, elements);
  const tokens: string[] = [];
  const handler: TokenHandler = {
    onOpenTagName: (name) => tokens.push(`<${name}`),
    onAttribute: (name, value) => tokens.push(`${name}=${value}`),
    onOpenTagEnd: (selfClosing) => tokens.push(selfClosing ? '/>' : '>'),
    onCloseTag: (name) => tokens.push(`</${name}`),
    onText: (text) => tokens.push(`"${text}`),
  };
  reader.tokenize(input, handler);
  return { parse, tokens };
}

const OURS: HtmlReader = { parse: parseHtml, tokenize };

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const TAGS = (
  'p b i em strong u a ul ol li br div span h1 h2 h4 h6 blockquote table tr td th tbody ' +
  'script style title textarea xmp svg math mi desc iframe template noscript img hr pre dl dt dd ' +
  'select option font o:p xml P B LI A Script TITLE center section s t x sc st ti te xm'
).split(' ');
const ATTRIBUTES = [
  ' href="https://x.test/?a=1&amp;b=2&copy=3"',
  " href='mailto:office@x.test'",
  ' href=https://x.test/a?b=c&d',
  ' href="javascript:alert(1)"',
  ' href=" https://x.test/"',
  ' HREF="https://x.test/upper"',
  ' href="/relative" href="https://x.test/second"',
  ' title="say &quot;hi&quot; &amp; &eacute;&#233;&#x1F600;"',
  " title='it&rsquo;s'",
  ' title=unquoted&amp;',
  ' class="MsoNormal" style="mso-bidi-font-family:Calibri"',
  ' onclick="alert(1)"',
  ' bare',
  ' =x',
  ' a = "spaced"',
  ' /',
  ' x="a>b"',
  ' __proto__="p"',
  ' title="&notin;&not=&notx"',
];
const TEXTS = [
  'Doors open',
  ' at 6 PM ',
  '\n\t  ',
  'Café &amp; crème',
  '&nbsp;&nbsp;',
  '&copy 2026',
  '&mdash;&ndash;&hellip;&lsquo;q&rsquo;&ldquo;Q&rdquo;',
  '&euro;5 &trade; &reg;',
  '&AMP;&LT;&GT;&QUOT;&COPY;&REG;',
  '&eacute&egrave;',
  '&amp',
  '&ampx',
  '&notit;',
  '&#38;&#x26;&#0;&#128;&#x9F;&#xD800;&#1114112;&#65;x',
  '&#',
  '&#x',
  '&#10;&#9;&#32;',
  '&bogus;',
  '&',
  ' < ',
  'a<3',
  '>',
  '🎶 漢字',
  '\u00a0',
];
const MARKUP = [
  '<!-- comment -->',
  '<!-->',
  '<!--->',
  '<!-- a -- b --->',
  '<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->',
  '<![CDATA[ x > y ]]>',
  '<![CDATA[x]]]>',
  '<!DOCTYPE html>',
  '<!>',
  '<?xml version="1.0"?>',
  '</ x>',
  '</>',
  '</p>',
  '</br>',
  '</b >',
  '</b x="y>z">',
  '<br/>',
  '<p/>',
  '<svg><path/><p/></svg>',
  '<math><mi><b/></mi></math>',
  '<script>if (a<b) { x = "</p>"; }</script>',
  '<script>a</scriptx>b</script >',
  '<style>p{}</style>',
  '<title>T &amp; </title>',
  '<textarea><b>x</b></textarea>',
  '<xmp><b>shown</b> &amp;</xmp>',
  '<tmp>x</xmp>',
  '<script/>after',
  '<a href="https://x.test/">link <a href="https://y.test/">inner</a></a>',
];
const CUTS = [
  '<',
  '</',
  '<s',
  '<scr',
  '<!',
  '<!-',
  '<!doc',
  '<?x',
  '</ x',
  '</b x',
  '<br/',
  '<p class="x',
  '<a href=',
  '<!-- open',
  '<![CDATA[ open',
  '&ea',
  '&#12',
  '<title>open',
];

/** A sloppy or hostile description made of the pieces above. */
function generate(next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const parts: string[] = [];
  const count = 1 + Math.floor(next() * 40);
  for (let n = 0; n < count; n++) {
    const r = next();
    if (r < 0.35) {
      const attributes = Array.from({ length: Math.floor(next() * 3) }, () => pick(ATTRIBUTES));
      parts.push(`<${pick(TAGS)}${attributes.join('')}${next() < 0.1 ? '/' : ''}>`);
    } else if (r < 0.55) {
      parts.push(`</${pick(TAGS)}>`);
    } else if (r < 0.85) {
      parts.push(pick(TEXTS));
    } else {
      parts.push(pick(MARKUP));
    }
  }
  if (next() < 0.2) parts.push(pick(CUTS));
  return parts.join('');
}

/** Every `description` string in a data set. */
function descriptionsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) descriptionsIn(item, out);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'description' && typeof item === 'string') out.push(item);
      else descriptionsIn(item, out);
    }
  }
  return out;
}

describe('our HTML reader against htmlparser2', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const fixtures = [
    ...Object.values(SLOPPY),
    WORD_PASTE,
    ATTRIBUTE_STORM,
    DEEP_LISTS,
    TRICKY_TEXT,
    ...descriptionsIn(buildDemoDataset(now)),
    ...descriptionsIn(buildTestChurch(now).dataset),
    ...descriptionsIn(buildHostileChurch(now).dataset),
  ];
  const next = random(12);
  const generated = Array.from({ length: 1_500 }, () => generate(next));

  it.each([
    ['the fixtures and demo descriptions', fixtures],
    ['1,500 generated descriptions', generated],
  ])('gives the same events, HTML and text on %s', (_name, inputs) => {
    const inScope = [...new Set(inputs)].filter(usesHtml4NamesOnly);
    expect(inScope.length).toBeGreaterThan(inputs === generated ? 1_400 : 20);
    for (const input of inScope) {
      expect(convertRichText(input), input).toEqual(convertRichText(input, HTMLPARSER2_READER));
      expect(events(OURS, input), input).toEqual(events(HTMLPARSER2_READER, input));
    }
  });

  it('covers what the generator aims at', () => {
    const all = generated.join('');
    for (const piece of ['&copy 2026', '<![CDATA[', '<svg>', '</br>', '<xmp>', '&#xD800;']) {
      expect(all).toContain(piece);
    }
    const linked = generated.filter((input) => convertRichText(input).html.includes('<a href'));
    expect(linked.length).toBeGreaterThan(50);
  });

  it('gives the same plain text for a degraded description (the tokenizer-only pass)', () => {
    const long = generated.filter(usesHtml4NamesOnly).join('<p>');
    expect(long.length).toBeGreaterThan(MAX_HTML_CHARS);
    const ours = convertRichText(long);
    expect(ours.degraded).toBe(true);
    expect(ours).toEqual(convertRichText(long, HTMLPARSER2_READER));
  });
});
