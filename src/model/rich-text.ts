/**
 * One bounded pass over PCO rich text (an event description is HTML written in PCO's editor or
 * pasted from Word, Google Docs or a web page) that yields both published forms at once:
 * allow-listed HTML and the plain text a browser would show for it.
 *
 * Reading the HTML is ./html-tokenizer.ts and ./html-parser.ts: htmlparser2 10.1's tokenizer
 * state machine and implied-end-tag rules (`<p>` closed by `<ul>`), ported without streaming,
 * with ./html-entities.ts decoding references (HTML 4.01's names, numeric references with the
 * WHATWG replacements); the allow-list tree builder below is ours. Why this and not the
 * alternatives, measured on this project:
 * - js-xss + html-to-text (first): js-xss is quadratic in the attributes of an allowed tag
 *   (`<p` + 5,000 attributes: tens of seconds per refresh), html-to-text recurses per nesting
 *   level (1,000 nested `<ul><li>`: "Maximum call stack size exceeded"), and the pair with
 *   their dependencies was about 81 KiB of the 209 KiB gzipped Worker.
 * - htmlparser2's `Parser` + `entities` (second, now a devDependency that the differential
 *   test src/model/html-differential.test.ts runs against): linear, but 25 KB gzipped, 20 KB
 *   of it HTML5's 2,231-name reference table, and `entities` 7.0.1 misreads some names that
 *   lack their `;` (`&eta8` became a lone surrogate, `&Psi-` "pf"). Our reader gives the same
 *   events on every input whose names are HTML 4.01's. Measured 2026-12-02 on a loaded 2-core
 *   machine (bench/text.bench.ts, medians, `htmlparser2` rows = this sanitizer on it):
 *   - Worker bundle (`wrangler deploy --dry-run --minify`, gzip -9): 184,337 → 159,084 bytes
 *     (−25,253); the three html-*.ts modules are 7.8 KB minified;
 *   - 1,000 descriptions: 107.6 ms vs 142.7 ms (0.75×; the strip-tags floor is 2.1 ms);
 *     `<p` + 5,000 attributes 0.27 vs 0.36 ms (0.75×); 1,000 nested lists 1.6 vs 2.0 ms
 *     (0.80×); 10,000 `<b>` + 8,000 `</i>` 16.4 vs 17.9 ms (0.92×);
 *   - 1 MiB floods (plain-text pass), against a linear floor (escape `&` and `<`): `&#` 627 ms
 *     vs 1,662 ms (0.38×; floor 592), `&amp` 958 vs 1,613 ms (0.59×; floor 516), unclosed
 *     `<!--` 109 vs 46 ms (2.4×, floor 188), `<<<<` 2,686 vs 2,369 ms (1.13×; floor 1,483;
 *     both split text at every `<`, so this is a million text pieces laid out).
 * - Workers' built-in `HTMLRewriter` (issue 12 suggests it): costs no bundle bytes, but it is
 *   a streaming rewriter of Responses (async, where a refresh converts synchronously), hands
 *   text chunks over with entities not decoded and in chunks of its choosing, and does not
 *   exist in Node, where the benchmarks and the `npm run check` CLI run the same refresh; it
 *   would need a second converter for Node, and two converters would publish different text.
 * - parse5 (the WHATWG tokenizer): 35 KiB gzipped for its `Tokenizer` alone, 46 KiB for
 *   `parseFragment`, and its duplicate-attribute check scans the attribute list (quadratic).
 *
 * The builder never recurses: open elements live on an array, so nesting costs no stack.
 */
import { type ElementHandler, parseHtml } from './html-parser';
import { type TokenHandler, tokenize } from './html-tokenizer';

/**
 * Longest description converted with its structure, in UTF-16 code units (64 KiB).
 *
 * Why: real descriptions are far smaller (PCO's editor writes a few KB; a Word paste with its
 * `mso` styles and conditional comments is typically 5–30 KB), and the structured pass keeps
 * every element of the output in memory. Longer descriptions are degraded to plain text.
 */
export const MAX_HTML_CHARS = 65_536;

/**
 * Most elements open at once while converting with structure.
 *
 * Why: the parser (./html-parser.ts, as htmlparser2 before it) searches its open elements for
 * every end tag, so its cost is (open elements) × (tags): with htmlparser2, 10,000 unclosed
 * `<b>` followed by end tags that match none took 0.5–0.8 s for 64 KB, and 1,000 nested
 * `<ul><li>` 0.1–0.2 s. Capping the open elements at 256 keeps that product under about
 * 6 million steps for any input within {@link MAX_HTML_CHARS}, while real markup rarely has 30 elements open (Word nests a few
 * `<span>`s in a paragraph in a table cell). Beyond it the description degrades.
 */
export const MAX_OPEN_ELEMENTS = 256;

/**
 * Longest description converted at all, in UTF-16 code units (1 MiB). Up to here a degraded
 * description keeps all its text (the plain-text pass is linear); beyond, the rest is cut and
 * the text ends with {@link DEGRADED_SUFFIX}. PCO has no documented limit; this only bounds
 * the memory one record can take.
 */
export const MAX_DEGRADED_CHARS = 1_048_576;

/** Ends a description cut at {@link MAX_DEGRADED_CHARS}. */
export const DEGRADED_SUFFIX = '…';

/**
 * Deepest nesting of published elements (lists, list items, quotes, paragraphs, emphasis and
 * links each count one: eight levels of list).
 *
 * Why: real descriptions nest lists three or four levels and emphasis a level or two inside
 * that; sixteen elements is beyond what reads as structure. Elements deeper than this are left
 * out of the HTML (their text stays, with the same line breaks), which bounds the nesting every
 * reader of our HTML (feed readers, mail clients, Outlook) has to handle: 1,000 nested lists
 * crash recursive converters such as html-to-text.
 */
export const MAX_DEPTH = 16;

/** The two published forms of one description. */
export interface RichText {
  /** Allow-listed HTML, well-formed and XML-safe (only `&amp; &lt; &gt; &quot;` entities). */
  html: string;
  /** Plain text as a browser would show it: entities decoded, block breaks as LF, no tags. */
  text: string;
  /**
   * True when the description went past {@link MAX_HTML_CHARS} or {@link MAX_OPEN_ELEMENTS}
   * and was published as plain text (its HTML is that text in paragraphs).
   */
  degraded: boolean;
}

/**
 * The HTML reader {@link convertRichText} runs on: ./html-parser.ts and ./html-tokenizer.ts.
 * Injectable so that the differential test can run the same sanitizer on htmlparser2.
 */
export interface HtmlReader {
  /** Elements and text of a description, every element closed (the structured pass). */
  parse(input: string, handler: ElementHandler): void;
  /** Tokens only, no element stack (the linear plain-text pass for degraded descriptions). */
  tokenize(input: string, handler: TokenHandler): void;
}

const OWN_READER: HtmlReader = { parse: parseHtml, tokenize };

/** Allowed elements and the attributes each keeps. */
const ALLOWED: ReadonlyMap<string, readonly string[]> = new Map([
  ['a', ['href', 'title']],
  ['b', []],
  ['blockquote', []],
  ['br', []],
  ['em', []],
  ['h1', []],
  ['h2', []],
  ['h3', []],
  ['h4', []],
  ['i', []],
  ['li', []],
  ['ol', []],
  ['p', []],
  ['strong', []],
  ['u', []],
  ['ul', []],
]);

/** Elements whose content is never shown: scripts, styles, embedded documents, metadata. */
const DROPPED = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'object',
  'embed',
  'noscript',
  'noembed',
  'noframes',
  'textarea',
  'select',
  'title',
  'head',
  'xml',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
]);

/**
 * Block elements and the line breaks they require around their text (the "required line break
 * count" of the HTML standard's `innerText`: 2 for paragraphs; we give headings, quotes and
 * top-level lists 2 as well so they stand apart in plain text).
 */
const BLOCK_BREAKS: ReadonlyMap<string, number> = new Map([
  ['p', 2],
  ['h1', 2],
  ['h2', 2],
  ['h3', 2],
  ['h4', 2],
  ['h5', 2],
  ['h6', 2],
  ['blockquote', 2],
  ['pre', 2],
  ['ul', 1],
  ['ol', 1],
  ['dl', 1],
  ['li', 1],
  ['dt', 1],
  ['dd', 1],
  ['div', 1],
  ['section', 1],
  ['article', 1],
  ['aside', 1],
  ['header', 1],
  ['footer', 1],
  ['main', 1],
  ['nav', 1],
  ['address', 1],
  ['center', 1],
  ['figure', 1],
  ['figcaption', 1],
  ['table', 1],
  ['caption', 1],
  ['tr', 1],
  ['hr', 1],
  ['details', 1],
  ['summary', 1],
  ['form', 1],
  ['fieldset', 1],
]);

/** Table cells: separated by a space in the text, like `innerText`'s tab but readable. */
const CELLS = new Set(['td', 'th']);

/** Only absolute web and mail links are published. */
const SAFE_HREF = /^(?:https?:\/\/|mailto:)[^\s]/i;

const escapeText = (s: string) =>
  /[&<>]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s;
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** A piece of plain text: text (whitespace collapsed), a required break count, or a forced line. */
type TextItem = string | number | { raw: string };

/** One open element, as the parser opened it. */
interface Frame {
  name: string;
  /** The tag written to the HTML, to be closed; null when the element was left out. */
  emitted: string | null;
  /** Required line breaks around the element's text; 0 for inline elements. */
  breaks: number;
  /** For lists: whether ordered, and the last item number. */
  list?: { ordered: boolean; n: number };
  /** For published links: the href and where the link's text starts in the text items. */
  link?: { href: string; from: number };
}

/**
 * Converts a description to allow-listed HTML and plain text in one pass (see the module
 * docstring for the limits and their reasons).
 *
 * @param input an Event or EventInstance `description` (HTML; may be sloppy or hostile)
 * @param reader [opt=our parser and tokenizer] the HTML reader (the differential test's is
 *   htmlparser2)
 * @returns both forms, trimmed; empty strings when nothing visible remains
 * @throws only on a bug in this module or the reader; callers publish without the description
 */
export function convertRichText(input: string, reader: HtmlReader = OWN_READER): RichText {
  if (input.length <= MAX_HTML_CHARS) {
    try {
      const { html, text } = build(input, reader);
      return { html: text === '' ? '' : html, text, degraded: false };
    } catch (error) {
      if (!(error instanceof TooManyOpenElements)) throw error;
    }
  }
  const cut = input.length > MAX_DEGRADED_CHARS;
  const text = plainText(cut ? input.slice(0, MAX_DEGRADED_CHARS) : input, reader);
  const shown = cut ? `${text}${DEGRADED_SUFFIX}` : text;
  return { html: shown === '' ? '' : paragraphs(shown), text: shown, degraded: true };
}

/** Plain text as HTML: paragraphs at blank lines, `<br/>` at single line breaks. */
function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeText(para).replace(/\n/g, '<br/>')}</p>`)
    .join('');
}

/** Thrown by {@link build} past {@link MAX_OPEN_ELEMENTS}. */
class TooManyOpenElements extends Error {}

/** The tree builder: element events in, HTML parts and text items out. */
function build(input: string, reader: HtmlReader): { html: string; text: string } {
  const html: string[] = [];
  const items: TextItem[] = [];
  const frames: Frame[] = [];
  /** Elements written to the HTML and still open. */
  let depth = 0;
  /** Open elements whose content is dropped (a script, a style, Word's `<xml>`…). */
  let dropping = 0;
  /** Open published links (a link inside a link is left out). */
  let links = 0;
  /** Whether the current HTML line has content, so a left-out block needs a `<br/>`. */
  let lineHasContent = false;
  const lists: Frame[] = [];

  /** A left-out block ended a line with content: `<br/>` goes before the next text. */
  let breakPending = false;
  const breakHtml = () => {
    if (lineHasContent) breakPending = true;
    lineHasContent = false;
  };

  const handler: ElementHandler = {
    onOpenTag(name, attributes) {
      const frame: Frame = { name, emitted: null, breaks: BLOCK_BREAKS.get(name) ?? 0 };
      frames.push(frame);
      if (frames.length > MAX_OPEN_ELEMENTS) throw new TooManyOpenElements();
      if (dropping > 0 || DROPPED.has(name)) {
        dropping++;
        return;
      }
      if (name === 'br') {
        items.push({ raw: '\n' });
        html.push('<br/>');
        lineHasContent = breakPending = false;
        return;
      }
      if (frame.breaks > 0) items.push(frame.breaks);
      if (CELLS.has(name)) {
        items.push(' ');
        html.push(' ');
      }
      if (name === 'ul' || name === 'ol') {
        frame.list = { ordered: name === 'ol', n: 0 };
        lists.push(frame);
      }
      if (name === 'li') {
        const list = lists[lists.length - 1]?.list;
        const marker = list?.ordered ? `${++list.n}. ` : '• ';
        const indent = '  '.repeat(Math.min(Math.max(lists.length - 1, 0), MAX_DEPTH));
        items.push({ raw: indent + marker });
      }
      const allowed = ALLOWED.get(name);
      let attrs = '';
      if (name === 'a') {
        const href = (attributes.get('href') ?? '').trim();
        if (links > 0 || !SAFE_HREF.test(href)) return;
        frame.link = { href, from: items.length };
        attrs = ` href="${escapeAttr(href)}"`;
        const title = attributes.get('title');
        if (title) attrs += ` title="${escapeAttr(title)}"`;
      }
      if (allowed && depth < MAX_DEPTH) {
        html.push(`<${name}${attrs}>`);
        frame.emitted = name;
        depth++;
        if (frame.link) links++;
        if (frame.breaks > 0) lineHasContent = breakPending = false;
      } else if (frame.breaks > 0) {
        breakHtml();
      }
    },
    onCloseTag() {
      const frame = frames.pop();
      if (!frame) return;
      if (dropping > 0) {
        dropping--;
        return;
      }
      if (frame.list) lists.pop();
      if (frame.link && frame.emitted) {
        const shown = items
          .slice(frame.link.from)
          .map((item) => (typeof item === 'string' ? item : ''))
          .join('')
          .trim();
        const href = frame.link.href;
        if (shown !== href && shown !== href.replace(/^mailto:/i, '')) {
          items.push(shown ? ` [${href}]` : href);
        }
        links--;
      }
      if (frame.emitted) {
        html.push(`</${frame.emitted}>`);
        depth--;
        if (frame.breaks > 0) lineHasContent = breakPending = false;
      } else if (frame.breaks > 0) {
        breakHtml();
      }
      if (frame.breaks > 0) items.push(frame.breaks);
    },
    onText(data) {
      if (dropping > 0 || data.length === 0) return;
      const collapsed = data.replace(/[\t\n\f\r ]+/g, ' ');
      items.push(collapsed);
      if (collapsed !== ' ') {
        if (breakPending) html.push('<br/>');
        breakPending = false;
        lineHasContent = true;
      }
      html.push(escapeText(data));
    },
  };
  reader.parse(input, handler);
  return { html: html.join('').trim(), text: layout(items) };
}

/**
 * The plain-text pass for degraded descriptions: the tokenizer alone, with no element stack,
 * so it is linear in the input whatever the nesting. Text is kept, dropped elements' content
 * (scripts, styles…) is not, and block elements and `<br>` break lines. Whitespace is collapsed
 * in decoded references too (`&#10;` is a space, as in the structured pass and in browsers).
 */
function plainText(input: string, reader: HtmlReader): string {
  const items: TextItem[] = [];
  let tag = '';
  let dropping: string | null = null;
  let droppingDepth = 0;
  const handler: TokenHandler = {
    onOpenTagName(name) {
      tag = name;
    },
    onAttribute() {},
    onOpenTagEnd() {
      if (dropping !== null) {
        if (tag === dropping) droppingDepth++;
      } else if (DROPPED.has(tag)) {
        dropping = tag;
        droppingDepth = 1;
      } else if (tag === 'br') {
        items.push({ raw: '\n' });
      } else {
        items.push(BLOCK_BREAKS.get(tag) ?? (CELLS.has(tag) ? ' ' : ''));
      }
    },
    onCloseTag(name) {
      if (dropping !== null) {
        if (name === dropping && --droppingDepth === 0) dropping = null;
      } else {
        items.push(name === 'br' ? { raw: '\n' } : (BLOCK_BREAKS.get(name) ?? ''));
      }
    },
    onText(text) {
      if (dropping === null) items.push(text.replace(/[\t\n\f\r ]+/g, ' '));
    },
  };
  reader.tokenize(input, handler);
  return layout(items);
}

/**
 * Lays text items out as lines: runs of collapsed whitespace become one space, spaces at the
 * start and end of a line go, a run of required breaks becomes its largest count, and no more
 * than one blank line is kept in a row (a run of `<br>` reads as one paragraph break).
 * Linear in the items: no regular expression runs over the growing output.
 */
function layout(items: readonly TextItem[]): string {
  const out: string[] = [];
  /** Required line breaks waiting for the next content. */
  let pending = 0;
  /** LFs at the end of the output so far. */
  let newlines = 0;
  /** True at the start of a line or after a list marker: a collapsed space is not written. */
  let noSpace = true;
  /** A collapsed space waiting for content on the same line. */
  let space = false;
  const flush = () => {
    if (pending > 0 && out.length > 0) {
      for (let i = newlines; i < pending; i++) out.push('\n');
      newlines = Math.max(newlines, pending);
      noSpace = true;
      space = false;
    }
    pending = 0;
  };
  for (const item of items) {
    if (typeof item === 'number') {
      pending = Math.max(pending, item);
    } else if (typeof item === 'string') {
      // Only the collapsed ASCII space is trimmed: a no-break space is content, as in browsers.
      const content = item.slice(item.startsWith(' ') ? 1 : 0, item.endsWith(' ') ? -1 : undefined);
      if (item.startsWith(' ')) space = true;
      if (content === '') continue;
      flush();
      if (space && !noSpace) out.push(' ');
      out.push(content);
      newlines = 0;
      noSpace = false;
      space = item.endsWith(' ');
    } else {
      flush();
      out.push(item.raw);
      if (item.raw === '\n') newlines++;
      else newlines = 0;
      noSpace = true;
      space = false;
    }
  }
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/\u00a0/g, ' ').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
