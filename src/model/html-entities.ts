/**
 * HTML character references (`&amp;`, `&#233;`, `&#x2014;`) decoded the way the HTML standard's
 * tokenizer does, with the named references of HTML 4.01 only.
 *
 * Trade-off: HTML5 names 2,231 references; its table costs about 20 KB gzipped in the Worker,
 * a sixth of the 120 KiB budget. HTML 4.01's 252 names (plus `apos` and the upper-case `AMP`,
 * `LT`, `GT`, `QUOT`, `COPY`, `REG` that browsers also accept without `;`) are what editors,
 * Word and web pages write into a description: `&nbsp;`, `&amp;`, `&mdash;`, `&eacute;`,
 * `&euro;`, `&trade;`… and everything else a page writes as a character or a numeric reference.
 * An unknown name stays literal text, as browsers leave an unknown name. With these names the
 * result equals the HTML5 decoder's (tested against htmlparser2's `entities` in
 * src/model/html-differential.test.ts).
 *
 * @see https://html.spec.whatwg.org/multipage/parsing.html#character-reference-state
 * @see https://www.w3.org/TR/html401/sgml/entities.html
 */

/**
 * The names, as runs of consecutive code points: `name=hex` starts a run at a code point and
 * each following bare name takes the next one; `_` skips a code point. HTML5's values where
 * HTML 4.01 differs (`lang`, `rang`: U+27E8/U+27E9, not U+2329/U+232A).
 */
const NAMES =
  'quot=22 amp=26 apos=27 lt=3c gt=3e AMP=26 LT=3c GT=3e QUOT=22 COPY=a9 REG=ae ' +
  'nbsp=a0 iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg ' +
  'plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute ' +
  'Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml ' +
  'Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc ' +
  'euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ' +
  'ugrave uacute ucirc uuml yacute thorn yuml ' +
  'OElig=152 oelig Scaron=160 scaron Yuml=178 fnof=192 circ=2c6 tilde=2dc ' +
  'Alpha=391 Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho _ ' +
  'Sigma Tau Upsilon Phi Chi Psi Omega alpha=3b1 beta gamma delta epsilon zeta eta theta iota ' +
  'kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega ' +
  'thetasym=3d1 upsih piv=3d6 ensp=2002 emsp thinsp=2009 zwnj=200c zwj lrm rlm ndash=2013 ' +
  'mdash lsquo=2018 rsquo sbquo ldquo=201c rdquo bdquo dagger=2020 Dagger bull hellip=2026 ' +
  'permil=2030 prime=2032 Prime lsaquo=2039 rsaquo oline=203e frasl=2044 euro=20ac ' +
  'image=2111 weierp=2118 real=211c trade=2122 alefsym=2135 larr=2190 uarr rarr darr harr ' +
  'crarr=21b5 lArr=21d0 uArr rArr dArr hArr forall=2200 part=2202 exist empty=2205 nabla=2207 ' +
  'isin notin ni=220b prod=220f sum=2211 minus lowast=2217 radic=221a prop=221d infin ' +
  'ang=2220 and=2227 or cap cup int there4=2234 sim=223c cong=2245 asymp=2248 ne=2260 equiv ' +
  'le=2264 ge sub=2282 sup nsub sube=2286 supe oplus=2295 otimes=2297 perp=22a5 sdot=22c5 ' +
  'lceil=2308 rceil lfloor rfloor lang=27e8 rang loz=25ca spades=2660 clubs=2663 hearts=2665 ' +
  'diams';

/** Longest name in {@link NAMES} (`thetasym`). */
const MAX_NAME_LENGTH = 8;

/**
 * What numeric references 0x80–0x9F stand for (Windows-1252, as the standard's table says);
 * the five that Windows-1252 leaves undefined stay themselves.
 */
const C1 =
  '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f' +
  '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';

let table: Map<string, string> | undefined;

/** Name → character, built on first use (no module-scope work for requests without text). */
function names(): Map<string, string> {
  if (table) return table;
  table = new Map();
  let code = 0;
  for (const token of NAMES.split(' ')) {
    const [name = '', hex] = token.split('=');
    code = hex === undefined ? code + 1 : Number.parseInt(hex, 16);
    if (name !== '_') table.set(name, String.fromCharCode(code));
  }
  return table;
}

/**
 * Whether `name` may be written without its `;` (the standard's legacy names: the Latin-1
 * names and `amp lt gt quot AMP LT GT QUOT COPY REG`).
 */
function isLegacy(name: string, char: string): boolean {
  const code = char.charCodeAt(0);
  return (code >= 0xa0 && code <= 0xff) || (code < 0x80 && name !== 'apos');
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAlnum = (c: number) => isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
const isHex = (c: number) => isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);

/** A decoded character reference: its text and the index just past it in the input. */
export interface CharacterReference {
  text: string;
  end: number;
}

/**
 * Decodes the character reference that starts at `input[at]` (an `&`).
 *
 * - `&name;` with a known name; a legacy name also without `;` (`&copy 2026`, `&amp`), the
 *   longest one that prefixes the letters (`&notit;` → `¬it;`). In an attribute value a legacy
 *   name followed by a letter, digit or `=` stays literal (`?a=1&copy=2` is a query string).
 * - `&#123;`, `&#x7B;` (`;` optional): 0, surrogates and anything past U+10FFFF become U+FFFD;
 *   0x80–0x9F become their Windows-1252 characters.
 *
 * @param input the HTML
 * @param at index of the `&`
 * @param inAttribute whether the reference is inside an attribute value
 * @returns the text and the index after the reference, or null when the `&` is literal text
 */
export function decodeReference(
  input: string,
  at: number,
  inAttribute: boolean,
): CharacterReference | null {
  let i = at + 1;
  if (input.charCodeAt(i) === 0x23 /* # */) {
    const hex = (input.charCodeAt(i + 1) | 0x20) === 0x78; /* x */
    i += hex ? 2 : 1;
    const start = i;
    let code = 0;
    for (let c = input.charCodeAt(i); hex ? isHex(c) : isDigit(c); c = input.charCodeAt(++i)) {
      // Past U+10FFFF the value no longer matters; stop growing it (a flood of digits).
      if (code <= 0x10ffff)
        code = code * (hex ? 16 : 10) + (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);
    }
    if (i === start) return null;
    if (input.charCodeAt(i) === 0x3b /* ; */) i++;
    const text =
      code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
        ? '\ufffd'
        : code >= 0x80 && code <= 0x9f
          ? (C1[code - 0x80] as string)
          : String.fromCodePoint(code);
    return { text, end: i };
  }
  let end = i;
  while (end - i <= MAX_NAME_LENGTH && isAlnum(input.charCodeAt(end))) end++;
  if (end === i) return null;
  const known = names();
  const full = known.get(input.slice(i, end));
  if (full !== undefined && input.charCodeAt(end) === 0x3b) return { text: full, end: end + 1 };
  // No `name;`: the longest legacy name the letters start with.
  for (let n = Math.min(end, i + 6); n > i; n--) {
    const name = input.slice(i, n);
    const char = known.get(name);
    if (char === undefined || !isLegacy(name, char)) continue;
    const next = input.charCodeAt(n);
    if (inAttribute && (isAlnum(next) || next === 0x3d) /* = */) return null;
    return { text: char, end: n };
  }
  return null;
}
