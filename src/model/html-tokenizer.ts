/**
 * An HTML tokenizer for description markup: start and end tags with attributes (quoted,
 * unquoted or bare), text with character references decoded, comments, `<!DOCTYPE>` and other
 * declarations, `<?…>` and CDATA sections (all three dropped), and the raw-text elements
 * `script`, `style`, `textarea`, `title` and `xmp` whose content is not markup.
 *
 * It is htmlparser2 10.1's `Tokenizer` state machine (the tokenizer this project used before),
 * in one function without streaming, pausing or positions, and with
 * ./html-entities.ts instead of the 20 KB gzipped HTML5 reference table. It therefore keeps
 * htmlparser2's few departures from the WHATWG tokenizer, none of which can put markup into
 * our output (the sanitizer writes every tag itself and escapes all text):
 * - a CDATA section in HTML content is a comment up to `]]>` (WHATWG: a bogus comment up to
 *   the first `>`); `--!>` does not end a comment; `<!>` runs to the next `>`;
 * - an end tag ends at its first `>` even inside a quoted "attribute";
 * - `iframe`, `noembed`, `noframes` and `noscript` are not raw text (their content is dropped
 *   anyway), and a tag whose name starts like `tmp`/`xitle` is taken for `xmp`/`title`;
 * - `<s`, `<!doc`, `<?x`, `</b x` cut off by the end of the input leave a few characters of text.
 * The differential test (src/model/html-differential.test.ts) holds it to htmlparser2's events.
 *
 * Linear: every state reads each character once, except a failed character reference, whose
 * at most 10 characters are read again as text.
 *
 * @see https://html.spec.whatwg.org/multipage/parsing.html#tokenization
 *
 * Derived from htmlparser2 (MIT License, Copyright 2010, 2011 Chris Winberry); the notice
 * and permission are in docs/licenses/htmlparser2.txt.
 */
import { decodeReference } from './html-entities';

/** Receives the tokens of {@link tokenize}, in document order. */
export interface TokenHandler {
  /** A start tag's name, lower-cased, once the name is read (before its attributes). */
  onOpenTagName(name: string): void;
  /** One attribute of the current start tag: name lower-cased, value decoded ('' when bare). */
  onAttribute(name: string, value: string): void;
  /** The current start tag's `>`; `selfClosing` when written `/>`. */
  onOpenTagEnd(selfClosing: boolean): void;
  /** An end tag's name, lower-cased. */
  onCloseTag(name: string): void;
  /**
   * Text, with references decoded. A run of text arrives in pieces: split before every `<`
   * and around every character reference (as htmlparser2 splits it).
   */
  onText(text: string): void;
}

// States, named after htmlparser2's.
const TEXT = 0;
const BEFORE_TAG_NAME = 1;
const IN_TAG_NAME = 2;
const IN_SELF_CLOSING_TAG = 3;
const BEFORE_CLOSING_TAG_NAME = 4;
const IN_CLOSING_TAG_NAME = 5;
const AFTER_CLOSING_TAG_NAME = 6;
const BEFORE_ATTRIBUTE_NAME = 7;
const IN_ATTRIBUTE_NAME = 8;
const AFTER_ATTRIBUTE_NAME = 9;
const BEFORE_ATTRIBUTE_VALUE = 10;
const IN_ATTRIBUTE_VALUE_DQ = 11;
const IN_ATTRIBUTE_VALUE_SQ = 12;
const IN_ATTRIBUTE_VALUE_NQ = 13;
const BEFORE_DECLARATION = 14;
const IN_DECLARATION = 15;
const IN_PROCESSING_INSTRUCTION = 16;
const BEFORE_COMMENT = 17;
const CDATA_SEQUENCE = 18;
const IN_SPECIAL_COMMENT = 19;
const IN_COMMENT_LIKE = 20;
const BEFORE_SPECIAL_S = 21;
const BEFORE_SPECIAL_T = 22;
const SPECIAL_START_SEQUENCE = 23;
const IN_SPECIAL_TAG = 24;

/** States in which input cut off by its end is dropped rather than kept as text. */
const DROPPED_AT_END = new Set([
  IN_TAG_NAME,
  BEFORE_ATTRIBUTE_NAME,
  BEFORE_ATTRIBUTE_VALUE,
  AFTER_ATTRIBUTE_NAME,
  IN_ATTRIBUTE_NAME,
  IN_ATTRIBUTE_VALUE_SQ,
  IN_ATTRIBUTE_VALUE_DQ,
  IN_ATTRIBUTE_VALUE_NQ,
  IN_CLOSING_TAG_NAME,
  IN_COMMENT_LIKE,
]);

const isWhitespace = (c: number) =>
  c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
const isEndOfTagSection = (c: number) => c === 0x2f || c === 0x3e || isWhitespace(c);
const isAsciiAlpha = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

/**
 * Tokenizes `input` into `handler`, in one linear pass.
 *
 * @example
 * tokenize('<p class=x>Caf&eacute;</p>', handler);
 * // onOpenTagName('p'), onAttribute('class', 'x'), onOpenTagEnd(false), onText('Caf'),
 * // onText('é'), onCloseTag('p')
 */
export function tokenize(input: string, handler: TokenHandler): void {
  const length = input.length;
  let state = TEXT;
  /** Start of the section being read (text, a name, a value); may be -1 as in htmlparser2. */
  let section = 0;
  let i = 0;
  /** Inside a raw-text element's start tag or content. */
  let special = false;
  /** The sequence being matched: a raw-text end tag (`</script`), `-->` or `]]>`. */
  let sequence = '';
  let matched = 0;
  let attributeName = '';
  let attributeValue = '';

  /** Handles the `&` at `i`; returns whether a reference was decoded (then `i` is past it). */
  const reference = (inAttribute: boolean): boolean => {
    const decoded = decodeReference(input, i, inAttribute);
    if (!decoded) return false;
    if (inAttribute) {
      attributeValue += input.slice(section, i) + decoded.text;
    } else {
      if (section < i) handler.onText(input.slice(section, i));
      handler.onText(decoded.text);
    }
    section = i = decoded.end;
    return true;
  };
  const endAttribute = (value: string) => {
    handler.onAttribute(attributeName, value);
    attributeValue = '';
  };
  /** Moves `i` to the next `char` at or after it; false (and `i` at the end) when none. */
  const skipTo = (char: string): boolean => {
    i = input.indexOf(char, i);
    if (i >= 0) return true;
    i = length;
    return false;
  };

  while (i < length) {
    const c = input.charCodeAt(i);
    switch (state) {
      case TEXT:
        if (c === 0x3c /* < */) {
          if (i > section) handler.onText(input.slice(section, i));
          state = BEFORE_TAG_NAME;
          section = i;
        } else if (c === 0x26 /* & */ && reference(false)) {
          continue;
        }
        break;
      case BEFORE_TAG_NAME:
        if (c === 0x21 /* ! */) {
          state = BEFORE_DECLARATION;
          section = i + 1;
        } else if (c === 0x3f /* ? */) {
          state = IN_PROCESSING_INSTRUCTION;
          section = i + 1;
        } else if (isAsciiAlpha(c)) {
          section = i;
          const lower = c | 0x20;
          state =
            lower === 0x73
              ? BEFORE_SPECIAL_S
              : lower === 0x74 || lower === 0x78
                ? BEFORE_SPECIAL_T
                : IN_TAG_NAME;
        } else if (c === 0x2f /* / */) {
          state = BEFORE_CLOSING_TAG_NAME;
        } else {
          state = TEXT;
          continue;
        }
        break;
      case BEFORE_SPECIAL_S:
      case BEFORE_SPECIAL_T: {
        const lower = c | 0x20;
        sequence =
          state === BEFORE_SPECIAL_S
            ? lower === 0x63
              ? '</script'
              : lower === 0x74
                ? '</style'
                : ''
            : lower === 0x69
              ? '</title'
              : lower === 0x65
                ? '</textarea'
                : lower === 0x6d
                  ? '</xmp'
                  : '';
        if (sequence === '') {
          state = IN_TAG_NAME;
          continue;
        }
        special = true;
        matched = 4;
        state = SPECIAL_START_SEQUENCE;
        break;
      }
      case SPECIAL_START_SEQUENCE: {
        const atEnd = matched === sequence.length;
        const match = atEnd ? isEndOfTagSection(c) : (c | 0x20) === sequence.charCodeAt(matched);
        if (!match) {
          special = false;
        } else if (!atEnd) {
          matched++;
          break;
        }
        matched = 0;
        state = IN_TAG_NAME;
        continue;
      }
      case IN_TAG_NAME:
        if (isEndOfTagSection(c)) {
          handler.onOpenTagName(input.slice(section, i).toLowerCase());
          section = -1;
          state = BEFORE_ATTRIBUTE_NAME;
          continue;
        }
        break;
      case BEFORE_ATTRIBUTE_NAME:
        if (c === 0x3e /* > */) {
          handler.onOpenTagEnd(false);
          state = special ? IN_SPECIAL_TAG : TEXT;
          matched = 0;
          section = i + 1;
        } else if (c === 0x2f /* / */) {
          state = IN_SELF_CLOSING_TAG;
        } else if (!isWhitespace(c)) {
          state = IN_ATTRIBUTE_NAME;
          section = i;
        }
        break;
      case IN_SELF_CLOSING_TAG:
        if (c === 0x3e /* > */) {
          handler.onOpenTagEnd(true);
          state = TEXT;
          section = i + 1;
          special = false;
        } else if (!isWhitespace(c)) {
          state = BEFORE_ATTRIBUTE_NAME;
          continue;
        }
        break;
      case IN_ATTRIBUTE_NAME:
        if (c === 0x3d /* = */ || isEndOfTagSection(c)) {
          attributeName = input.slice(section, i).toLowerCase();
          section = i;
          state = AFTER_ATTRIBUTE_NAME;
          continue;
        }
        break;
      case AFTER_ATTRIBUTE_NAME:
        if (c === 0x3d /* = */) {
          state = BEFORE_ATTRIBUTE_VALUE;
        } else if (c === 0x2f || c === 0x3e) {
          endAttribute('');
          section = -1;
          state = BEFORE_ATTRIBUTE_NAME;
          continue;
        } else if (!isWhitespace(c)) {
          endAttribute('');
          state = IN_ATTRIBUTE_NAME;
          section = i;
        }
        break;
      case BEFORE_ATTRIBUTE_VALUE:
        if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
          state = c === 0x22 ? IN_ATTRIBUTE_VALUE_DQ : IN_ATTRIBUTE_VALUE_SQ;
          section = i + 1;
        } else if (!isWhitespace(c)) {
          section = i;
          state = IN_ATTRIBUTE_VALUE_NQ;
          continue;
        }
        break;
      case IN_ATTRIBUTE_VALUE_DQ:
      case IN_ATTRIBUTE_VALUE_SQ:
        if (c === (state === IN_ATTRIBUTE_VALUE_DQ ? 0x22 : 0x27)) {
          endAttribute(attributeValue + input.slice(section, i));
          section = -1;
          state = BEFORE_ATTRIBUTE_NAME;
        } else if (c === 0x26 && reference(true)) {
          continue;
        }
        break;
      case IN_ATTRIBUTE_VALUE_NQ:
        if (isWhitespace(c) || c === 0x3e) {
          endAttribute(attributeValue + input.slice(section, i));
          section = -1;
          state = BEFORE_ATTRIBUTE_NAME;
          continue;
        }
        if (c === 0x26 && reference(true)) continue;
        break;
      case BEFORE_CLOSING_TAG_NAME:
        if (c === 0x3e) {
          state = TEXT;
        } else if (!isWhitespace(c)) {
          state = isAsciiAlpha(c) ? IN_CLOSING_TAG_NAME : IN_SPECIAL_COMMENT;
          section = i;
        }
        break;
      case IN_CLOSING_TAG_NAME:
        if (c === 0x3e || isWhitespace(c)) {
          handler.onCloseTag(input.slice(section, i).toLowerCase());
          section = -1;
          state = AFTER_CLOSING_TAG_NAME;
          continue;
        }
        break;
      case AFTER_CLOSING_TAG_NAME:
      case IN_DECLARATION:
      case IN_PROCESSING_INSTRUCTION:
      case IN_SPECIAL_COMMENT:
        // Everything up to the next `>` is dropped.
        if (skipTo('>')) {
          state = TEXT;
          section = i + 1;
        }
        break;
      case BEFORE_DECLARATION:
        if (c === 0x5b /* [ */) {
          state = CDATA_SEQUENCE;
          matched = 0;
        } else {
          state = c === 0x2d /* - */ ? BEFORE_COMMENT : IN_DECLARATION;
        }
        break;
      case CDATA_SEQUENCE:
        if (c === 'CDATA['.charCodeAt(matched)) {
          if (++matched === 6) {
            state = IN_COMMENT_LIKE;
            sequence = ']]>';
            matched = 0;
            section = i + 1;
          }
        } else {
          matched = 0;
          state = IN_DECLARATION;
          continue;
        }
        break;
      case BEFORE_COMMENT:
        if (c === 0x2d) {
          state = IN_COMMENT_LIKE;
          sequence = '-->';
          // `<!-->` and `<!--->` are whole (empty) comments.
          matched = 2;
          section = i + 1;
        } else {
          state = IN_DECLARATION;
        }
        break;
      case IN_COMMENT_LIKE:
        if (c === sequence.charCodeAt(matched)) {
          if (++matched === 3) {
            matched = 0;
            section = i + 1;
            state = TEXT;
          }
        } else if (matched === 0) {
          if (skipTo(sequence[0] as string)) matched = 1;
        } else if (c !== sequence.charCodeAt(matched - 1)) {
          // `--->` and `]]]>` still end it.
          matched = 0;
        }
        break;
      case IN_SPECIAL_TAG:
        if (matched === sequence.length) {
          if (c === 0x3e || isWhitespace(c)) {
            const endOfText = i - sequence.length;
            if (section < endOfText) handler.onText(input.slice(section, endOfText));
            special = false;
            section = endOfText + 2;
            state = IN_CLOSING_TAG_NAME;
            continue;
          }
          matched = 0;
        }
        if ((c | 0x20) === sequence.charCodeAt(matched)) {
          matched++;
        } else if (matched === 0) {
          // Title text has its references decoded (RCDATA); the others' text is as written.
          if (sequence === '</title') {
            if (c === 0x26 && reference(false)) continue;
          } else if (skipTo('<')) {
            matched = 1;
          }
        } else {
          matched = c === 0x3c ? 1 : 0;
        }
        break;
    }
    i++;
  }
  if (section < length && !DROPPED_AT_END.has(state)) handler.onText(input.slice(section, length));
}
