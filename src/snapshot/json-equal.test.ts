import { describe, expect, it } from 'vitest';
import { jsonEqual } from './json-equal';

describe('jsonEqual', () => {
  it('judges as the JSON texts would, whatever the key order', () => {
    expect(jsonEqual({ a: 1, b: [{ c: 'x' }] }, { b: [{ c: 'x' }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, b: [{ c: 'x' }] }, { a: 1, b: [{ c: 'y' }] })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual('1', 1)).toBe(false);
  });

  it('counts a key holding undefined as absent, as JSON drops it', () => {
    expect(jsonEqual({ a: 1, color: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, color: '#fff' })).toBe(false);
    expect(jsonEqual({ a: null }, { a: undefined })).toBe(false);
  });

  it('leaves the ignored key out at the top level only', () => {
    expect(jsonEqual({ id: 1, updated: 'a' }, { id: 1, updated: 'b' }, 'updated')).toBe(true);
    expect(jsonEqual({ id: 1 }, { id: 1, updated: 'b' }, 'updated')).toBe(true);
    expect(jsonEqual({ x: { updated: 'a' } }, { x: { updated: 'b' } }, 'updated')).toBe(false);
  });
});
