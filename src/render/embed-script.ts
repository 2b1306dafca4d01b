/**
 * The source of `/embed.js`: a one-line embed that inserts an iframe of `/widget` right after
 * its own `<script>` tag and keeps the iframe as tall as its content.
 *
 * - Options come from the tag's `data-*` attributes (`data-view`, `data-month`, `data-week`,
 *   `data-tag`
 *   (one id, or several separated by spaces or commas), `data-featured`, `data-event`,
 *   `data-days`, `data-limit`, `data-accent`, `data-theme`, `data-font`, `data-chips`, `data-lang`,
 *   `data-q`), plus `data-title`
 *   (the iframe's accessible name until the widget reports its own) and `data-height`
 *   (initial height in px, default 600).
 * - The widget's origin is the script's own (`document.currentScript.src`, or the last
 *   unused `embed.js` tag where a site builder leaves `currentScript` empty), so the script is
 *   the same bytes on every deployment and caches well.
 * - Resize messages are accepted only from that origin and from this embed's own iframe, so
 *   several embeds on one page size independently.
 * - With `data-font="inherit"` or `data-theme="transparent"`, the embedding element's
 *   `font-family` and text `color` are sent to the frame (to the widget's origin only) each time
 *   it loads; the widget uses the font with `font=inherit` and the colour with
 *   `theme=transparent`. The iframe has no background of its own, so a transparent widget shows
 *   the page's.
 * - With `data-seo="true"`, the schema.org `Event` JSON-LD of the shown events
 *   (`/widget.jsonld` with the iframe's query) is added to the host page's `<head>`, for search
 *   engines that run scripts (Google does). A host page CSP must allow `connect-src` to the
 *   widget's origin.
 *
 * - The details dialog's address follows the host page: on the first embed of a page, a host
 *   URL with `#occurrence-{id}` (the form the widget's dialog writes) is passed into the
 *   iframe's URL, which opens that occurrence's dialog on load (the iframe then loads at once,
 *   not lazily, and the page scrolls to the dialog); while the dialog opens and closes, the
 *   frame posts `{type: 'pco-feeds:dialog', id}` and the host's hash follows (replaced, not
 *   pushed; cleared on close). A hash of the host's own (`#section`, a `#/route`) is never
 *   touched: the address then does not follow the dialog. The URL is written from
 *   `location.href`, so a `<base href>` on the host page does not matter. A later `hashchange`
 *   to `#occurrence-{id}` opens that dialog.
 *   Both ways are origin-checked: the host accepts the message only from the widget's origin
 *   and its own iframe, and posts to the widget's origin only; the frame accepts messages only
 *   from its parent and posts the dialog's messages only to the origin the parent's
 *   `pco-feeds:host` message came from.
 *
 * Plain ES5 so it runs on any site builder's pages.
 */
export const EMBED_SCRIPT = `/*! pco-feeds embed: inserts the /widget calendar here */
(function () {
  "use strict";
  var s = document.currentScript;
  if (!s) {
    // Some site builders run scripts without currentScript: take the last one not yet used.
    var all = document.querySelectorAll('script[src*="/embed.js"]:not([data-pco-embedded])');
    s = all[all.length - 1];
  }
  if (!s || !s.parentNode || s.hasAttribute("data-pco-embedded")) return;
  s.setAttribute("data-pco-embedded", "");
  var src = new URL("widget", s.src);
  var keys = ["view", "month", "week", "tag", "featured", "event", "days", "limit", "accent", "theme", "font", "chips", "lang", "q"];
  for (var i = 0; i < keys.length; i++) {
    var value = s.getAttribute("data-" + keys[i]);
    if (!value) continue;
    var parts = keys[i] === "tag" ? value.split(/[\\s,]+/) : [value];
    for (var j = 0; j < parts.length; j++) if (parts[j]) src.searchParams.append(keys[i], parts[j]);
  }
  // The first embed passes #occurrence-{id} to its frame; the hash follows its dialog.
  var HASH = /^#occurrence-(\\d{1,20})$/;
  var deep = !document.querySelector("script[data-pco-deep-link]");
  if (deep) s.setAttribute("data-pco-deep-link", "");
  var opening = deep && HASH.exec(location.hash);
  var shown = opening ? opening[1] : null;
  if (opening) src.hash = "occurrence-" + opening[1];
  var title = s.getAttribute("data-title");
  var frame = document.createElement("iframe");
  frame.src = src.href;
  frame.title = title || "Events calendar";
  frame.loading = opening ? "eager" : "lazy";
  frame.style.cssText = "display:block;width:100%;border:0;height:" + (parseInt(s.getAttribute("data-height"), 10) || 600) + "px";
  s.parentNode.insertBefore(frame, s.nextSibling);
  function follow(data) {
    var id = /^\\d{1,20}$/.test(data.id) ? data.id : null;
    if (id && id === shown && opening) {
      opening = null;
      window.scrollTo(0, Math.max(0, frame.getBoundingClientRect().top + pageYOffset + (Number(data.top) || 0) - 16));
    }
    shown = id;
    var hash = id ? "#occurrence-" + id : "";
    if (location.hash !== hash && (!location.hash || HASH.test(location.hash))) history.replaceState(history.state, "", location.href.split("#")[0] + hash);
  }
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== src.origin || event.source !== frame.contentWindow || !data) return;
    if (data.type === "pco-feeds:dialog" && deep) return follow(data);
    if (data.type !== "pco-feeds:resize") return;
    var height = Math.ceil(Number(data.height));
    if (height > 0 && height < 100000) frame.style.height = height + "px";
    if (!title && typeof data.title === "string" && data.title) frame.title = data.title.slice(0, 200);
  });
  if (s.getAttribute("data-seo") === "true" && window.fetch) {
    // The shown events' schema.org JSON-LD, into this page (search engines credit the
    // iframe's content to the widget's site). Inserted as text, never parsed as HTML.
    fetch(new URL("widget.jsonld" + src.search, s.src).href).then(function (r) {
      return r.ok ? r.text() : "";
    }).then(function (text) {
      if (!text) return;
      var ld = document.createElement("script");
      ld.type = "application/ld+json";
      ld.setAttribute("data-pco-feeds", "");
      ld.text = text;
      (document.head || document.body).appendChild(ld);
    }, function () {});
  }
  frame.addEventListener("load", function () {
    // Font and colour (font=inherit, theme=transparent); also tells the frame our origin.
    if (!frame.contentWindow) return;
    var style = window.getComputedStyle(frame.parentNode);
    frame.contentWindow.postMessage({ type: "pco-feeds:host", family: style.fontFamily, color: style.color }, src.origin);
  });
  if (deep) {
    window.addEventListener("hashchange", function () {
      var m = HASH.exec(location.hash);
      if (m && m[1] !== shown && frame.contentWindow) frame.contentWindow.postMessage({ type: "pco-feeds:open", id: m[1] }, src.origin);
    });
  }
})();
`;
