import { creditCodeCheckCharacter, organizationCheckCharacter } from '../../server/visit-targets/credit-code.ts';

/** A valid 统一社会信用代码 for the number `n` (its organisation code and both check characters computed). */
export function validCreditCode(n: number): string {
  const org = String(n).padStart(8, '0');
  const first17 = `91350100${org}${organizationCheckCharacter(org)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** The same code with a wrong check character, and the character it should have. */
export function wrongCheck(code: string): { code: string; expected: string } {
  const expected = code[17]!;
  return { code: code.slice(0, 17) + (expected === '0' ? '1' : '0'), expected };
}
