// One set of words for the result flags: the page (client/src/shared/labels.ts) and the exports
// (server/publications/publication-flags.ts) must say the same thing for every flag, in both languages.
import { describe, expect, it } from 'vitest';
import { resultFlagText } from '../../client/src/shared/labels.ts';
import { flagWords, RESULT_FLAG_CODES } from '../../server/publications/publication-flags.ts';

const EXAMPLES: Record<(typeof RESULT_FLAG_CODES)[number], { code: string; [key: string]: unknown }> = {
  raterTypeSuppressed: {
    code: 'raterTypeSuppressed',
    raterType: 'peer',
    ballots: 2,
    minimum: 5,
    weightRedistributed: 0.3,
  },
  raterTypeMissing: { code: 'raterTypeMissing', raterType: 'superior', weightRedistributed: 0.4 },
  trimmedMeanUnavailable: { code: 'trimmedMeanUnavailable', raterType: 'recipient', ballots: 2 },
  notScored: { code: 'notScored' },
  vetoed: { code: 'vetoed', reason: '发生重大安全责任事故' },
  demotedByQuota: { code: 'demotedByQuota', from: '满意', to: '比较满意' },
  quotaBoundaryTie: { code: 'quotaBoundaryTie', grade: '满意', policy: 'exclude', tiedUnits: 2 },
};

describe('result flags in words', () => {
  for (const code of RESULT_FLAG_CODES) {
    it(`words ${code} the same on the page and in the exports`, () => {
      const flag = EXAMPLES[code];
      for (const lang of ['zh', 'en'] as const) {
        const words = flagWords(flag, lang);
        expect(words).not.toBe(code);
        expect(resultFlagText(lang, flag)).toBe(words);
      }
    });
  }

  it('gives the weight passed on as a percentage', () => {
    expect(flagWords(EXAMPLES.raterTypeSuppressed, 'zh')).toContain('其权重30%已按比例分配给其他评议主体');
    expect(flagWords({ ...EXAMPLES.quotaBoundaryTie, policy: 'include' }, 'zh')).toContain('一并保留');
  });
});
