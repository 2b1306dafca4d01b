/**
 * The widget's one script (`/widget.js`, same origin). Everything works without it; it only
 * improves the page:
 * - images that fail to load are removed, so the card's date badge shows instead (and the
 *   dialog shows no empty frame);
 * - inside a frame, it posts the document's height to the parent on every size change
 *   (`{type: 'pco-feeds:resize', height, title}`), which `/embed.js` uses to size the iframe;
 * - with `font=inherit`, it takes the embedding page's `font-family`, and with
 *   `theme=transparent` its text `color`, from a `{type: 'pco-feeds:host', family, color}`
 *   message sent by the parent frame only (each value checked against a strict pattern).
 *
 * - choosing an event (a link to `occurrences/{id}`, by click or Enter) opens its details in the
 *   page's `<dialog>`: the event page's `<article>`, fetched from `{id}?fragment=1&lang=…`
 *   (same origin: CSP `connect-src 'self'`). Focus moves into the dialog, Tab and Shift+Tab
 *   stay in it, Escape or the close button closes it and focus returns to the link. The URL
 *   gets `#occurrence-{id}` (replaced, not pushed), and a page loaded with that fragment opens
 *   the dialog, so the address can be shared. In a frame sized to its content, the dialog is
 *   placed by the chosen link rather than in the middle of the (tall) frame. If the fragment
 *   cannot be loaded, the dialog offers a link to the event page.
 *
 * The height message carries nothing private, so it is posted to any parent (`'*'`); the
 * receiver checks the sender's origin.
 */
/**
 * The widget's script, served from this origin as `/widget.js` (CSP `script-src 'self'`) and
 * loaded with `defer` by every view, so no page carries it inline: images, the frame messages
 * and the details dialog (see the module comment). The dialog part does nothing on a page
 * without `<dialog id="dl">`.
 *
 * Frame messages, besides the height: the host page's first `pco-feeds:host` message (sent by
 * `/embed.js` on each load, to this origin only) tells the script the host's origin, and from
 * then on each opening and closing of the dialog is posted to that origin only, as
 * `{type: 'pco-feeds:dialog', id, top}` (`id` null when closed; `top` the dialog's offset in
 * the frame, px), so the host's address can follow (`#occurrence-{id}`). A `pco-feeds:open`
 * message from the parent (`{id}`, digits) opens that occurrence's dialog.
 */
export const WIDGET_SCRIPT = `(function(){
var d=document,r=d.documentElement,p=window.parent,ho=null,pend=null;
function hide(i){var m=i.parentNode;i.remove();if(m)m.classList.add("ni")}
function watch(i){if(i.complete&&!i.naturalWidth)hide(i);else i.addEventListener("error",function(){hide(i)})}
d.querySelectorAll("img").forEach(watch);
function tell(m){if(p===window)return;if(ho)p.postMessage(m,ho);else pend=m}
var dl=d.getElementById("dl"),dc=dl&&dl.lastChild,op=null,here=location.pathname+location.search;
if(p!==window){
var last=0,post=function(){var h=Math.ceil(r.getBoundingClientRect().height);if(h!==last){last=h;p.postMessage({type:"pco-feeds:resize",height:h,title:d.title},"*")}};
if(window.ResizeObserver)new ResizeObserver(post).observe(r);
addEventListener("load",post);
post();
addEventListener("message",function(e){var m=e.data;if(e.source!==p||!m)return;
if(m.type==="pco-feeds:host"){if(!ho&&/^https?:\\/\\/[^/]+$/.test(e.origin)){ho=e.origin;if(pend)p.postMessage(pend,ho);pend=null}
var f=String(m.family),c=String(m.color);if(r.getAttribute("data-font")==="inherit"&&/^[\\w\\s,'"-]{1,300}$/.test(f))r.style.setProperty("--font",f);if(r.getAttribute("data-theme")==="transparent"&&/^rgba?\\([\\d.,\\s%/]{1,60}\\)$/.test(c))r.style.setProperty("--fg",c)}
else if(m.type==="pco-feeds:open"&&dl&&/^\\d{1,20}$/.test(m.id))show(m.id,linkTo(m.id))});
}
if(!dl)return;
function idOf(a){var u=new URL(a.href),m=/\\/occurrences\\/(\\d+)$/.exec(u.pathname);return u.origin===location.origin&&m?m[1]:null}
function linkTo(id){return [].find.call(d.links,function(l){return idOf(l)===id})||null}
function show(id,a){op=a;var u=new URL(id,d.baseURI);u.searchParams.set("fragment","1");u.searchParams.set("lang",r.lang);
fetch(u).then(function(x){if(!x.ok)throw 0;return x.text()}).then(function(h){dc.innerHTML=h;dc.querySelectorAll("img").forEach(watch)},function(){dc.innerHTML="<p><a></a>";var l=dc.querySelector("a");l.href=id;l.textContent=dl.getAttribute("data-fail")}).then(function(){
var h=dc.querySelector("h1");if(h){h.id="dh";dl.setAttribute("aria-labelledby","dh")}
if(dl.open)dl.firstChild.focus();else dl.showModal();dl.scrollTop=0;dl.style.marginTop="";
if(p!==window&&a){var t=a.getBoundingClientRect().top;dl.style.marginTop=Math.max(8,Math.min(t-40,innerHeight-dl.offsetHeight-8))+"px"}
history.replaceState(null,"",here+"#occurrence-"+id);tell({type:"pco-feeds:dialog",id:id,top:Math.round(dl.getBoundingClientRect().top)})})}
d.addEventListener("click",function(e){var a=e.target.closest&&e.target.closest("a[href]"),id=a&&idOf(a);if(!id||e.button||e.ctrlKey||e.metaKey||e.shiftKey||e.altKey)return;e.preventDefault();show(id,dl.contains(a)?op:a)});
dl.firstChild.addEventListener("click",function(){dl.close()});
dl.addEventListener("close",function(){dc.innerHTML="";history.replaceState(null,"",here);tell({type:"pco-feeds:dialog",id:null});if(op)op.focus()});
dl.addEventListener("keydown",function(e){if(e.key!=="Tab")return;var f=[].filter.call(dl.querySelectorAll("a[href],button,summary"),function(x){return x.getClientRects().length}),a=f[0],z=f[f.length-1];if(e.shiftKey?d.activeElement===a:d.activeElement===z){e.preventDefault();(e.shiftKey?z:a).focus()}});
var m=/^#occurrence-(\\d+)$/.exec(location.hash);if(m)show(m[1],linkTo(m[1]));
})();`;
