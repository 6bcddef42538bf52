import { describe, expect, it } from 'vitest';
import { parseProblemNumber, problemNumber } from '../../server/hotline/problem-number.ts';

describe("a visit problem's public number", () => {
  it('is ZF-{visit}-{seq} and reads back', () => {
    expect(problemNumber(128, 2)).toBe('ZF-128-2');
    for (const [visitId, seq] of [
      [1, 1],
      [2_147_483_647, 9999],
      [40, 12],
    ] as const)
      expect(parseProblemNumber(problemNumber(visitId, seq))).toEqual({ visitId, seq });
    expect(parseProblemNumber(' zf-7-3 ')).toEqual({ visitId: 7, seq: 3 });
  });

  it('refuses text that is not one', () => {
    for (const text of [
      '',
      'ZF-0-1',
      'ZF-1-0',
      'ZF-01-1',
      'ZF-1',
      'ZF-1-1-1',
      'XX-1-1',
      'ZF-2147483648-1',
      'ZF-1-10000',
    ])
      expect([text, parseProblemNumber(text)]).toEqual([text, null]);
  });
});
