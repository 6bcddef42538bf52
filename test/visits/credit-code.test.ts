import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  creditCodeCheckCharacter,
  CREDIT_CODE_ALPHABET,
  normalizeCreditCode,
  organizationCheckCharacter,
} from '../../server/visit-targets/credit-code.ts';

// The 统一社会信用代码 check of GB 32100-2015 (and the GB 11714 check of the 组织机构代码 inside it): real
// published codes pass, a generated valid code passes, and changing any one character fails.

const char = fc.constantFrom(...CREDIT_CODE_ALPHABET);
const digit = fc.constantFrom(...'0123456789');

/** A valid code: any registration and category characters, a region of digits, an organisation code with its check, the check character. */
const validCode = fc
  .tuple(
    fc.array(char, { minLength: 2, maxLength: 2 }),
    fc.array(digit, { minLength: 6, maxLength: 6 }),
    fc.array(char, { minLength: 8, maxLength: 8 }),
  )
  .map(([head, region, body]) => {
    const org = body.join('');
    const first17 = `${head.join('')}${region.join('')}${org}${organizationCheckCharacter(org)}`;
    return first17 + creditCodeCheckCharacter(first17);
  });

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts real published codes', () => {
    // 91110000802100433B by hand: Σ code(ai)·wi = 9·1 + 1·3 + 1·9 + 1·27 + 8·20 + 2·25 + 1·13 + 4·10 + 3·30 + 3·28
    // = 485; 485 mod 31 = 20; 31 − 20 = 11 → B. Its organisation code 80210043: 8·3 + 2·9 + 1·10 + 4·4 + 3·2 = 74,
    // 74 mod 11 = 8, 11 − 8 = 3 → character 17 is 3.
    for (const code of ['91350100M000100Y43', '91110000802100433B', '91440300708461136T'])
      expect(checkCreditCode(code), code).toEqual({ ok: true, code });
    expect(creditCodeCheckCharacter('91110000802100433')).toBe('B');
    expect(organizationCheckCharacter('80210043')).toBe('3');
    expect(organizationCheckCharacter('M000100Y')).toBe('4');
  });

  it('normalises: trims, full-width to half-width, upper case', () => {
    expect(normalizeCreditCode('　９１１１００００８０２１００４３３ｂ ')).toBe('91110000802100433B');
    expect(checkCreditCode(' 91350100m000100y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
  });

  it('names the reason of each failure', () => {
    expect(checkCreditCode('9111000080210043')).toMatchObject({ ok: false, reason: 'length' });
    expect(checkCreditCode('91110000802100433I')).toMatchObject({ ok: false, reason: 'character', position: 18 });
    expect(checkCreditCode('9111A000802100433B')).toMatchObject({ ok: false, reason: 'region', position: 5 });
    expect(checkCreditCode('91110000802100434B')).toMatchObject({
      ok: false,
      reason: 'organization_check',
      position: 17,
      expected: '3',
    });
    expect(checkCreditCode('91110000802100433C')).toMatchObject({
      ok: false,
      reason: 'check',
      position: 18,
      expected: 'B',
    });
  });

  it('accepts every generated valid code', () => {
    fc.assert(fc.property(validCode, (code) => checkCreditCode(code).ok));
  });

  it('refuses a valid code with any one character changed', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), char, (code, at, replacement) => {
        fc.pre(code[at] !== replacement);
        const changed = code.slice(0, at) + replacement + code.slice(at + 1);
        expect(checkCreditCode(changed).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
