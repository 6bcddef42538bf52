import { randomInt } from 'node:crypto';

/**
 * Characters for codes people read and type: no 0/O and no 1/I/L. 31 symbols, so each character
 * carries log2(31) ≈ 4.95 bits.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A uniformly random code from a cryptographic source. */
export function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
