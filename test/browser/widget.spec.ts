/**
 * The widget, the subscribe page and `/embed.js` in real Chromium, against `wrangler dev` in
 * demo mode (Grace Community Church, America/Chicago, 12-hour time). The browser runs in
 * Asia/Tokyo, so every time on screen must come from the server's zone handling.
 *
 * Every view is screenshotted into test-results/browser/; with UPDATE_DOCS_SCREENSHOTS=1 the
 * list and month views are also written to docs/ for the README.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_TIME_ZONE } from '../../src/fake-pco/demo-data';
import { SCREENSHOT_DIR } from './context';
import { COLOURED_HOST } from './host-server';
import { HOSTILE_TITLE, hostileWidgetHtml } from './hostile';
import { chromiumSession } from './session';

const { appOrigin, hostOrigin } = inject('browser');
const VIEWER_ZONE = 'Asia/Tokyo';

const chromium = chromiumSession();

interface PageOptions {
  colorScheme?: 'light' | 'dark';
  javaScriptEnabled?: boolean;
  reducedMotion?: 'reduce' | 'no-preference';
  width?: number;
  clipboard?: boolean;
}

/** A fresh page; `dialogs` records every alert/confirm/prompt it (or a frame) opens. */
async function open(
  url: string,
  options: PageOptions = {},
): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
  const context = await chromium.newContext({
    viewport: { width: options.width ?? 760, height: 900 },
    timezoneId: VIEWER_ZONE,
    locale: 'en-GB',
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  // Generous: the suite shares two cores with other test runs.
  context.setDefaultNavigationTimeout(90_000);
  context.setDefaultTimeout(60_000);
  if (options.clipboard) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appOrigin });
  }
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      errors.push(message.text());
    }
  });
  await page.goto(url);
  return { page, dialogs, errors };
}

async function screenshot(page: Page, name: string, docs?: string): Promise<void> {
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: !docs });
  if (docs && process.env.UPDATE_DOCS_SCREENSHOTS === '1') copyFileSync(path, join('docs', docs));
}

interface EventsJson {
  tags: { id: string; name: string }[];
  occurrences: {
    id: string;
    title: string;
    all_day: boolean;
    starts_at: string;
    ends_at: string;
    local_starts_at: string;
    start_date: string | null;
  }[];
}

async function eventsJson(query = ''): Promise<EventsJson> {
  return (await (await fetch(`${appOrigin}/events.json${query}`)).json()) as EventsJson;
}

/** `9:00 AM` from `2026-11-22T09:00:00-06:00` (the demo church uses 12-hour time). */
function clockOf(localIso: string): string {
  const [hh = '0', mm = '00'] = localIso.slice(11, 16).split(':');
  const h = Number(hh);
  return `${h % 12 === 0 ? 12 : h % 12}:${mm} ${h < 12 ? 'AM' : 'PM'}`;
}

/** `YYYY-MM-DD` of now in the demo church's zone. */
function todayInChicago(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DEMO_TIME_ZONE }).format(new Date());
}

/** The day heading an occurrence starting on `date` is listed under: `Sunday, November 22`. */
function dayHeading(date: string): string {
  const today = todayInChicago();
  const day = date < today ? today : date;
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    ...(day.slice(0, 4) === today.slice(0, 4) ? {} : { year: 'numeric' }),
  }).format(new Date(`${day}T12:00:00Z`));
}

/** `YYYY-MM` of now in the demo church's zone. */
function monthInChicago(offsetMonths = 0): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: DEMO_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date());
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value) - 1 + offsetMonths;
  const date = new Date(Date.UTC(year, month, 1));
  return date.toISOString().slice(0, 7);
}

/**
 * Presses Tab until focus comes back around, and returns the keys (see `mark`) of the
 * elements that received focus in the top document. Focus inside an iframe counts as the
 * iframe and Tab continues through it.
 */
async function tabThrough(page: Page, maxPresses = 400): Promise<Set<string>> {
  const reached = new Set<string>();
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const key = await page.evaluate(() => document.activeElement?.getAttribute('data-k') ?? '');
    if (key === 'k0' && reached.size > 1) break;
    if (key) reached.add(key);
  }
  return reached;
}

/** Marks every visible focusable element with `data-k="k<n>"` and returns their keys and labels. */
async function mark(page: Page, selector: string): Promise<{ key: string; label: string }[]> {
  return page.evaluate((sel) => {
    // checkVisibility is false inside a closed <details> and for hidden elements.
    const all = [...document.querySelectorAll<HTMLElement>(sel)].filter((el) =>
      el.checkVisibility({ visibilityProperty: true }),
    );
    return all.map((el, i) => {
      el.setAttribute('data-k', `k${i}`);
      return { key: `k${i}`, label: `${el.tagName} ${el.textContent?.trim().slice(0, 40)}` };
    });
  }, selector);
}

/** Timeout of the tests that open many pages (the suite shares two cores with other work). */
const SLOW_MS = 240_000;

const FOCUSABLE = 'a[href], summary, button:not([hidden]), select, textarea, input, iframe';

describe('list view', () => {
  it("shows the soonest occurrences in order, in the organization's zone and clock", async () => {
    const { page, dialogs, errors } = await open(`${appOrigin}/widget?limit=12`);
    const expected = (await eventsJson('?limit=12')).occurrences;
    const items = await page.$$eval('main li:has(> h3)', (lis) =>
      lis.map((li) => ({
        // The .ics link's path (`609820.ics`, against the base occurrences/) names the occurrence.
        id: li.querySelector('details a[href$=".ics"]')?.getAttribute('href')?.slice(0, -4) ?? '',
        title: li.querySelector('h3')?.textContent ?? '',
        start: li.querySelector('h3 + p time')?.getAttribute('datetime') ?? '',
        label: li.querySelector('h3 + p time')?.textContent ?? '',
        day: li.parentElement?.previousElementSibling?.textContent ?? '',
      })),
    );
    expect(items.map((i) => i.id)).toEqual(expected.map((o) => o.id));
    for (const [n, item] of items.entries()) {
      const o = expected[n];
      if (!o) throw new Error('missing occurrence');
      expect(item.title).toBe(o.title);
      if (o.all_day) {
        expect(item.start).toBe(o.start_date);
      } else {
        expect(item.start).toBe(o.local_starts_at.replace(/:00(?=[-+]\d\d:\d\d$)/, ''));
        expect(item.label).toBe(clockOf(o.local_starts_at));
      }
      expect(item.day).toBe(dayHeading(o.start_date ?? o.local_starts_at.slice(0, 10)));
    }
    // The compacted markup (no optional end tags) parses into the intended tree: no paragraph
    // swallowed what follows it, and each occurrence holds its own menu.
    expect(await page.locator('main p :is(p, ul, details, a.b, h2, h3)').count()).toBe(0);
    expect(await page.locator('main li:has(> h3) > details').count()).toBe(items.length);
    expect(await page.locator('main li li details').count()).toBe(0);
    // Our same-origin script file alone, no inline script; nothing from the data.
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(
      await page.locator('script[src]').evaluateAll((l) => l.map((e) => e.getAttribute('src'))),
    ).toEqual(['../widget.js']);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await screenshot(page, 'list-light', 'widget-list.png');
  });

  it('opens the add-to-calendar menu from the keyboard, with links to every service', async () => {
    const { page } = await open(`${appOrigin}/widget?limit=3`);
    const summary = page.locator('summary').first();
    await summary.focus();
    await page.keyboard.press('Enter');
    const menu = page.locator('details[open]').first();
    const hrefs = await menu
      .locator('a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toHaveLength(3);
    expect(hrefs[0]).toMatch(/\/occurrences\/\d+\/google$/);
    expect(hrefs[1]).toMatch(/\/occurrences\/\d+\/outlook$/);
    expect(hrefs[2]).toMatch(/\/occurrences\/\d+\.ics$/);
    const google = await fetch(hrefs[0] ?? '', { redirect: 'manual' });
    expect(google.headers.get('Location')).toMatch(
      /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&text=/,
    );
    const outlook = await fetch(hrefs[1] ?? '', { redirect: 'manual' });
    expect(outlook.headers.get('Location')).toMatch(
      /^https:\/\/outlook\.live\.com\/calendar\/0\/action\/compose\?/,
    );
    const ics = await fetch(hrefs[2] ?? '');
    expect(ics.headers.get('Content-Disposition')).toMatch(/^attachment; filename=/);
    expect(await ics.text()).toMatch(/^BEGIN:VCALENDAR/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Google');
  });

  it('works with JavaScript off', async () => {
    const { page } = await open(`${appOrigin}/widget?limit=5`, { javaScriptEnabled: false });
    expect(await page.locator('main li:has(> h3)').count()).toBe(5);
    await page.locator('summary').first().click();
    expect(await page.locator('details[open] a').count()).toBe(3);
  });
});

describe('cards view', () => {
  it('shows cards with date badges where the images do not load', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, errors } = await open(`${appOrigin}/widget?view=cards&limit=6&theme=auto`, {
        colorScheme,
      });
      expect(await page.locator('.cs > li').count()).toBe(6);
      await page.waitForFunction(() =>
        [...document.images].every((img) => img.complete || !img.isConnected),
      );
      // Demo images never load: the script removes them and the badge band remains.
      await page.waitForFunction(() => document.images.length === 0);
      expect(await page.locator('.cs figure.ni').count()).toBe(6);
      expect(errors).toEqual([]);
      await screenshot(page, `cards-${colorScheme}`);
    }
  });
});

describe('month view', () => {
  it('moves between months with the previous/next links, mouse and keyboard', async () => {
    const { page } = await open(`${appOrigin}/widget?view=month`);
    const caption = () => page.locator('h2#month time').getAttribute('datetime');
    expect(await caption()).toBe(monthInChicago());
    expect(await page.locator('table.g tbody tr').count()).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'month-light', 'widget-month.png');
    await Promise.all([page.waitForURL(/month=/), page.locator('a[rel=next]').click()]);
    expect(await caption()).toBe(monthInChicago(1));
    expect(new URL(page.url()).searchParams.get('month')).toBe(monthInChicago(1));
    await page.locator('a[rel=prev]').focus();
    await Promise.all([page.waitForURL(/month=/), page.keyboard.press('Enter')]);
    expect(await caption()).toBe(monthInChicago());
    await Promise.all([page.waitForURL(/month=/), page.locator('a[rel=prev]').click()]);
    expect(await caption()).toBe(monthInChicago(-1));
  });

  it('is readable in the dark theme', async () => {
    const { page } = await open(`${appOrigin}/widget?view=month&theme=dark`);
    await screenshot(page, 'month-dark');
    const background = await page.evaluate(
      () => getComputedStyle(document.documentElement).backgroundColor,
    );
    expect(background).toBe('rgb(21, 24, 29)');
  });
});

/** The first Sunday from today (Chicago) whose noon UTC offset differs from the day before's. */
function nextDstSunday(): string {
  const offset = (date: Date) =>
    new Intl.DateTimeFormat('en-US', { timeZone: DEMO_TIME_ZONE, timeZoneName: 'shortOffset' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value;
  const today = new Date(`${todayInChicago()}T18:00:00Z`);
  for (let i = 1; i < 400; i++) {
    const day = new Date(today.getTime() + i * 86_400_000);
    if (offset(day) !== offset(new Date(day.getTime() - 86_400_000))) {
      return day.toISOString().slice(0, 10);
    }
  }
  throw new Error('no DST change within a year');
}

describe('week view', () => {
  it('shows exactly the published occurrences of a week across a DST change, in order, in the church’s zone', {
    timeout: SLOW_MS,
  }, async () => {
    // Any day of the week picks it: the Wednesday after the change.
    const sunday = nextDstSunday();
    const wednesday = new Date(Date.parse(`${sunday}T12:00:00Z`) + 3 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const { page, errors } = await open(`${appOrigin}/widget?view=week&week=${wednesday}`, {
      width: 1280,
    });
    expect(await page.locator('h2#week time').getAttribute('datetime')).toBe(sunday);
    // Expected: every published occurrence overlapping [Sunday 00:00, next Sunday 00:00) in
    // Chicago, from /events.json, with the week's bounds computed here by Intl.
    const chicagoMidnight = (date: string) => {
      for (const offset of ['-05:00', '-06:00']) {
        const instant = new Date(`${date}T00:00:00${offset}`);
        const local = new Intl.DateTimeFormat('en-CA', {
          timeZone: DEMO_TIME_ZONE,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
        }).format(instant);
        if (local === `${date}, 00`) return instant.getTime();
      }
      throw new Error(`no midnight on ${date}`);
    };
    const nextSunday = new Date(Date.parse(`${sunday}T12:00:00Z`) + 7 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const [from, to] = [chicagoMidnight(sunday), chicagoMidnight(nextSunday)];
    const { occurrences } = await eventsJson('?limit=1000');
    const expected = occurrences.filter(
      (o) => Date.parse(o.starts_at) < to && Date.parse(o.ends_at) > from,
    );
    expect(expected.length).toBeGreaterThan(3);
    const shown = await page.$$eval('ol.w > li li > a', (as) =>
      as.map((a) => a.getAttribute('href') ?? ''),
    );
    const timed = expected.filter((o) => !o.all_day);
    const shownTimed = await page.$$eval('ol.w > li li:has(time) > a', (as) =>
      as.map((a) => a.getAttribute('href') ?? ''),
    );
    // Each timed occurrence once, in start order; all-day ones on each day they cover.
    expect(shownTimed).toEqual(timed.map((o) => o.id));
    expect(new Set(shown)).toEqual(new Set(expected.map((o) => o.id)));
    const starts = await page.$$eval('ol.w li li time', (ts) =>
      ts.map((t) => t.getAttribute('datetime') ?? ''),
    );
    expect(starts).toEqual(
      timed.map((o) => o.local_starts_at.replace(/:00(?=[-+]\d\d:\d\d$)/, '')),
    );
    // Both offsets appear: the week crosses the change.
    expect(new Set(starts.map((t) => t.slice(-6))).size).toBe(2);
    // Wide: seven columns side by side. Phone: one day under another, no sideways scroll.
    const tops = await page.$$eval('ol.w > li', (lis) =>
      lis.map((li) => li.getBoundingClientRect().top),
    );
    expect(tops).toHaveLength(7);
    expect(new Set(tops).size).toBe(1);
    await screenshot(page, 'week-1280', 'widget-week.png');
    const { page: phone } = await open(`${appOrigin}/widget?view=week&week=${wednesday}`, {
      width: 320,
    });
    const phoneTops = await phone.$$eval('ol.w > li', (lis) =>
      lis.filter((li) => li.checkVisibility()).map((li) => li.getBoundingClientRect().top),
    );
    expect(phoneTops).toEqual([...phoneTops].sort((a, b) => a - b));
    expect(new Set(phoneTops).size).toBe(phoneTops.length);
    expect(await sidewaysScroll(phone)).toBe(0);
    await screenshot(phone, 'week-320', 'widget-week-phone.png');
    expect(errors).toEqual([]);
  });

  it('steps by weeks and stops at the published window', { timeout: SLOW_MS }, async () => {
    const { page } = await open(`${appOrigin}/widget?view=week`, { width: 390 });
    const first = await page.locator('h2#week time').getAttribute('datetime');
    await Promise.all([page.waitForURL(/week=/), page.locator('a[rel=next]').click()]);
    const second = await page.locator('h2#week time').getAttribute('datetime');
    expect(Date.parse(second ?? '') - Date.parse(first ?? '')).toBe(7 * 86_400_000);
    let steps = 0;
    while ((await page.locator('a[rel=prev]').count()) > 0) {
      await Promise.all([page.waitForURL(/week=/), page.locator('a[rel=prev]').click()]);
      steps += 1;
      expect(steps).toBeLessThanOrEqual(10);
    }
    expect(steps).toBeGreaterThanOrEqual(4);
  });
});

describe('hostile data', () => {
  it('renders script payloads in titles, places and links as text, and no dialog opens', {
    timeout: SLOW_MS,
  }, async () => {
    // Rendered in Node from test/browser/hostile.ts, served without a CSP: escaping alone must
    // keep every payload inert.
    for (const view of ['list', 'cards', 'month'] as const) {
      const { page, dialogs } = await open('about:blank');
      const url = `${appOrigin}/hostile-${view}`;
      await page.route(url, (route) =>
        route.fulfill({ contentType: 'text/html; charset=utf-8', body: hostileWidgetHtml(view) }),
      );
      await page.goto(url);
      const titles = await page
        .locator(view === 'month' ? 'td li' : 'main :is(h2, h3)[id^=t]')
        .allTextContents();
      expect(titles.length, view).toBeGreaterThan(0);
      for (const title of titles) expect(title).toContain(HOSTILE_TITLE);
      // Our same-origin script file alone, no inline script; nothing from the data.
      expect(await page.locator('script:not([src])').count()).toBe(0);
      expect(
        await page.locator('script[src]').evaluateAll((l) => l.map((e) => e.getAttribute('src'))),
      ).toEqual(['../widget.js']);
      expect(
        await page.locator('main :is(svg, i, img[src=x], [onclick], [onmouseover])').count(),
      ).toBe(0);
      expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
      await page.mouse.move(10, 10);
      await page.waitForTimeout(200);
      expect(dialogs, view).toEqual([]);
    }
  });
});

describe('accessibility', () => {
  /** WCAG contrast of every text element against its effective background, in the page. */
  const lowContrast = (page: Page) =>
    page.evaluate(() => {
      const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r = 0, g = 0, b = 0]: number[]) => {
        const f = (c: number) => {
          const s = c / 255;
          return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const background = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || (c[3] ?? 0) > 0) return c;
        }
        return [255, 255, 255];
      };
      const failures: string[] = [];
      const sel = 'h2, h3, h3 a, p, li, a, summary, time, th, td, span';
      for (const el of document.querySelectorAll(sel)) {
        if (!el.textContent?.trim() || el.closest('.sr')) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const fg = lum(rgb(getComputedStyle(el).color));
        const bg = lum(background(el));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        if (ratio < 4.5) failures.push(`${el.tagName}.${el.className} ${ratio.toFixed(2)}`);
      }
      return failures;
    });

  it('meets WCAG AA contrast in the light and dark themes, for any accent', {
    timeout: SLOW_MS,
  }, async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const query of [
        '',
        '&view=month',
        '&accent=%23ffcc00',
        '&view=cards&accent=%23000080',
      ]) {
        const { page } = await open(`${appOrigin}/widget?limit=8&theme=auto${query}`, {
          colorScheme,
        });
        await page.locator('summary').first().click();
        expect(await lowContrast(page), `${colorScheme} ${query}`).toEqual([]);
      }
    }
    const { page } = await open(`${appOrigin}/widget?limit=8&theme=auto`, { colorScheme: 'dark' });
    await screenshot(page, 'list-dark');
  });

  it('reaches every link with the keyboard, with a visible focus ring', {
    timeout: SLOW_MS,
  }, async () => {
    for (const query of ['?limit=6', '?view=month', '?view=cards&limit=4', '?view=tiles']) {
      const { page } = await open(`${appOrigin}/widget${query}`);
      const targets = await mark(page, FOCUSABLE);
      expect(targets.length).toBeGreaterThan(5);
      const reached = await tabThrough(page);
      expect(
        targets.filter((t) => !reached.has(t.key)),
        query,
      ).toEqual([]);
    }
    const { page: fresh } = await open(`${appOrigin}/widget?limit=6`);
    // The search box, its button, the chips (All and each tag), then the first title.
    const chips = await fresh.locator('nav.ch a').count();
    expect(chips).toBeGreaterThan(2);
    const expected = ['input#q', 'search button', ...Array(chips).fill('nav.ch a'), 'h3 a'];
    for (const selector of expected) {
      await fresh.keyboard.press('Tab');
      const outline = await fresh.evaluate((sel) => {
        const active = document.activeElement as Element;
        const style = getComputedStyle(active);
        return {
          focused: active.matches(`${sel}:focus-visible`),
          style: style.outlineStyle,
          width: Number.parseFloat(style.outlineWidth),
        };
      }, selector);
      expect(outline.focused, selector).toBe(true);
      expect(outline.style, selector).toBe('solid');
      expect(outline.width, selector).toBeGreaterThanOrEqual(2);
    }
  });

  it('searches and narrows by tag from the keyboard alone, without JavaScript', {
    timeout: SLOW_MS,
  }, async () => {
    const { page } = await open(`${appOrigin}/widget?limit=50`, { javaScriptEnabled: false });
    await page.keyboard.press('Tab');
    await page.keyboard.type('prayer');
    await Promise.all([page.waitForURL(/q=prayer/), page.keyboard.press('Enter')]);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/widget');
    expect(url.searchParams.get('limit')).toBe('50');
    const titles = await page.locator('h3 a').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((t) => /prayer/i.test(t))).toBe(true);
    expect(await page.locator('input#q').inputValue()).toBe('prayer');
    // A chip keeps the search and sets its tag; it is marked as the current one.
    const chip = page.locator('nav.ch a').nth(1);
    const name = (await chip.textContent()) ?? '';
    await chip.focus();
    await Promise.all([page.waitForURL(/tag=/), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('prayer');
    expect(await page.locator('nav.ch a[aria-current=true]').allTextContents()).toEqual([name]);
  });

  it('rings a whole tile when its link has keyboard focus', async () => {
    const { page } = await open(`${appOrigin}/widget?view=tiles&chips=false`, { width: 1280 });
    await page.locator('.tl h2 a').first().focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    const ring = await page.evaluate(() => {
      const tile = document.activeElement?.closest('.tl > li');
      const style = tile ? getComputedStyle(tile) : null;
      return { style: style?.outlineStyle, width: Number.parseFloat(style?.outlineWidth ?? '0') };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page: tiles } = await open(`${appOrigin}/widget?view=tiles&theme=${colorScheme}`, {
        width: 1280,
        colorScheme,
      });
      await screenshot(
        tiles,
        `tiles-${colorScheme}`,
        colorScheme === 'light' ? 'widget-tiles.png' : undefined,
      );
    }
    const { page: phone } = await open(`${appOrigin}/widget?view=tiles`, { width: 390 });
    await screenshot(phone, 'tiles-390', 'widget-tiles-phone.png');
  });

  it('drops transitions for people who prefer reduced motion', async () => {
    const duration = async (reducedMotion: 'reduce' | 'no-preference') => {
      const { page } = await open(`${appOrigin}/widget?limit=1`, { reducedMotion });
      return page
        .locator('summary')
        .first()
        .evaluate((el) => getComputedStyle(el).transitionDuration);
    };
    expect(await duration('no-preference')).not.toBe('0s');
    expect(await duration('reduce')).toBe('0s');
  });
});

describe('/embed.js on another site', () => {
  it('inserts each iframe where its script is, and sizes each to its own content', async () => {
    const { page, errors } = await open(`${hostOrigin}/two-embeds`);
    await page.waitForFunction(() => document.querySelectorAll('iframe').length === 2);
    const frames = await page.$$eval('iframe', (iframes) =>
      iframes.map((f) => ({
        after: f.previousElementSibling?.tagName,
        parent: f.parentElement?.id,
        src: f.src,
      })),
    );
    expect(frames).toEqual([
      { after: 'SCRIPT', parent: 'first', src: `${appOrigin}/widget?limit=2&font=inherit` },
      { after: 'SCRIPT', parent: 'second', src: `${appOrigin}/widget?view=month&theme=dark` },
    ]);
    // Each iframe becomes exactly as tall as its document (not the 600 px it starts with). The
    // widget is another origin, so its document is measured through Playwright's frame, once it
    // has loaded: until then the frame holds an about:blank that fills the 600 px.
    for (const handle of await page.$$('iframe')) {
      const frame = await handle.contentFrame();
      if (!frame) throw new Error('an iframe without its frame');
      await frame.waitForSelector('main');
      await expect
        .poll(async () => [
          (await handle.boundingBox())?.height,
          await frame.evaluate(() =>
            Math.ceil(document.documentElement.getBoundingClientRect().height),
          ),
        ])
        .toSatisfy(([outer, inner]) => outer === inner);
    }
    const [small, month] = await page.$$eval('iframe', (iframes) =>
      iframes.map((f) => f.getBoundingClientRect().height),
    );
    expect(small).toBeLessThan(600);
    expect(month).toBeGreaterThan(small ?? 0);
    expect(await page.locator('iframe').first().getAttribute('title')).toBe('Next two events');
    // The second frame takes its widget's document title: the church's name, marked as the demo.
    expect(await page.locator('iframe').nth(1).getAttribute('title')).toBe(
      'Grace Community Church (demo)',
    );
    // font=inherit: the first widget takes the host page's font family.
    const font = await page
      .frameLocator('#first iframe')
      .locator('html')
      .evaluate((html) => getComputedStyle(html).fontFamily);
    expect(font).toContain('Georgia');
    // Month navigation inside the second frame resizes it again.
    const monthFrame = page.frameLocator('#second iframe');
    await monthFrame.locator('a[rel=next]').click();
    await expect
      .poll(() => monthFrame.locator('h2#month time').getAttribute('datetime'))
      .toBe(monthInChicago(1));
    expect(errors).toEqual([]);
    await screenshot(page, 'embed-host');
  });

  it('passes data-q on as the widget’s search, so the frame lists only the matching events', async () => {
    const snippet = `<script src="${appOrigin}/embed.js" data-view="cards" data-q="camp"></script>`;
    const { page, errors } = await open(`${hostOrigin}/page?html=${encodeURIComponent(snippet)}`);
    const iframe = page.locator('iframe');
    await iframe.waitFor();
    expect(await iframe.getAttribute('src')).toBe(`${appOrigin}/widget?view=cards&q=camp`);
    const expected = await eventsJson('?q=camp');
    expect(expected.occurrences.length).toBeGreaterThan(0);
    const titles = new Set(expected.occurrences.map((o) => o.title));
    // The frame's document is about:blank until the widget has loaded: wait for a title.
    const body = page.frameLocator('iframe').locator('body');
    await expect.poll(() => body.innerText()).toContain([...titles][0] ?? '');
    const text = await body.innerText();
    for (const title of titles) expect(text).toContain(title);
    expect(text).not.toContain('Sunday Worship');
    expect(errors).toEqual([]);
  });

  it('is small and cached by ETag', async () => {
    const res = await fetch(`${appOrigin}/embed.js`);
    const body = await res.text();
    expect(body.length).toBeLessThan(4096);
    const etag = res.headers.get('ETag') ?? '';
    const again = await fetch(`${appOrigin}/embed.js`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });
});

describe('subscribe page', () => {
  it('has well-formed subscribe links for the calendar and each tag', async () => {
    const { page, errors } = await open(`${appOrigin}/`);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(() => new URL(href, appOrigin), href).not.toThrow();
    const feed = `${appOrigin}/calendar.ics`;
    const webcal = `webcal://${new URL(appOrigin).host}/calendar.ics`;
    expect(hrefs).toContain(webcal);
    const cids = hrefs
      .filter((h) => h.startsWith('https://calendar.google.com/calendar/render?cid='))
      .map((h) => new URL(h).searchParams.get('cid'));
    expect(cids[0]).toBe(webcal);
    const { tags } = await eventsJson();
    expect(cids.slice(1)).toEqual(tags.map((t) => `${webcal}?tag=${t.id}`));
    for (const origin of ['https://outlook.live.com', 'https://outlook.office.com']) {
      const urls = hrefs
        .filter((h) => h.startsWith(`${origin}/calendar/0/addfromweb?`))
        .map((h) => new URL(h).searchParams.get('url'));
      expect(urls).toEqual([feed, ...tags.map((t) => `${feed}?tag=${t.id}`)]);
    }
    expect(await page.locator('ul.tt h3').allTextContents()).toEqual(tags.map((t) => t.name));
    // Every link to this site answers: 200, or 302 for the add-to-calendar redirects.
    const own = [...new Set(hrefs.filter((h) => h.startsWith(appOrigin)))];
    expect(own.length).toBeGreaterThan(tags.length);
    // The titles link to the occurrences' own pages (`/occurrences/{id}`, served by the event
    // page route): each names a published occurrence.
    const published = new Set((await eventsJson('?limit=1000')).occurrences.map((o) => o.id));
    const pages = own.filter((h) => /\/occurrences\/\d+$/.test(h));
    expect(pages.length).toBeGreaterThan(0);
    for (const href of pages) expect(published.has(href.split('/').pop() ?? ''), href).toBe(true);
    for (const href of own.filter((h) => !pages.includes(h))) {
      const { status } = await fetch(href, { redirect: 'manual' });
      expect(status, href).toBe(/\/occurrences\/\d+\/\w+$/.test(href) ? 302 : 200);
    }
    expect(errors).toEqual([]);
    await screenshot(page, 'subscribe');
  });

  it('builds a working embed snippet from the chosen view and tag, with a live preview', async () => {
    const { page } = await open(`${appOrigin}/`, { clipboard: true });
    const { tags } = await eventsJson();
    const tag = tags.find((t) => t.name === 'Youth') ?? tags[0];
    if (!tag) throw new Error('no tags in the demo data');
    await page.selectOption('select[name=view]', 'cards');
    await page.selectOption('select[name=tag]', tag.id);
    await page.selectOption('select[name=theme]', 'dark');
    const script = await page.inputValue('#snippet-script');
    const iframe = await page.inputValue('#snippet-iframe');
    // The same choice rendered by the server (JavaScript off) gives the same snippets.
    const { page: server } = await open(`${appOrigin}/?view=cards&tag=${tag.id}&theme=dark#embed`, {
      javaScriptEnabled: false,
    });
    expect(script).toBe(await server.inputValue('#snippet-script'));
    expect(iframe).toBe(await server.inputValue('#snippet-iframe'));
    const previewSrc = `${appOrigin}/widget?view=cards&tag=${tag.id}&theme=dark`;
    expect(await page.locator('#preview').getAttribute('src')).toBe(previewSrc);
    await page.frameLocator('#preview').locator('.cs').waitFor();
    expect(new URL(page.url()).search).toBe(`?view=cards&tag=${tag.id}&theme=dark`);
    // Copy, then paste it into another site's page: the widget appears there.
    await page.locator('button[data-copy=snippet-script]').click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(script);
    const { page: host } = await open(`${hostOrigin}/page?html=${encodeURIComponent(copied)}`);
    const pasted = host.frameLocator('#pasted iframe');
    await pasted.locator('.cs').waitFor();
    const tagsShown = await pasted.locator('.cs > li > ul:not(.ts) > li').allTextContents();
    expect(tagsShown).toContain(tag.name);
    await screenshot(page, 'subscribe-embed');
  });

  it('reaches every control with the keyboard', async () => {
    const { page } = await open(`${appOrigin}/`);
    const targets = await mark(page, FOCUSABLE);
    const reached = await tabThrough(page);
    expect(targets.filter((t) => !reached.has(t.key))).toEqual([]);
  });
});

/** The axe-core source, injected into pages through playwright-core (never served by the app). */
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * axe-core's violations on a page and its frames: WCAG 2.0–2.2 A and AA, best practices, and
 * `label-content-name-mismatch` (visible text inside the accessible name, WCAG 2.5.3), as
 * `rule: selector` strings.
 */
async function axeViolations(page: Page): Promise<string[]> {
  for (const frame of page.frames()) await frame.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResults> } })
      .axe;
    const results = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      rules: { 'label-content-name-mismatch': { enabled: true } },
      iframes: true,
    });
    return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}
interface AxeResults {
  violations: { id: string; nodes: { target: string[] }[] }[];
}

/** How far the document scrolls sideways, px (0 when it fits). */
const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('axe-core', () => {
  // Every view has the search box and (the demo has six public tags) the tag chips.
  const WIDGET_VIEWS = ['', '?view=cards', '?view=month', '?view=week', '?view=tiles'];
  for (const width of [390, 1280]) {
    it(`finds no violations on /, every widget view in every theme, at ${width} px`, {
      timeout: SLOW_MS,
    }, async () => {
      const found: Record<string, string[]> = {};
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page } = await open(`${appOrigin}/`, { width, colorScheme });
        found[`/ ${colorScheme}`] = await axeViolations(page);
      }
      for (const view of WIDGET_VIEWS) {
        for (const theme of ['light', 'dark', 'transparent']) {
          const query = `${view ? `${view}&` : '?'}theme=${theme}`;
          const { page } = await open(`${appOrigin}/widget${query}`, { width });
          // Open a menu, so its links are checked too (the week view has none).
          if ((await page.locator('summary').count()) > 0) {
            await page.locator('summary').first().click();
          }
          found[`/widget${query}`] = await axeViolations(page);
        }
      }
      expect(Object.entries(found).filter(([, v]) => v.length > 0)).toEqual([]);
    });

    it(`finds no violations on a church page with two embeds and a transparent one, at ${width} px`, {
      timeout: SLOW_MS,
    }, async () => {
      for (const path of ['/two-embeds', '/coloured']) {
        const { page } = await open(`${hostOrigin}${path}`, { width });
        // Each widget has loaded and reported its height (cross-origin: only the size is seen).
        await page.waitForFunction(() => {
          const frames = [...document.querySelectorAll('iframe')];
          return frames.length > 0 && frames.every((f) => f.style.height !== '600px');
        });
        for (const frame of page.frames()) await frame.waitForLoadState('load');
        expect(await axeViolations(page), path).toEqual([]);
      }
    });
  }
});

describe('phones', () => {
  it('fits the subscribe page and every widget view in 320 to 414 px, with no sideways scroll', {
    timeout: SLOW_MS,
  }, async () => {
    for (const width of [320, 360, 390, 414]) {
      for (const path of [
        '/',
        '/widget',
        '/widget?view=cards',
        '/widget?view=month',
        '/widget?view=tiles',
      ]) {
        const { page } = await open(`${appOrigin}${path}`, { width });
        expect(await sidewaysScroll(page), `${path} at ${width}`).toBe(0);
        if (path === '/') {
          // Each tag's row reflows: every link stays inside the viewport.
          const right = await page.$$eval('ul.tt a', (as) =>
            Math.max(...as.map((a) => a.getBoundingClientRect().right)),
          );
          expect(right).toBeLessThanOrEqual(width);
          if (width === 320) await screenshot(page, 'subscribe-320');
        }
      }
    }
  });

  it('keeps the month navigation on one line, and stops it at the published window', {
    timeout: SLOW_MS,
  }, async () => {
    const { page } = await open(`${appOrigin}/widget?view=month`, { width: 320 });
    const line = async () => {
      const boxes = await page.$$eval('nav.n > *', (els) =>
        els.map((el) => {
          const box = el.getBoundingClientRect();
          return { top: box.top, height: box.height };
        }),
      );
      const lineHeight = await page.$eval('nav.n a', (a) =>
        Number.parseFloat(getComputedStyle(a).lineHeight),
      );
      for (const box of boxes) expect(box.height).toBeLessThan(2 * lineHeight + 16);
      return boxes;
    };
    await line();
    // Forward until there is no next month: within the ~6-month published window.
    let steps = 0;
    while ((await page.locator('a[rel=next]').count()) > 0) {
      await Promise.all([page.waitForURL(/month=/), page.locator('a[rel=next]').click()]);
      await line();
      steps += 1;
      expect(steps).toBeLessThanOrEqual(13);
    }
    expect(steps).toBeGreaterThanOrEqual(5);
    expect(await page.locator('nav.n > span[aria-hidden=true]').count()).toBe(1);
    // Nothing published lies beyond the last month the navigation reaches.
    const lastMonth = new URL(page.url()).searchParams.get('month') ?? '';
    const { occurrences } = await eventsJson('?limit=1000');
    const latest = occurrences.map((o) => (o.start_date ?? o.local_starts_at).slice(0, 7)).sort();
    expect((latest.at(-1) ?? '') <= lastMonth).toBe(true);
    await screenshot(page, 'month-320-last');
  });
});

describe('transparent theme', () => {
  it('shows the church page’s own background through the widget, in the page’s text colour', {
    timeout: SLOW_MS,
  }, async () => {
    const { page, errors } = await open(`${hostOrigin}/coloured`, { width: 760 });
    const frame = page.frameLocator('#embed iframe');
    await frame.locator('main').waitFor();
    await expect
      .poll(() =>
        frame
          .locator('h3 a')
          .first()
          .evaluate((a) => getComputedStyle(a).color),
      )
      .toBe(COLOURED_HOST.color);
    const inside = await frame.locator('html').evaluate((html) => ({
      html: getComputedStyle(html).backgroundColor,
      body: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.querySelector('main p') as Element).color,
    }));
    expect(inside).toEqual({
      html: 'rgba(0, 0, 0, 0)',
      body: 'rgba(0, 0, 0, 0)',
      text: COLOURED_HOST.color,
    });
    // The pixels inside the frame, beside the text, are the host page's green.
    const box = await page.locator('#embed iframe').boundingBox();
    if (!box) throw new Error('no iframe');
    const png = await page.screenshot({
      clip: { x: box.x + box.width - 6, y: box.y + 4, width: 2, height: 2 },
    });
    const { page: reader } = await open('about:blank');
    const pixel = await reader.evaluate(
      async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const context = canvas.getContext('2d');
        context?.drawImage(img, 0, 0);
        const [r, g, b] = context?.getImageData(0, 0, 1, 1).data ?? [];
        return `rgb(${r}, ${g}, ${b})`;
      },
      `data:image/png;base64,${png.toString('base64')}`,
    );
    expect(pixel).toBe(COLOURED_HOST.background);
    expect(errors).toEqual([]);
    await screenshot(page, 'transparent-on-green', 'widget-transparent.png');
  });
});
