/** parseQuery: canonical form of equivalent queries, unknown names ignored, bad values named. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../env';
import { parseQuery } from './query';

const config = parseConfig({ PCO_APP_ID: 'a', PCO_SECRET: 'b' });
const canonical = (query: string, route: Parameters<typeof parseQuery>[1] = 'ics') =>
  parseQuery(new URLSearchParams(query), route, config).canonical;

describe('parseQuery', () => {
  it('maps equivalent queries to one canonical query', () => {
    expect(canonical('limit=0001426')).toBe('limit=1426');
    expect(canonical('tag=20&tag=3&tag=20&tag=003')).toBe('tag=3&tag=20');
    expect(canonical('days=365&past_days=30&featured=false&q=+')).toBe('');
    expect(canonical('q=%20youth%20%20night%20&featured=true')).toBe('featured=true&q=youth+night');
    expect(canonical('fbclid=x&utm_source=y&gclid=z&mc_cid=1&mc_eid=2')).toBe('');
    expect(canonical('limit=20', 'widget')).toBe('');
    expect(canonical('theme=dark&fbclid=1&view=month', 'widget')).toBe('view=month&theme=dark');
    expect(canonical('tag=5&featured=true&utm_campaign=x', 'subscribe')).toBe('tag=5');
    expect(canonical('x=1', 'none')).toBe('');
    // The embed builder's form submits an empty tag for "all tags".
    expect(canonical('view=list&tag=&theme=auto', 'subscribe')).toBe('view=list&tag=&theme=auto');
  });

  it('keeps the selection of the canonical query', () => {
    const { selection } = parseQuery(new URLSearchParams('tag=07&tag=7&limit=010'), 'feed', config);
    expect(selection.tagIds).toEqual(['7']);
    expect(selection.limit).toBe(10);
  });

  it.each([
    ['days=abc', 'days'],
    ['limit=0', 'limit'],
    ['limit=10001', 'limit'],
    ['tag=youth', 'tag'],
    ['event=1;2', 'event'],
    ['featured=yes', 'featured'],
    ['days=1&days=2', 'days'],
    [`tag=${'9'.repeat(21)}`, 'tag'],
  ])('refuses %s naming %s', (query, name) => {
    expect(() => canonical(query)).toThrow(name);
  });
});
