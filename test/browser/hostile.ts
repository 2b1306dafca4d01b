/**
 * Hostile text for the browser suite: widget pages rendered in Node from hand-made occurrences
 * whose title, place and links carry script payloads. The demo calendar reads like a real
 * church, so these cases live here (and in test/fixtures/church.ts for the Worker tests).
 */

import { DEFAULT_WIDGET_OPTIONS, type WidgetView } from '../../src/render/widget/options';
import { renderWidgetPage } from '../../src/render/widget/page';
import { makeOccurrence } from '../support/occurrence';

/** The title every hostile occurrence carries. */
export const HOSTILE_TITLE =
  'Movie Night <script>alert("xss")</script><img src=x onerror=alert(2)>';

/** A widget page (list, cards or month of November 2026) of three hostile occurrences. */
export function hostileWidgetHtml(view: WidgetView): string {
  const occurrences = [0, 1, 2].map((n) => {
    const start = `2026-11-${19 + n}T00:30:00Z`;
    return makeOccurrence({
      id: String(5001 + n),
      title: HOSTILE_TITLE,
      start,
      end: `2026-11-${19 + n}T03:00:00Z`,
      times: [{ start, end: `2026-11-${19 + n}T03:00:00Z`, name: null }],
      location: 'Room <b>101</b> & "Annex" \'><svg onload=alert(3)>',
      url: 'javascript:alert(4)',
      registrationUrl: 'https://example.org/r"onmouseover="alert(5)',
      imageUrl: 'https://images.test/x.jpg"onerror="alert(6)',
      tags: [{ id: '1', name: '<i onclick=alert(7)>Youth</i>' }],
    });
  });
  return renderWidgetPage({
    title: 'Hostile <script>alert(8)</script>',
    style: { timeZone: 'America/Chicago', twentyFourHourTime: false },
    options: { ...DEFAULT_WIDGET_OPTIONS, view },
    today: '2026-11-01',
    occurrences,
    month: '2026-11',
    months: { first: '2026-11', last: '2026-11' },
    week: '2026-11-15',
    weeks: { first: '2026-11-15', last: '2026-11-15' },
    query: [],
    subscribeUrl: 'https://feeds.example.org/',
  }).html;
}
