/**
 * The hand-written JSON:API document checks hold the same rules as the zod schemas they replace
 * on the hot path (issue 12): each malformed document is checked against both.
 */
import { describe, expect, it } from 'vitest';
import {
  checkListDocument,
  checkSingleDocument,
  ListDocumentSchema,
  SingleDocumentSchema,
} from './wire';

const resource = (extra: Record<string, unknown> = {}) => ({
  type: 'EventInstance',
  id: '1',
  attributes: { starts_at: '2026-11-22T15:00:00Z' },
  relationships: {
    event: { data: { type: 'Event', id: '9' } },
    tags: { data: [{ type: 'Tag', id: '3' }] },
    owner: { data: null },
  },
  ...extra,
});

const lists: [string, unknown, boolean][] = [
  [
    'a whole page',
    {
      data: [resource()],
      included: [resource({ type: 'Event' })],
      links: { next: 'https://api.test/x?offset=100' },
      meta: { total_count: 1 },
    },
    true,
  ],
  [
    'no attributes (a field list of relationships only)',
    { data: [{ type: 'Event', id: '1' }] },
    true,
  ],
  ['not an object', [], false],
  ['no data', { included: [] }, false],
  ['data not a list', { data: resource() }, false],
  ['a resource without id', { data: [resource({ id: '' })] }, false],
  ['a resource without type', { data: [resource({ type: 7 })] }, false],
  ['attributes not an object', { data: [resource({ attributes: 'x' })] }, false],
  [
    'relationship data of another shape',
    { data: [resource({ relationships: { event: { data: { id: '1' } } } })] },
    false,
  ],
  [
    'relationship list with a bad member',
    { data: [resource({ relationships: { tags: { data: [{ type: 'Tag' }] } } })] },
    false,
  ],
  ['included not a list', { data: [], included: {} }, false],
  ['links.next not a URL', { data: [], links: { next: 'offset=100' } }, false],
  ['meta not an object', { data: [], meta: 3 }, false],
];

describe('checkListDocument', () => {
  it.each(lists)('%s: same verdict as ListDocumentSchema', (_name, body, ok) => {
    expect(ListDocumentSchema.safeParse(structuredClone(body)).success).toBe(ok);
    expect(checkListDocument(structuredClone(body)).success).toBe(ok);
  });

  it('fills in the attributes default and names the path of a problem', () => {
    const checked = checkListDocument({ data: [{ type: 'Event', id: '1' }] });
    expect(checked.success && checked.data.data[0]?.attributes).toEqual({});
    const bad = checkListDocument({ data: [resource(), resource({ id: '' })] });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.'))).toEqual(['data.1.id']);
  });
});

describe('checkSingleDocument', () => {
  it.each([
    [
      'the Organization',
      { data: { type: 'Organization', id: '1', attributes: { name: 'x' } } },
      true,
    ],
    ['data missing', {}, false],
    ['data a list', { data: [resource()] }, false],
  ] as [string, unknown, boolean][])('%s: same verdict as SingleDocumentSchema', (_n, body, ok) => {
    expect(SingleDocumentSchema.safeParse(structuredClone(body)).success).toBe(ok);
    expect(checkSingleDocument(structuredClone(body)).success).toBe(ok);
  });
});
