/**
 * The subscribe page's one inline script (allowed by its CSP hash). The page works without it;
 * it adds:
 * - "Copy" buttons (shown only when the script runs) that copy a URL or a snippet, announced
 *   through a live region (the button's `data-done`, or the region's `data-fail`: the page's
 *   language);
 * - the embed builder's live update: changing the view, tag or theme rewrites both snippets
 *   and reloads the preview, exactly as the server would render them for the same choice
 *   (render/subscribe/snippets.ts);
 * - the preview iframe's height, from the widget's resize messages (same origin only).
 */
export const SUBSCRIBE_SCRIPT = `(function(){
var d=document,status=d.getElementById("status");
function say(text){status.textContent="";setTimeout(function(){status.textContent=text},50)}
d.querySelectorAll("button[data-copy]").forEach(function(b){b.hidden=false});
d.addEventListener("click",function(e){
var b=e.target.closest("button[data-copy]");if(!b)return;
var field=d.getElementById(b.getAttribute("data-copy"));
var text=field?field.value||field.textContent:b.getAttribute("data-copy");
var done=function(){say(b.getAttribute("data-done"))};
var fallback=function(){if(field&&field.select){field.select();try{d.execCommand("copy");done()}catch(x){say(status.getAttribute("data-fail"))}}};
if(navigator.clipboard&&navigator.clipboard.writeText)navigator.clipboard.writeText(text).then(done,fallback);else fallback();
});
var form=d.getElementById("embed-form");if(!form)return;
var base=form.getAttribute("data-base"),title=form.getAttribute("data-title");
var preview=d.getElementById("preview"),origin=new URL(base).origin;
function esc(s){return s.replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;").replace(/'/g,"&#39;")}
function update(){
var view=form.elements.view.value,tag=form.elements.tag.value,theme=form.elements.theme.value,pairs=[];
if(view!=="list")pairs.push(["view",view]);
if(tag)pairs.push(["tag",tag]);
if(theme!==form.getAttribute("data-theme"))pairs.push(["theme",theme]);
if(form.elements.lang)pairs.push(["lang",form.elements.lang.value]);
var query=pairs.map(function(p){return encodeURIComponent(p[0])+"="+encodeURIComponent(p[1])}).join("&");
var url=base+"/widget"+(query?"?"+query:"");
d.getElementById("snippet-script").value="<script src=\\""+esc(base+"/embed.js")+"\\""+pairs.map(function(p){return" data-"+p[0]+"=\\""+esc(p[1])+"\\""}).join("")+" async></"+"script>";
d.getElementById("snippet-iframe").value="<iframe src=\\""+esc(url)+"\\" title=\\""+esc(title)+"\\" style=\\"width:100%;height:"+form.getAttribute("data-height")+"px;border:0\\" loading=\\"lazy\\"></iframe>";
if(preview.src!==url)preview.src=url;
history.replaceState(null,"",(query?"?"+query:location.pathname)+"#embed");
}
form.addEventListener("change",update);
form.addEventListener("submit",function(e){e.preventDefault();update()});
addEventListener("message",function(e){var m=e.data;if(e.origin!==origin||e.source!==preview.contentWindow||!m||m.type!=="pco-feeds:resize")return;preview.style.height=Math.min(Math.max(Math.ceil(+m.height),200),900)+"px"});
})();`;
