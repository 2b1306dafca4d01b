import { describe, expect, it } from 'vitest';
import { makeOccurrence } from '../../../test/support/occurrence';
import { DEFAULT_WIDGET_OPTIONS, type WidgetOptions } from './options';
import { renderWidgetPage, type WidgetPageData } from './page';

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
  query: [['theme', 'dark']],
  subscribeUrl: 'https://feeds.test/',
});

interface Parsed {
  elements: { tag: string; attributes: [string, string][] }[];
  text: string;
}

/** Decodes the entities the renderer writes (HTMLRewriter hands attributes over raw). */
const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

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
      expect(elements.filter((e) => e.tag === 'script')).toHaveLength(1);
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
    expect(links.map((a) => a.href)).toContain(
      'https://test.churchcenter.com/calendar/event/1001?a=1&b="2"',
    );
    expect(links.filter((a) => !/^(https?:|occurrences\/|\?)/.test(a.href ?? ''))).toEqual([]);
    expect(links.some((a) => a.class === 'b')).toBe(false); // the javascript: "Register" link
  });

  it('inlines exactly the CSS and script it reports for the CSP', () => {
    const page = renderWidgetPage(data());
    expect(page.html).toContain(`<style>${page.css}</style>`);
    expect(page.html).toContain(`<script>${page.script}</script>`);
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
      ['prev', '?theme=dark&view=month&month=2026-10', '_self'],
      ['next', '?theme=dark&view=month&month=2026-12', '_self'],
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
    expect(renderWidgetPage(data({ accent: '#1d4ed8', theme: 'light' })).css).toContain(
      '--pco-accent:#1d4ed8',
    );
  });
});
