/**
 * The widget's one inline script (allowed by its CSP hash). Everything works without it; it
 * only improves the page:
 * - images that fail to load are removed, so the card's date badge shows instead;
 * - inside a frame, it posts the document's height to the parent on every size change
 *   (`{type: 'pco-feeds:resize', height, title}`), which `/embed.js` uses to size the iframe;
 * - with `font=inherit`, it takes the embedding page's `font-family`, and with
 *   `theme=transparent` its text `color`, from a `{type: 'pco-feeds:host', family, color}`
 *   message sent by the parent frame only (each value checked against a strict pattern).
 *
 * The height message carries nothing private, so it is posted to any parent (`'*'`); the
 * receiver checks the sender's origin.
 */
export const WIDGET_SCRIPT = `(function(){
var d=document,r=d.documentElement,p=window.parent;
function hide(i){var m=i.parentNode;i.remove();if(m)m.classList.add("ni")}
d.querySelectorAll("img").forEach(function(i){if(i.complete&&!i.naturalWidth)hide(i);else i.addEventListener("error",function(){hide(i)})});
if(p===window)return;
var last=0;
function post(){var h=Math.ceil(r.getBoundingClientRect().height);if(h!==last){last=h;p.postMessage({type:"pco-feeds:resize",height:h,title:d.title},"*")}}
if(window.ResizeObserver)new ResizeObserver(post).observe(r);
addEventListener("load",post);
post();
addEventListener("message",function(e){var m=e.data;if(e.source!==p||!m||m.type!=="pco-feeds:host")return;var f=String(m.family),c=String(m.color);if(r.getAttribute("data-font")==="inherit"&&/^[\\w\\s,'"-]{1,300}$/.test(f))r.style.setProperty("--font",f);if(r.getAttribute("data-theme")==="transparent"&&/^rgba?\\([\\d.,\\s%/]{1,60}\\)$/.test(c))r.style.setProperty("--fg",c)});
})();`;
