/**
 * Elements from HTML tokens: which start tag implies which end tags (`<p>` closed by `<ul>`,
 * `<li>` by the next `<li>`), void elements, `</p>` and `</br>` without a start tag, and
 * self-closing tags inside `svg` and `math`.
 *
 * These are htmlparser2 10.1's `Parser` rules (the parser this project used before), kept
 * exactly so the sanitizer's output does not change; they approximate the WHATWG tree builder
 * without its adoption agency or scope rules. Cost per tag: one search of the open elements for
 * an end tag. The caller bounds the open elements (rich-text.ts: 256); with them bounded the
 * pass is linear.
 *
 * @see https://github.com/fb55/htmlparser2/blob/v10.1.0/src/Parser.ts
 *
 * Derived from htmlparser2 (MIT License, Copyright 2010, 2011 Chris Winberry); the notice
 * and permission are in docs/licenses/htmlparser2.txt.
 */
import { type TokenHandler, tokenize } from './html-tokenizer';

/** Receives the elements and text of {@link parseHtml}, in document order. */
export interface ElementHandler {
  /** A start tag, or one implied by `</p>` / `</br>`; attributes lower-cased, first wins. */
  onOpenTag(name: string, attributes: ReadonlyMap<string, string>): void;
  /**
   * The end of the innermost open element: written, implied, or at the end of the input. The
   * name is the element's, except that a start tag cut off by the end of the input is closed
   * without having been opened (as in htmlparser2: handlers should pop by position).
   */
  onCloseTag(name: string): void;
  /** Text, references decoded, in pieces (see {@link TokenHandler.onText}). */
  onText(text: string): void;
}

const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const P = new Set(['p']);
const TABLE_SECTIONS = new Set(['thead', 'tbody']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);

/** Start tag → the open elements it closes first. */
const OPEN_IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT],
  ['dt', DD_DT],
  ['rt', RT_RP],
  ['rp', RT_RP],
  ['tbody', TABLE_SECTIONS],
  ['tfoot', TABLE_SECTIONS],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map(
    (name) => [name, FORM] as const,
  ),
  ...(
    'p h1 h2 h3 h4 h5 h6 address article aside blockquote details div dl fieldset figcaption ' +
    'figure footer form header hr main nav ol pre section table ul'
  )
    .split(' ')
    .map((name) => [name, P] as const),
]);

const VOID = new Set(
  'area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr'.split(
    ' ',
  ),
);
const FOREIGN = new Set(['math', 'svg']);
const HTML_INTEGRATION = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

/**
 * Parses `input` into `handler`: every element opened is closed, in nesting order.
 *
 * @example
 * parseHtml('<p>one<ul><li>two', handler);
 * // onOpenTag('p'), onText('one'), onCloseTag('p'), onOpenTag('ul'), onOpenTag('li'),
 * // onText('two'), onCloseTag('li'), onCloseTag('ul')
 */
export function parseHtml(input: string, handler: ElementHandler): void {
  /** Open elements, innermost last. */
  const stack: string[] = [];
  /** Whether `/>` closes an element here: true inside svg/math, false in their HTML islands. */
  const foreign: boolean[] = [false];
  let tagName = '';
  let attributes: Map<string, string> | null = null;

  const openTagName = (name: string) => {
    tagName = name;
    const closes = OPEN_IMPLIES_CLOSE.get(name);
    while (closes && stack.length > 0 && closes.has(stack[stack.length - 1] as string)) {
      handler.onCloseTag(stack.pop() as string);
    }
    if (!VOID.has(name)) {
      stack.push(name);
      if (FOREIGN.has(name)) foreign.push(true);
      else if (HTML_INTEGRATION.has(name)) foreign.push(false);
    }
    attributes = new Map();
  };
  const endOpenTag = () => {
    if (attributes) handler.onOpenTag(tagName, attributes);
    attributes = null;
    if (VOID.has(tagName)) handler.onCloseTag(tagName);
  };
  const closeCurrentTag = () => {
    const name = tagName;
    endOpenTag();
    if (stack[stack.length - 1] === name) {
      handler.onCloseTag(name);
      stack.pop();
    }
  };

  const tokens: TokenHandler = {
    onOpenTagName: openTagName,
    onAttribute(name, value) {
      if (attributes && !attributes.has(name)) attributes.set(name, value);
    },
    onOpenTagEnd(selfClosing) {
      if (selfClosing && foreign[foreign.length - 1]) closeCurrentTag();
      else endOpenTag();
    },
    onCloseTag(name) {
      if (FOREIGN.has(name) || HTML_INTEGRATION.has(name)) foreign.pop();
      if (!VOID.has(name)) {
        const at = stack.lastIndexOf(name);
        if (at !== -1) {
          while (stack.length > at) handler.onCloseTag(stack.pop() as string);
        } else if (name === 'p') {
          openTagName('p');
          closeCurrentTag();
        }
      } else if (name === 'br') {
        handler.onOpenTag('br', NO_ATTRIBUTES);
        handler.onCloseTag('br');
      }
    },
    onText: (text) => handler.onText(text),
  };
  tokenize(input, tokens);
  while (stack.length > 0) handler.onCloseTag(stack.pop() as string);
}
