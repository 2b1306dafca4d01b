import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../../test/support/html';
import { makeOccurrence } from '../../../test/support/occurrence';
import { LANGUAGES } from '../i18n/languages';
import { DEFAULT_WIDGET_OPTIONS, type WidgetOptions } from './options';
import { compactMarkup, renderWidgetPage, type WidgetPageData } from './page';

const HOSTILE = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)>&amp;';

const data = (options: Partial<WidgetOptions> = {}): WidgetPageData => ({
  title: `Grace ${HOSTILE}`,
  style: { timeZone: 'America/Chicago', twentyFourHourTime: false },
  options: { ...DEFAULT_WIDGET_OPTIONS, ...options },
  today: '2026-11-21',
  occurrences: [
    makeOccurrence({
      title: `Movie Night ${HOSTILE}`,
      location: `Hall ${HOSTILE}`,
      url: 'https://test.churchcenter.com/calendar/event/1001?a=1&b="2"',
      registrationUrl: 'javascript:alert(3)',
      imageUrl: 'https://images.test/x.jpg"onerror="alert(4)',
      tags: [{ id: '1', name: `Tag ${HOSTILE}` }],
      times: [
        { start: '2026-11-22T15:00:00Z', end: '2026-11-22T16:00:00Z', name: `First ${HOSTILE}` },
        { start: '2026-11-22T17:00:00Z', end: '2026-11-22T18:00:00Z', name: null },
      ],
    }),
  ],
  month: '2026-11',
  months: { first: '2026-10', last: '2027-11' },
  week: '2026-11-22',
  weeks: { first: '2026-10-04', last: '2027-11-28' },
  query: [['theme', 'dark']],
  subscribeUrl: 'https://feeds.test/',
});

interface Parsed {
  elements: { tag: string; attributes: [string, string][] }[];
  text: string;
}

const decode = decodeEntities;

/** Parses HTML with workerd's HTMLRewriter (a real HTML tokenizer), collecting tags and text. */
async function parse(html: string): Promise<Parsed> {
  const parsed: Parsed = { elements: [], text: '' };
  await new HTMLRewriter()
    .on('*', {
      element(e) {
        const attributes = [...e.attributes].map(([n, v]): [string, string] => [
          n ?? '',
          decode(v ?? ''),
        ]);
        parsed.elements.push({ tag: e.tagName, attributes });
      },
      text(t) {
        parsed.text += t.text;
      },
    })
    .transform(new Response(html))
    .text();
  return parsed;
}

describe('renderWidgetPage escaping', () => {
  for (const view of ['list', 'cards', 'month'] as const) {
    it(`shows hostile text as text in the ${view} view`, async () => {
      const page = renderWidgetPage(data({ view }));
      const { elements, text } = await parse(page.html);
      // Our same-origin script file alone, no inline script; nothing from the data.
      const scripts = elements.filter((e) => e.tag === 'script');
      expect(scripts.map((e) => e.attributes.find(([n]) => n === 'src')?.[1] ?? null)).toEqual([
        '../widget.js',
      ]);
      expect(elements.filter((e) => e.tag === 'img').length).toBeLessThanOrEqual(1);
      for (const e of elements) {
        for (const [name] of e.attributes) expect(name, `${e.tag} ${name}`).not.toMatch(/^on/);
      }
      // The text nodes carry the hostile strings, HTML-escaped in the source.
      expect(text).toContain('Movie Night &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.html).not.toContain('<script>alert');
      expect(page.html).not.toContain('<img src=x');
    });
  }

  it('keeps hostile URLs inside their attribute', async () => {
    const { elements } = await parse(renderWidgetPage(data({ view: 'cards' })).html);
    const img = elements.find((e) => e.tag === 'img');
    expect(img?.attributes).toContainEqual(['src', 'https://images.test/x.jpg"onerror="alert(4)']);
    const links = elements
      .filter((e) => e.tag === 'a')
      .map((e) => Object.fromEntries(e.attributes));
    // The title links to the occurrence's own page: `1001` against the base.
    expect(links.map((a) => a.href)).toContain('1001');
    // Absolute, or relative to the base (the occurrences/ directory): `1001`, `1001/google`,
    // `../widget?…`.
    expect(
      links.filter((a) => !/^(https?:|\d+($|[/.])|\.\.\/widget\?)/.test(a.href ?? '')),
    ).toEqual([]);
    expect(links.some((a) => a.class === 'b')).toBe(false); // the javascript: "Register" link
  });

  it('keeps a hostile URL whole when it writes it without quotes', async () => {
    const url = `https://test.churchcenter.com/e/1"onfocus'x>\`y`;
    const plain = `https://test.churchcenter.com/e/2"onfocus'x>`;
    const page = renderWidgetPage({
      ...data(),
      occurrences: [
        makeOccurrence({ id: '1', registrationUrl: url }),
        makeOccurrence({ id: '2', registrationUrl: plain }),
      ],
    });
    const { elements } = await parse(page.html);
    const hrefs = elements.filter((e) => e.tag === 'a').map((e) => e.attributes);
    expect(hrefs).toContainEqual([
      ['class', 'b'],
      ['href', url],
      ['aria-describedby', 't1'],
    ]);
    expect(hrefs).toContainEqual([
      ['class', 'b'],
      ['href', plain],
      ['aria-describedby', 't2'],
    ]);
    expect(page.html).toContain('href=https://test.churchcenter.com/e/2&quot;onfocus&#39;x&gt; ');
  });

  it('inlines exactly the CSS it reports for the CSP, and no script', () => {
    const page = renderWidgetPage(data());
    expect(page.html).toContain(`<style>${page.css}</style>`);
    expect(page.script).toBe('');
    expect(page.html).not.toMatch(/<script>/);
    expect(page.css).not.toMatch(/<\/style/i);
  });

  it('keeps the filters and theme in the month links', async () => {
    const { elements } = await parse(renderWidgetPage(data({ view: 'month' })).html);
    const hrefs = elements
      .filter((e) => e.tag === 'a')
      .map((e) => Object.fromEntries(e.attributes))
      .filter((a) => a.rel === 'prev' || a.rel === 'next')
      .map((a) => [a.rel, a.href, a.target]);
    expect(hrefs).toEqual([
      ['prev', '../widget?theme=dark&view=month&month=2026-10', '_self'],
      ['next', '../widget?theme=dark&view=month&month=2026-12', '_self'],
    ]);
  });

  it('leaves out a month link outside the published months', async () => {
    const page = renderWidgetPage({
      ...data({ view: 'month' }),
      months: { first: '2026-11', last: '2026-11' },
    });
    const { elements } = await parse(page.html);
    expect(
      elements.filter((e) => e.attributes.some(([n, v]) => n === 'rel' && /prev|next/.test(v))),
    ).toEqual([]);
  });

  it('uses the theme and accent it is given', () => {
    expect(renderWidgetPage(data({ theme: 'dark' })).css).not.toContain('prefers-color-scheme');
    expect(renderWidgetPage(data({ theme: 'auto' })).css).toContain('prefers-color-scheme:dark');
    const transparent = renderWidgetPage(data({ theme: 'transparent' }));
    expect(transparent.css).toContain('--bg:transparent');
    expect(transparent.css).toContain('html{background:transparent}');
    expect(transparent.css).not.toContain('prefers-color-scheme');
    expect(transparent.html).toContain('<html lang=en data-theme=transparent>');
    expect(renderWidgetPage(data({ theme: 'light' })).html).toContain('<html lang=en>');
    expect(renderWidgetPage(data({ accent: '#1d4ed8', theme: 'light' })).css).toContain(
      '--accent:#1d4ed8',
    );
  });
});

describe('renderWidgetPage markup', () => {
  it('gives each occurrence a menu of Google, Outlook.com and .ics, relative to its base', async () => {
    const page = renderWidgetPage(data());
    const { elements } = await parse(page.html);
    expect(elements.find((e) => e.tag === 'base')?.attributes).toEqual([
      ['href', 'occurrences/'],
      ['target', '_blank'],
    ]);
    const menu = page.html.slice(page.html.indexOf('<details>'), page.html.indexOf('</details>'));
    expect(menu).toBe(
      '<details><summary aria-describedby=t1>Add to calendar</summary>' +
        '<a href=1001/google>Google</a><a href=1001/outlook>Outlook.com</a>' +
        '<a href=1001.ics>Apple, other (.ics)</a>',
    );
    expect(page.html).toContain('<h3 id=t1>');
  });

  it('dates each start with its offset, and each day heading is text', () => {
    const html = renderWidgetPage(data()).html;
    expect(html).toContain('<h2>Sunday, November 22</h2><ul><li><h3 id=t1>');
    expect(html).toContain('<p><time datetime=2026-11-22T09:00-06:00>9:00 AM</time> – 10:15 AM');
  });
});

describe('renderWidgetPage tag colour marks', () => {
  const tags = [
    { id: '1', name: 'Youth', color: '#eeb902' },
    { id: '2', name: 'Music' },
  ];
  const tagged = (options: Partial<WidgetOptions>): WidgetPageData => ({
    ...data(options),
    tags,
    occurrences: [
      makeOccurrence({
        tags,
        times: [{ start: '2026-11-22T15:00:00Z', end: '2026-11-22T16:00:00Z', name: null }],
      }),
    ],
  });

  it('marks the coloured tag, and only it, on its chip and its name in the list view', async () => {
    const { elements } = await parse(renderWidgetPage(tagged({ chips: true })).html);
    const chips = elements.filter(
      (e) => e.tag === 'a' && e.attributes.some(([, v]) => /tag=/.test(v)),
    );
    expect(chips.map((e) => e.attributes.find(([n]) => n === 'class')?.[1] ?? null)).toEqual([
      'k0',
      null,
    ]);
    const items = elements.filter((e) => e.tag === 'li' && e.attributes.length > 0);
    expect(items.map((e) => e.attributes)).toEqual([[['class', 'k0']]]);
  });

  for (const view of ['cards', 'tiles', 'week'] as const) {
    it(`marks the coloured tag's name in the ${view} view`, () => {
      expect(renderWidgetPage(tagged({ view })).html).toContain('<li class=k0>Youth<li>Music');
    });
  }

  it('stripes a month-grid entry with its first coloured tag', () => {
    expect(renderWidgetPage(tagged({ view: 'month' })).html).toMatch(/<li class="s k0"><span>/);
  });
});

describe('compactMarkup', () => {
  it('drops quotes that values do not need, empty values and void slashes', () => {
    expect(
      compactMarkup('<a href="1/google" class="b c" data-x="a=b" download="">x</a><img alt=""/>'),
    ).toBe('<a href=1/google class="b c" data-x="a=b" download>x</a><img alt>');
    expect(compactMarkup('<base href="occurrences/"/><a href="https://x.test/">y</a>')).toBe(
      '<base href=occurrences/><a href=https://x.test/>y</a>',
    );
  });

  it('keeps a value with a quote, backtick, < or > quoted', () => {
    for (const value of ["a'b", 'a`b', 'a<b', 'a>b']) {
      const tag = `<i title="${value}">`;
      expect(compactMarkup(tag)).toBe(tag);
    }
    expect(compactMarkup('<i title="a&quot;b&#39;c&gt;">')).toBe('<i title=a&quot;b&#39;c&gt;>');
  });

  it('drops the end tags HTML implies, and only those', () => {
    expect(compactMarkup('<ul><li>a</li><li><p>b</p><p>c</p></li></ul>')).toBe(
      '<ul><li>a<li><p>b<p>c</ul>',
    );
    expect(compactMarkup('<div><p>a</p><details>x</details><p>b</p><a href="x">c</a></div>')).toBe(
      '<div><p>a<details>x</details><p>b</p><a href=x>c</a></div>',
    );
    expect(compactMarkup('<table><tr><th>a</th></tr><tr><td>b</td></tr></table>')).toBe(
      '<table><tr><th>a<tr><td>b</table>',
    );
    // Text never holds `="`, `/>` or `</`: hono escapes it.
    expect(compactMarkup('<p>a &lt;/li&gt; b=&quot;c&quot; /&gt;</p>')).toBe(
      '<p>a &lt;/li&gt; b=&quot;c&quot; /&gt;</p>',
    );
  });
});

describe('week view', () => {
  /** 50 occurrences over the week of 2026-11-22 (Chicago), with realistic titles and places. */
  const busyWeek = () =>
    Array.from({ length: 50 }, (_, i) => {
      const day = 22 + (i % 7);
      const start = `2026-11-${day}T${String(14 + (i % 8)).padStart(2, '0')}:30:00Z`;
      const end = `2026-11-${day}T${String(15 + (i % 8)).padStart(2, '0')}:45:00Z`;
      return makeOccurrence({
        id: String(2_000_000 + i),
        title: ['Sunday Worship', 'Wednesday Youth Night', 'Women’s Bible Study', 'Kids’ Club'][
          i % 4
        ],
        location: 'Fellowship Hall, 100 Main St, Springfield',
        start,
        end,
        times: [{ start, end, name: null }],
      });
    });

  it.each(LANGUAGES)('is at most 17.5 KB of HTML for 50 occurrences in one week in %s', (lang) => {
    const { html } = renderWidgetPage({
      ...data({ view: 'week' }),
      lang,
      // As a request with lang= has it: every link to an event page carries it.
      query: [
        ['theme', 'dark'],
        ['lang', lang],
      ],
      occurrences: busyWeek(),
    });
    expect(html).toMatch(new RegExp(`^<!doctype html><html lang=${lang}>`));
    expect(html.match(new RegExp(`<a href="200\\d+\\?lang=${lang}">`, 'g'))).toHaveLength(50);
    expect(new TextEncoder().encode(html).byteLength).toBeLessThanOrEqual(17_500);
  });

  it('lists each occurrence under its local day, links its title to its page, and steps by weeks', async () => {
    const page = renderWidgetPage({ ...data({ view: 'week' }), occurrences: busyWeek() });
    const { elements, text } = await parse(page.html);
    const times = elements
      .filter((e) => e.tag === 'time')
      .map((e) => e.attributes.find(([n]) => n === 'datetime')?.[1] ?? '');
    // The week's first day, then per day its date and its starts (Chicago, -06:00).
    expect(times[0]).toBe('2026-11-22');
    expect(times.filter((t) => t.length === 10)).toEqual([
      '2026-11-22',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
    ]);
    expect(times).toContain('2026-11-22T08:30-06:00');
    expect(text).toContain('Nov 22 – 28, 2026');
    const hrefs = elements
      .filter((e) => e.tag === 'a')
      .map((e) => e.attributes.find(([n]) => n === 'href')?.[1]);
    expect(hrefs).toContain('../widget?theme=dark&view=week&week=2026-11-15');
    expect(hrefs).toContain('../widget?theme=dark&view=week&week=2026-11-29');
  });
});
