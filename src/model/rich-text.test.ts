import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_STORM, DEEP_LISTS } from '../../test/fixtures/hostile-text';
import { nesting, wellFormed } from '../../test/support/html';
import { HTMLPARSER2_READER } from '../../test/support/htmlparser2-reader';
import {
  convertRichText,
  DEGRADED_SUFFIX,
  MAX_DEGRADED_CHARS,
  MAX_DEPTH,
  MAX_HTML_CHARS,
  MAX_OPEN_ELEMENTS,
} from './rich-text';

describe('convertRichText', () => {
  it.each([
    ['a lone < and > stays', 'a lone &lt; and &gt; stays', 'a lone < and > stays'],
    ['<p>Open <b>bold', '<p>Open <b>bold</b></p>', 'Open bold'],
    ['<p>one<p>two', '<p>one</p><p>two</p>', 'one\n\ntwo'],
    ['x<br><br><br><br>y', 'x<br/><br/><br/><br/>y', 'x\n\ny'],
    ['<div>a</div><div>b</div>', 'a<br/>b', 'a\nb'],
    ['&amp &lt;3 &#128512; ]]>', '&amp; &lt;3 😀 ]]&gt;', '& <3 😀 ]]>'],
    ['<B>Loud</B> <EM>it</EM>', '<b>Loud</b> <em>it</em>', 'Loud it'],
    ['a&nbsp;&nbsp;b', 'a\u00a0\u00a0b', 'a  b'],
  ])('%j → HTML %j and text %j', (input, html, text) => {
    const out = convertRichText(input);
    expect(out).toEqual({ html, text, degraded: false });
    expect(wellFormed(out.html)).toBe(true);
  });

  it('keeps only safe links, and shows their address in the text when it differs', () => {
    const out = convertRichText(
      '<a href="https://x.test/?a=1&copy=2" title=\'say "hi"\' onclick="x()">Site</a> ' +
        '<a href=" javascript:alert(1)">bad</a> <a href="data:text/html,x">data</a> ' +
        '<a href="mailto:office@x.test">office@x.test</a> <a href="/relative">rel</a>',
    );
    expect(out.html).toBe(
      '<a href="https://x.test/?a=1&amp;copy=2" title="say &quot;hi&quot;">Site</a> bad data ' +
        '<a href="mailto:office@x.test">office@x.test</a> rel',
    );
    expect(out.text).toBe('Site [https://x.test/?a=1&copy=2] bad data office@x.test rel');
    expect(wellFormed(out.html)).toBe(true);
  });

  it('drops scripts, styles, images, handlers and embedded documents, text and all', () => {
    const out = convertRichText(
      '<p onclick="x()" style="color:red">Hi</p><script>alert(1)</script><style>p{}</style>' +
        '<img src=x onerror=alert(1)><svg><script>alert(2)</script></svg><iframe src=x>in</iframe>' +
        '<template><b>t</b></template><noscript>ns</noscript><xml><o:x>office</o:x></xml>end',
    );
    expect(out.html).toBe('<p>Hi</p>end');
    expect(out.text).toBe('Hi\n\nend');
  });

  it('numbers ordered lists and indents nested ones', () => {
    const out = convertRichText('<ol><li>one<ul><li>sub</li></ul></li><li>two</li></ol>');
    expect(out.text).toBe('1. one\n  • sub\n2. two');
  });

  it('converts the 5,000-attribute <p> to its words (issue 9)', () => {
    expect(ATTRIBUTE_STORM.length).toBeGreaterThan(10_000);
    expect(convertRichText(ATTRIBUTE_STORM)).toEqual({
      html: '<p>Attribute storm survivors</p>',
      text: 'Attribute storm survivors',
      degraded: false,
    });
  });

  it('degrades the 1,000 nested lists to their text, one line per item (issue 9)', () => {
    const out = convertRichText(DEEP_LISTS);
    expect(out.degraded).toBe(true);
    const lines = out.text.split('\n');
    expect(lines).toHaveLength(1_000);
    expect(lines[0]).toBe('deep');
    expect(lines[999]).toBe('deep bottom');
    expect(nesting(out.html)).toBe(1);
    expect(wellFormed(out.html)).toBe(true);
  });

  it(`publishes at most ${MAX_DEPTH} nested elements and keeps the deeper text on its own lines`, () => {
    const levels = 20;
    const out = convertRichText(
      `${'<ul><li>item '.repeat(levels)}last${'</li></ul>'.repeat(levels)}`,
    );
    expect(out.degraded).toBe(false);
    expect(nesting(out.html)).toBe(MAX_DEPTH);
    expect(wellFormed(out.html)).toBe(true);
    expect(out.text.split('\n')).toHaveLength(levels);
    expect(out.text).toContain('item last');
  });

  it(`degrades past ${MAX_OPEN_ELEMENTS} open elements: unclosed tags then end tags that match none`, () => {
    const hostile = `${'<b>'.repeat(10_000)}words${'</i>'.repeat(8_000)}`;
    expect(hostile.length).toBeLessThan(MAX_HTML_CHARS);
    const out = convertRichText(hostile);
    expect(out).toEqual({ html: '<p>words</p>', text: 'words', degraded: true });
  });

  it(`degrades a description over ${MAX_HTML_CHARS} characters to all of its text`, () => {
    const paragraphs = Math.ceil(MAX_HTML_CHARS / 20);
    const out = convertRichText('<p>word <i>w</i></p>'.repeat(paragraphs));
    expect(out.degraded).toBe(true);
    expect(out.text.split('\n\n')).toHaveLength(paragraphs);
    expect(out.html.startsWith('<p>word w</p><p>word w</p>')).toBe(true);
  });

  it(`cuts a description over ${MAX_DEGRADED_CHARS} characters and marks the cut`, () => {
    const out = convertRichText('x'.repeat(MAX_DEGRADED_CHARS + 10));
    expect(out.degraded).toBe(true);
    expect(out.text).toBe(`${'x'.repeat(MAX_DEGRADED_CHARS)}${DEGRADED_SUFFIX}`);
  });

  it('returns nothing for markup with no visible text', () => {
    expect(convertRichText('<p> </p><br><script>x</script><!-- c -->')).toEqual({
      html: '',
      text: '',
      degraded: false,
    });
  });

  it('decodes HTML 4 names, numeric references with the standard replacements, and leaves unknown names', () => {
    expect(
      convertRichText('&eacute;&euro;&trade;&hellip;&#0;&#x80;&#xD800;&#x110000;&bogus;&NewLine;')
        .text,
    ).toBe('é€™…\ufffd€\ufffd\ufffd&bogus;&NewLine;');
  });

  it('keeps a name that needs its `;` as text without it (htmlparser2 read `&eta8` as a lone surrogate)', () => {
    expect(convertRichText('&eta8 &Psi- &eta= &eta;').text).toBe('&eta8 &Psi- &eta= η');
  });
});

/**
 * Floods of what makes tokenizers backtrack or nest. Linearity is measured in
 * bench/text.bench.ts (as a ratio to a floor); here a generous timeout only catches a stall,
 * since each case takes up to a few seconds of a loaded machine for the two readers.
 */
describe('convertRichText on hostile floods (each finishes, with what htmlparser2 gives)', {
  timeout: 60_000,
}, () => {
  const MIB = 1_048_576;
  const floods: Array<[string, string, string]> = [
    ['1 MiB of <', '<'.repeat(MIB), '<'.repeat(MIB)],
    ['an unclosed comment', `<!--${'x'.repeat(MIB - 4)}`, ''],
    ['unclosed comments', '<!--'.repeat(MIB / 4), ''],
    ['&# floods', '&#'.repeat(MIB / 2), '&#'.repeat(MIB / 2)],
    ['&#x floods', '&#x'.repeat(MIB / 4), '&#x'.repeat(MIB / 4)],
    ['one reference of a million digits', `a&#${'9'.repeat(MIB - 4)}`, 'a\ufffd'],
    ['&amp without ;', '&amp'.repeat(MIB / 4), '&'.repeat(MIB / 4)],
    ['an unclosed attribute', `<a href="${'x'.repeat(MIB - 9)}`, ''],
    ['a tag name with no end', `<p${'<p'.repeat(MIB / 2 - 1)}`, ''],
    ['unclosed CDATA', `<![CDATA[${'<'.repeat(MIB - 9)}`, ''],
  ];

  it.each(floods)('%s', (_name, input, text) => {
    expect(input.length).toBeLessThanOrEqual(MIB);
    const out = convertRichText(input);
    expect(out.degraded).toBe(true);
    expect(out.text).toBe(text);
    expect(out).toEqual(convertRichText(input, HTMLPARSER2_READER));
  });

  it.each(floods)('%s, cut to fit the structured pass', (_name, input) => {
    const cut = input.slice(0, MAX_HTML_CHARS);
    const out = convertRichText(cut);
    expect(out.degraded).toBe(false);
    expect(wellFormed(out.html)).toBe(true);
    expect(out).toEqual(convertRichText(cut, HTMLPARSER2_READER));
  });
});
