/**
 * The event page (`/occurrences/{id}`) in real Chromium against `wrangler dev` in demo mode
 * (Grace Community Church, America/Chicago): axe-core at phone and desktop widths, light and
 * dark, English and Spanish; the keyboard; `/sitemap.xml` through xmllint; and embed.js with
 * `data-seo="true"` adding the shown events' JSON-LD to a host page on another origin.
 *
 * axe-core (the devDependency's own `axe.min.js`) is evaluated through the DevTools protocol,
 * which the page's `script-src 'none'` does not govern, so the page is tested with its real
 * CSP. With UPDATE_DOCS_SCREENSHOTS=1 the light desktop page in English and phone page in Spanish
 * are written to docs/.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { type AxeViolation, runAxe } from './axe';
import { SCREENSHOT_DIR } from './context';
import { chromiumSession } from './session';

const { appOrigin, hostOrigin } = inject('browser');

const chromium = chromiumSession();

async function open(
  url: string,
  options: { width?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await chromium.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    timezoneId: 'Asia/Tokyo',
    locale: 'en-GB',
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  return { page, errors };
}

interface EventsJson {
  occurrences: {
    id: string;
    event_id: string;
    title: string;
    location: string | null;
    registration_url: string | null;
    local_starts_at: string;
  }[];
}

/** A demo occurrence with everything on its page: place, registration, description, more dates. */
async function richOccurrence(): Promise<EventsJson['occurrences'][number]> {
  const list = (await (await fetch(`${appOrigin}/events.json?limit=100`)).json()) as EventsJson;
  const rich = list.occurrences.find(
    (o) =>
      o.registration_url &&
      o.location &&
      list.occurrences.filter((other) => other.event_id === o.event_id).length > 2,
  );
  if (!rich) throw new Error('the demo calendar has no occurrence with a registration link');
  return rich;
}

/** axe-core's violations on the page (every rule axe runs by default), with the menu open. */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.locator('details').evaluate((d) => {
    (d as HTMLDetailsElement).open = true;
  });
  return runAxe(page);
}

describe('event page in Chromium', () => {
  const cases = [390, 1280].flatMap((width) =>
    (['light', 'dark'] as const).flatMap((colorScheme) =>
      (['en', 'es'] as const).map((lang) => ({ width, colorScheme, lang })),
    ),
  );

  it.each(cases)(
    'has 0 axe-core violations at $width px, $colorScheme, lang=$lang',
    async ({ width, colorScheme, lang }) => {
      const occurrence = await richOccurrence();
      const { page, errors } = await open(
        `${appOrigin}/occurrences/${occurrence.id}?lang=${lang}`,
        {
          width,
          colorScheme,
        },
      );
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await expect(page.locator('h1').textContent()).resolves.toBe(occurrence.title);
      const name = `event-page-${lang}-${width}-${colorScheme}`;
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
      // The README shows the desktop page in English and the phone page in Spanish.
      const docs = colorScheme === 'light' && (width === 1280 ? lang === 'en' : lang === 'es');
      if (docs && process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
        copyFileSync(join(SCREENSHOT_DIR, `${name}.png`), join('docs', `event-page-${width}.png`));
      }
      const violations = await axeViolations(page);
      expect(violations).toEqual([]);
      // No CSP report and no script error: the page has no script, and needs none.
      expect(errors).toEqual([]);
    },
  );

  it('shows the church’s local time to a reader in Tokyo', async () => {
    const occurrence = await richOccurrence();
    const { page } = await open(`${appOrigin}/occurrences/${occurrence.id}`);
    const [hh = '0', mm = '00'] = occurrence.local_starts_at.slice(11, 16).split(':');
    const h = Number(hh);
    const clock = `${h % 12 === 0 ? 12 : h % 12}:${mm} ${h < 12 ? 'AM' : 'PM'}`;
    const start = page.locator(`time[datetime="${occurrence.local_starts_at}"]`);
    // ICU puts a plain or a narrow no-break space before AM/PM, depending on its version.
    expect((await start.textContent())?.replace(/\s/g, ' ')).toBe(clock);
  });

  it('reaches every link and the menu with the keyboard, each with a visible focus ring', async () => {
    const occurrence = await richOccurrence();
    const { page } = await open(`${appOrigin}/occurrences/${occurrence.id}`);
    const focusable = await page.locator('a[href], summary').count();
    const seen = new Set<string>();
    for (let i = 0; i < focusable + 2; i++) {
      await page.keyboard.press('Tab');
      const state = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return {
          key: `${el.tagName}|${el.getAttribute('href') ?? ''}|${el.textContent}`,
          ring:
            el.matches(':focus-visible') &&
            style.outlineStyle !== 'none' &&
            style.outlineWidth !== '0px',
        };
      });
      if (!state) continue;
      expect(state.ring, state.key).toBe(true);
      seen.add(state.key);
      if (state.key.startsWith('SUMMARY')) await page.keyboard.press('Enter');
    }
    expect(seen.size).toBe(focusable);
  });
});

describe('sitemap and host-page JSON-LD', () => {
  it('serves a sitemap that xmllint reads as well-formed, with every URL answering', async () => {
    const xml = await (await fetch(`${appOrigin}/sitemap.xml`)).text();
    const file = join(mkdtempSync(join(tmpdir(), 'pco-sitemap-')), 'sitemap.xml');
    writeFileSync(file, xml);
    execFileSync('xmllint', ['--noout', file]);
    const count = execFileSync('xmllint', [
      '--xpath',
      "count(//*[local-name()='urlset']/*[local-name()='url']/*[local-name()='loc'])",
      file,
    ]).toString();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');
    expect(Number(count)).toBe(locs.length);
    expect(locs[0]).toBe(`${appOrigin}/`);
    for (const loc of locs.slice(0, 10)) expect((await fetch(loc)).status, loc).toBe(200);
  });

  it('adds the shown events’ JSON-LD to the host page with data-seo="true"', async () => {
    const snippet = `<script src="${appOrigin}/embed.js" data-limit="3" data-seo="true" async></script>`;
    const { page } = await open(`${hostOrigin}/page?html=${encodeURIComponent(snippet)}`);
    const block = page.locator('head script[type="application/ld+json"][data-pco-feeds]');
    await block.waitFor({ state: 'attached' });
    const events = JSON.parse((await block.textContent()) ?? '') as {
      '@type': string;
      url: string;
    }[];
    const list = (await (await fetch(`${appOrigin}/events.json?limit=3`)).json()) as EventsJson;
    expect(events.map((e) => e.url)).toEqual(
      list.occurrences.map((o) => `${appOrigin}/occurrences/${o.id}`),
    );
    expect(events.every((e) => e['@type'] === 'Event')).toBe(true);
  });

  it('adds no JSON-LD without data-seo', async () => {
    const snippet = `<script src="${appOrigin}/embed.js" data-limit="3"></script>`;
    const { page } = await open(`${hostOrigin}/page?html=${encodeURIComponent(snippet)}`);
    await page.locator('iframe').waitFor();
    await page.waitForTimeout(500);
    expect(await page.locator('script[type="application/ld+json"]').count()).toBe(0);
  });
});
