import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '../../server/campaigns/json-merge-patch.ts';

describe('applyMergePatch (RFC 7396)', () => {
  // The test cases of RFC 7396, appendix A: [original, patch, result].
  const rfcCases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];

  it.each(rfcCases)('merges %j with %j', (original, patch, result) => {
    expect(applyMergePatch(original, patch)).toEqual(result);
  });

  it('changes neither argument', () => {
    const original = { scoring: { weights: { superior: 0.5 }, grading: { bands: [1] } } };
    const patch = { scoring: { weights: { peer: 0.5 } } };
    const copies = JSON.stringify([original, patch]);
    applyMergePatch(original, patch);
    expect(JSON.stringify([original, patch])).toBe(copies);
  });

  it('keeps a key spelt __proto__ as a key, never as the prototype', () => {
    const merged = applyMergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(['__proto__']);
    expect((merged as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
