/**
 * Rich text from PCO (event descriptions are HTML) made safe to publish: as plain text for
 * DESCRIPTION and feed summaries, and as sanitized HTML for X-ALT-DESC and feed content.
 *
 * Both forms come from one bounded pass (./rich-text.ts: our HTML tokenizer and parser and
 * allow-list tree builder, with the limits and the reasons for them), and a refresh converts
 * each distinct description once ({@link DescriptionCache}), however many occurrences share it.
 */
import { convertRichText, type RichText } from './rich-text';

/** Every kind of line break: CR LF, CR, VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. */
const LINE_BREAKS = /\r\n|[\r\v\f\u0085\u2028\u2029]/g;
/** C0 and C1 controls except tab and LF, DEL, lone surrogates, and U+FFFE/U+FFFF. */
const UNPUBLISHABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * PCO text made publishable in every output: each kind of line break becomes LF, and control
 * characters, lone surrogates and U+FFFE/U+FFFF are dropped. Tabs, LF and all other Unicode
 * (emoji included) stay.
 *
 * Why, per format: XML 1.0 forbids C0 controls other than tab, LF and CR (§2.2), so one vertical
 * tab pasted from Word makes the RSS and Atom feeds not well-formed (feedparser: bozo; newsboat
 * silently stops at that item); RFC 5545 TEXT excludes controls (§3.3.11); and Python's
 * `str.splitlines`, under python3-icalendar and so khal and vdirsyncer, splits content lines at
 * VT, FF, FS/GS/RS, NEL, U+2028 and U+2029, which breaks the calendar for them.
 *
 * @see https://www.w3.org/TR/xml/#charsets
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.3.11
 */
export function publishableText(text: string): string {
  return text.replace(LINE_BREAKS, '\n').replace(UNPUBLISHABLE, '');
}

/**
 * A name as published (event title, tag, attachment, the organization): {@link publishableText},
 * trimmed, since real PCO names carry stray leading and trailing spaces.
 *
 * @see docs/planning-center.md "What real responses show"
 */
export function publishedName(text: string): string {
  return publishableText(text).trim();
}

/**
 * Sanitizes PCO rich text for publishing as HTML.
 *
 * @param html an Event or EventInstance `description`
 * @returns HTML using only p, br, strong/b, em/i, u, lists, headings h1–h4, blockquote and
 *   http(s)/mailto links; well-formed (every element closed, `<br/>`), and XML-safe (only the
 *   `&amp; &lt; &gt; &quot;` entities); empty when nothing visible remains
 */
export function sanitizeHtml(html: string): string {
  return publishableText(convertRichText(html).html);
}

/**
 * Converts PCO rich text to plain text as a browser shows it: entities decoded, whitespace
 * collapsed, paragraphs apart by a blank line, list items on their own lines (`• ` or `1. `),
 * links as `text [url]`, images, scripts and styles dropped, no hard wrapping.
 *
 * @param html an Event or EventInstance `description`
 */
export function htmlToText(html: string): string {
  return publishableText(convertRichText(html).text);
}

/** One description in its published forms; both null when nothing visible remains. */
export interface PublishedDescription {
  /** See {@link sanitizeHtml}. */
  html: string | null;
  /** See {@link htmlToText}. */
  text: string | null;
}

/** What a {@link DescriptionCache} did, for a refresh to report. */
export interface DescriptionCounts {
  /** Distinct descriptions converted (each once, however many occurrences share it). */
  converted: number;
  /** Of those, published as plain text past a limit of ./rich-text.ts. */
  degraded: number;
  /** Of those, published without a description because converting failed. */
  failed: number;
}

/**
 * Converts descriptions for one refresh, each distinct one once: recurring events share their
 * event's description across every occurrence, and conversion is the costly part of building
 * an occurrence. Keyed by the raw HTML; create one per refresh so it is dropped with it.
 */
export class DescriptionCache {
  readonly #published = new Map<string, PublishedDescription>();
  readonly #convert: (html: string) => RichText;
  /** Counts so far; a refresh reads them when it is done. */
  readonly counts: DescriptionCounts = { converted: 0, degraded: 0, failed: 0 };

  /** @param convert [opt=convertRichText] the converter (tests inject a failing one) */
  constructor(convert: (html: string) => RichText = convertRichText) {
    this.#convert = convert;
  }

  /**
   * The published forms of `raw`. Never throws: a description whose conversion fails is
   * published without it (both null) and counted in {@link DescriptionCounts.failed}.
   *
   * @param raw an Event or EventInstance `description`
   */
  convert(raw: string): PublishedDescription {
    const cached = this.#published.get(raw);
    if (cached) return cached;
    this.counts.converted++;
    let published: PublishedDescription;
    try {
      const rich = this.#convert(raw);
      if (rich.degraded) this.counts.degraded++;
      published = {
        html: publishableText(rich.html).trim() || null,
        text: publishableText(rich.text).trim() || null,
      };
    } catch {
      this.counts.failed++;
      published = { html: null, text: null };
    }
    this.#published.set(raw, published);
    return published;
  }
}
