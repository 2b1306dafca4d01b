/**
 * Query parsing cost: 10,000 `tag=1` parameters (60 KB, the issue-9 measurement) through
 * `parseQuery`, against a floor measured in the same run: one pass of URLSearchParams over the
 * same string, the least any parser must do. Routes refuse such a query with 414 first
 * (QUERY_MAX_LENGTH); this measures that the parser itself stays linear (before: 159× the
 * floor, copying the value list for every value). Also the worst case under the cap, 2,048
 * names without `=`, through Hono's `c.req.queries()` as the query validator calls it.
 */
import { Hono } from 'hono';
import { bench, describe } from 'vitest';
import { parseConfig } from '../src/env';
import { parseQuery, QUERY_MAX_LENGTH } from '../src/routes/query';

const config = parseConfig({});
const query = Array.from({ length: 10_000 }, () => 'tag=1').join('&');
const parsed = () => parseQuery(new URLSearchParams(query), 'ics', config);
if (parsed().canonical !== 'tag=1') throw new Error('unexpected canonical query');

const bare = Array.from({ length: QUERY_MAX_LENGTH / 2 }, () => 'a').join('&');
const app = new Hono().get('/', (c) => c.text(String(Object.keys(c.req.queries()).length)));

describe('parse 10,000 tag=1 parameters (60 KB)', () => {
  bench('floor: URLSearchParams, one pass', () => {
    let n = 0;
    for (const [name] of new URLSearchParams(query)) if (name === 'tag') n++;
    if (n !== 10_000) throw new Error(String(n));
  });
  bench('parseQuery', () => {
    parsed();
  });
});

describe(`worst query under the cap: ${QUERY_MAX_LENGTH / 2} names without "="`, () => {
  bench('floor: URLSearchParams, one pass', () => {
    let n = 0;
    for (const _ of new URLSearchParams(bare)) n++;
    if (n !== QUERY_MAX_LENGTH / 2) throw new Error(String(n));
  });
  bench("Hono's c.req.queries() (the query validator's parse)", async () => {
    await app.request(`/?${bare}`);
  });
});
