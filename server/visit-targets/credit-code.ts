// The 统一社会信用代码 (unified social credit code) of GB 32100-2015, checked without any registry: 18
// characters of a 31-character alphabet (no I, O, Z, S, V), the 行政区划码 in positions 3–8 as digits, the
// 主体标识码 (positions 9–17, the 组织机构代码 of GB 11714) with its own check character at position 17, and
// the code's check character at position 18. Positions 1 (登记管理部门码) and 2 (机构类别码) are checked only
// against the alphabet: the registration authorities' table grows (A, N …) and a stale table would refuse
// real enterprises.

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^(i-1) mod 31 for positions 1–17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** GB 11714 weights of the eight body characters of an organisation code. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export type CreditCodeReason = 'length' | 'character' | 'region' | 'organization_check' | 'check';

export type CreditCodeResult =
  | { ok: true; code: string }
  | {
      ok: false;
      /** The code as normalised (what the person meant to type). */
      code: string;
      reason: CreditCodeReason;
      /** 1-based position of the offending character (character, region, the two checks). */
      position?: number;
      /** For the two checks: the character that position should hold. */
      expected?: string;
      message: string;
    };

/** Trims, turns full-width characters (and the ideographic space) half-width, upper-cases. */
export function normalizeCreditCode(input: string): string {
  return input
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
    .toUpperCase();
}

/** The check character (position 18) of the first 17 characters, which must be of the alphabet. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  const value = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[value]!;
}

/** GB 11714: the check character of an organisation code's eight body characters (digits and letters A–Z). */
export function organizationCheckCharacter(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += parseInt(body8[i]!, 36) * ORG_WEIGHTS[i]!;
  const value = 11 - (sum % 11);
  return value === 10 ? 'X' : value === 11 ? '0' : String(value);
}

/** Checks a 统一社会信用代码; the first failure found is reported, with where and what was expected. */
export function checkCreditCode(input: string): CreditCodeResult {
  const code = normalizeCreditCode(input);
  const chars = [...code];
  if (chars.length !== 18)
    return { ok: false, code, reason: 'length', message: `a credit code has 18 characters, this one ${chars.length}` };
  const stray = chars.findIndex((ch) => !CREDIT_CODE_ALPHABET.includes(ch));
  if (stray >= 0)
    return {
      ok: false,
      code,
      reason: 'character',
      position: stray + 1,
      message: `character ${stray + 1} (${chars[stray]}) is not used in credit codes (0–9 and A–Y without I, O, S, V, Z)`,
    };
  const region = chars.slice(2, 8).findIndex((ch) => !/[0-9]/.test(ch));
  if (region >= 0)
    return {
      ok: false,
      code,
      reason: 'region',
      position: region + 3,
      message: `characters 3–8 are the region code (行政区划码) and must be digits; character ${region + 3} is ${chars[region + 2]}`,
    };
  const orgExpected = organizationCheckCharacter(code.slice(8, 16));
  if (code[16] !== orgExpected)
    return {
      ok: false,
      code,
      reason: 'organization_check',
      position: 17,
      expected: orgExpected,
      message: `character 17 checks the organisation code (组织机构代码) ${code.slice(8, 16)}: it should be ${orgExpected}, not ${code[16]}`,
    };
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected)
    return {
      ok: false,
      code,
      reason: 'check',
      position: 18,
      expected,
      message: `the check character (character 18) should be ${expected}, not ${code[17]}; a character was mistyped`,
    };
  return { ok: true, code };
}
