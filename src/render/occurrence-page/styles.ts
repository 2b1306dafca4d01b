/**
 * The event page's stylesheet: the widget's theme tokens (`accent`, `theme`) and base rules,
 * plus the page's own layout. No fonts or images from anywhere else.
 */
import type { WidgetTheme } from '../widget/options';
import { BASE_CSS, themeCss } from '../widget/styles';

const PAGE_CSS = `
body{max-width:44rem;margin:0 auto;padding:1rem 1rem 3rem}
.top{margin-bottom:1rem;font-size:.95rem}
.hero{display:block;width:100%;aspect-ratio:16/9;object-fit:cover;border-radius:var(--pco-radius);margin-bottom:1rem;background:var(--pco-surface)}
h1{font-size:1.9rem;line-height:1.2;margin-bottom:.5rem}
main h2{font-size:1.05rem;margin:1.4rem 0 .35rem}
.m{color:var(--pco-muted);font-size:.9rem;margin-top:.2rem}
.ts{margin-top:.3rem}
.tg{display:flex;flex-wrap:wrap;gap:.3rem;margin-top:.6rem;font-size:.8rem}
.tg li{padding:.05rem .55rem;border-radius:99px;background:var(--pco-surface);border:1px solid var(--pco-border)}
.ac{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start;margin-top:1.2rem}
.ac details{margin:0}
.ac .b{min-height:2.2rem;padding:.4rem .9rem}
.ac summary{min-height:2.2rem;padding:.4rem .9rem}
.ds{overflow-wrap:anywhere}
.ds p,.ds ul,.ds ol,.ds blockquote{margin:.6rem 0}
.ds ul{list-style:disc;padding-left:1.4rem}
.ds ol{padding-left:1.4rem}
.ds h1,.ds h2,.ds h3,.ds h4{font-size:1rem;margin:.8rem 0 .3rem}
.ds blockquote{padding-left:.8rem;border-left:3px solid var(--pco-border)}
.od li{padding:.4rem 0;border-bottom:1px solid var(--pco-border)}
.od li:last-child{border:0}
.fs li{padding:.2rem 0}
footer{margin-top:2rem;padding-top:.75rem;border-top:1px solid var(--pco-border);font-size:.9rem}
`;

/** The event page's full stylesheet for an accent (`#rrggbb`) and a theme choice. */
export function occurrencePageCss(accent: string, theme: WidgetTheme): string {
  return `${themeCss(accent, theme)}${BASE_CSS}${PAGE_CSS}`.replace(/\n/g, '');
}
