/**
 * The JSON:API document checks: which documents fail a read (JSON:API 1.0 §7 "Document
 * Structure"). The verdicts were first checked against the zod schemas these checks replaced
 * (issue 12).
 */
import { describe, expect, it } from 'vitest';
import { checkErrorDocument, checkListDocument, checkSingleDocument } from './wire';

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
  // JSON:API 1.0 §7.7 (Pagination): an unavailable link is omitted *or null*.
  ['links.next null on the last page', { data: [resource()], links: { next: null } }, true],
  ['meta not an object', { data: [], meta: 3 }, false],
];

describe('checkListDocument', () => {
  it.each(lists)('%s: accepted %s', (_name, body, ok) => {
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
  ] as [string, unknown, boolean][])('%s: accepted %s', (_n, body, ok) => {
    expect(checkSingleDocument(structuredClone(body)).success).toBe(ok);
  });
});

describe('checkErrorDocument', () => {
  it.each([
    ["PCO's 404", { errors: [{ status: '404', title: 'Not Found', detail: 'No resource' }] }, true],
    ['an empty list', { errors: [] }, true],
    ['extra members', { errors: [{ detail: 'x', meta: { a: 1 } }], meta: {} }, true],
    ['no errors member', { data: [] }, false],
    ['errors not a list', { errors: { detail: 'x' } }, false],
    ['an error that is not an object', { errors: ['x'] }, false],
    ['a numeric status', { errors: [{ status: 404 }] }, false],
    ['not an object', 'Not Found', false],
  ] as [string, unknown, boolean][])('%s: accepted %s', (_n, body, ok) => {
    expect(checkErrorDocument(body).success).toBe(ok);
  });

  it('names the member at fault', () => {
    const bad = checkErrorDocument({ errors: [{ detail: 'x' }, { detail: 7 }] });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.'))).toEqual([
      'errors.1.detail',
    ]);
  });
});
