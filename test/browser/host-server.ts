/**
 * The host page server of the browser suite: another origin (another port) that embeds the
 * widget the way a church's Squarespace or WordPress page does, with `/embed.js`.
 *
 * - `GET /two-embeds`: two independent embeds (a short filtered list, and a month) between
 *   paragraphs, in the page's own font;
 * - `GET /page?html=<snippet>`: a page whose body is the given snippet (what a person pasted);
 * - `GET /coloured`: a church page with a dark green background and cream text, embedding the
 *   widget with `data-theme="transparent"`.
 * - `GET /events-page`: a church's events page with a tall introduction and then a Spanish list
 *   embed, where a shared `#occurrence-{id}` address opens the details dialog.
 */
import { createServer, type Server } from 'node:http';

/** The page with two embeds of the app at `appOrigin`. */
export function twoEmbedsPage(appOrigin: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>St. Example — Events</title>
<style>body{font-family:Georgia,serif;max-width:760px;margin:2rem auto}</style></head><body>
<main><h1>Our events</h1><p>Before the first embed.</p>
<div id="first"><script src="${appOrigin}/embed.js" data-limit="2" data-font="inherit" data-title="Next two events" async></script></div>
<p>Between the embeds.</p>
<div id="second"><script src="${appOrigin}/embed.js" data-view="month" data-theme="dark" async></script></div>
<p>After the second embed.</p></main></body></html>`;
}

/** The background and text colour of the coloured host page, as computed styles give them. */
export const COLOURED_HOST = { background: 'rgb(11, 61, 46)', color: 'rgb(250, 240, 200)' };

/** A coloured church page with a transparent embed. */
export function colouredPage(appOrigin: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>St. Example — Green</title>
<style>body{background:${COLOURED_HOST.background};color:${COLOURED_HOST.color};font-family:Georgia,serif;max-width:760px;margin:2rem auto;padding:0 1rem}a{color:inherit}</style></head><body>
<main><h1>Our events</h1><p>What is on at St. Example.</p>
<div id="embed"><script src="${appOrigin}/embed.js" data-theme="transparent" data-limit="4" data-title="Upcoming events" async></script></div>
</main></body></html>`;
}

/**
 * A church's events page: a heading, an introduction taller than the window, a Spanish list
 * embed, and a link to one occurrence's shared address (`#occurrence-{id}` on this page).
 */
export function eventsPage(appOrigin: string, linkedId: string): string {
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>St. Example — Eventos</title><link rel="icon" href="data:,">
<style>body{font-family:Georgia,serif;max-width:760px;margin:2rem auto}#intro{min-height:1400px}</style></head><body>
<main><h1>Nuestros eventos</h1><p id="intro">Lo que viene en St. Example. <a id="share" href="#occurrence-${linkedId}">Un evento</a></p>
<div id="embed"><script src="${appOrigin}/embed.js" data-lang="es" data-limit="8" data-title="Próximos eventos" async></script></div>
</main></body></html>`;
}

/** A page whose body is `html`. */
export function snippetPage(html: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted snippet</title></head><body><main id="pasted">${html}</main></body></html>`;
}

/** Starts the host server on 127.0.0.1:`port`. */
export async function startHostServer(port: number, appOrigin: string): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const send = (status: number, body: string) => {
      response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(body);
    };
    if (url.pathname === '/two-embeds') return send(200, twoEmbedsPage(appOrigin));
    if (url.pathname === '/coloured') return send(200, colouredPage(appOrigin));
    if (url.pathname === '/events-page') {
      return send(200, eventsPage(appOrigin, url.searchParams.get('link') ?? '1'));
    }
    if (url.pathname === '/page') return send(200, snippetPage(url.searchParams.get('html') ?? ''));
    return send(404, 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}
