import { describe, expect, it } from 'vitest';
import { isNotModified, notModified } from './conditional';

const ETAG = '"abc123"';
const MODIFIED = 'Wed, 21 Oct 2026 07:28:00 GMT';
const request = (headers: Record<string, string>, method = 'GET') =>
  new Request('https://f.test/calendar.ics', { method, headers });

describe('isNotModified', () => {
  it('matches If-None-Match lists, weak tags and *', () => {
    expect(isNotModified(request({ 'If-None-Match': `"x", ${ETAG}` }), ETAG, MODIFIED)).toBe(true);
    expect(isNotModified(request({ 'If-None-Match': `W/${ETAG}` }), ETAG, MODIFIED)).toBe(true);
    expect(isNotModified(request({ 'If-None-Match': '*' }), ETAG, MODIFIED)).toBe(true);
    expect(isNotModified(request({ 'If-None-Match': '"x"' }), ETAG, MODIFIED)).toBe(false);
  });

  it('lets If-None-Match take precedence over If-Modified-Since (RFC 9110 §13.1.3)', () => {
    const headers = { 'If-None-Match': '"x"', 'If-Modified-Since': MODIFIED };
    expect(isNotModified(request(headers), ETAG, MODIFIED)).toBe(false);
  });

  it('compares If-Modified-Since with Last-Modified', () => {
    expect(isNotModified(request({ 'If-Modified-Since': MODIFIED }), ETAG, MODIFIED)).toBe(true);
    const earlier = 'Wed, 21 Oct 2026 07:27:59 GMT';
    expect(isNotModified(request({ 'If-Modified-Since': earlier }), ETAG, MODIFIED)).toBe(false);
    expect(isNotModified(request({ 'If-Modified-Since': 'garbage' }), ETAG, MODIFIED)).toBe(false);
  });

  it('ignores an If-Modified-Since that is not an HTTP-date (RFC 9110 §13.1.3, §5.6.7)', () => {
    // Date.parse reads each of these as a year after MODIFIED.
    for (const value of ['garbage 2999', '9999', '2999-01-01', '12/31/2999', 'Dec 25 2999']) {
      expect(isNotModified(request({ 'If-Modified-Since': value }), ETAG, MODIFIED), value).toBe(
        false,
      );
    }
    // The three HTTP-date forms a recipient must accept.
    for (const value of [
      'Thu, 22 Oct 2026 07:28:00 GMT',
      'Thursday, 22-Oct-26 07:28:00 GMT',
      'Thu Oct 22 07:28:00 2026',
    ]) {
      expect(isNotModified(request({ 'If-Modified-Since': value }), ETAG, MODIFIED), value).toBe(
        true,
      );
    }
  });

  it('applies only to GET and HEAD', () => {
    expect(isNotModified(request({ 'If-None-Match': ETAG }, 'HEAD'), ETAG, MODIFIED)).toBe(true);
    expect(isNotModified(request({ 'If-None-Match': ETAG }, 'POST'), ETAG, MODIFIED)).toBe(false);
  });
});

describe('notModified', () => {
  it('keeps validators and caching headers and drops the body and content headers', async () => {
    const full = new Response('body', {
      headers: {
        ETag: ETAG,
        'Last-Modified': MODIFIED,
        'Cache-Control': 'max-age=1',
        'Content-Type': 'text/calendar',
      },
    });
    const response = notModified(full);
    expect(response.status).toBe(304);
    expect(await response.text()).toBe('');
    expect(response.headers.get('ETag')).toBe(ETAG);
    expect(response.headers.get('Cache-Control')).toBe('max-age=1');
    expect(response.headers.get('Content-Type')).toBeNull();
  });
});
