/**
 * Conditional GET (RFC 9110 §13): `If-None-Match` against the ETag, else `If-Modified-Since`
 * against Last-Modified, answered with 304 and the validator and caching headers.
 */

/** The headers a 304 carries (RFC 9110 §15.4.5). */
const NOT_MODIFIED_HEADERS = [
  'Cache-Control',
  'Content-Location',
  'Date',
  'ETag',
  'Expires',
  'Last-Modified',
  'Vary',
  'Age',
  'X-Snapshot-Age',
  'Cache-Tag',
];

/**
 * The three forms of an HTTP-date (RFC 9110 §5.6.7): IMF-fixdate, rfc850-date, asctime-date.
 * `Date.parse` alone reads far more (`garbage 2999`, `9999`), which must be ignored.
 */
const HTTP_DATE =
  /^(?:[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} [\d:]{8} GMT|[A-Z][a-z]{5,8}, \d\d-[A-Z][a-z]{2}-\d\d [\d:]{8} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d [\d:]{8} \d{4})$/;

/** Opaque tags of an `If-None-Match` list, weak prefixes dropped (weak comparison, §13.1.2). */
function entityTags(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .filter(Boolean);
}

/**
 * Whether a GET/HEAD with these request headers may be answered 304. An `If-Modified-Since`
 * that is not an HTTP-date is ignored (RFC 9110 §13.1.3).
 *
 * @param etag the response's strong ETag, quoted
 * @param lastModified the response's Last-Modified, HTTP-date
 */
export function isNotModified(
  request: Request,
  etag: string | null,
  lastModified: string | null,
): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const ifNoneMatch = request.headers.get('If-None-Match');
  if (ifNoneMatch !== null) {
    if (!etag) return false;
    const tags = entityTags(ifNoneMatch);
    return tags.includes('*') || tags.includes(etag.replace(/^W\//, ''));
  }
  const ifModifiedSince = request.headers.get('If-Modified-Since');
  if (ifModifiedSince === null || !lastModified || !HTTP_DATE.test(ifModifiedSince)) return false;
  const since = Date.parse(ifModifiedSince);
  const modified = Date.parse(lastModified);
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
}

/** A 304 with the validator and caching headers of `response` and no body. */
export function notModified(response: Response): Response {
  const headers = new Headers();
  for (const name of NOT_MODIFIED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(null, { status: 304, headers });
}
