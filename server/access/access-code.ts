import { CODE_ALPHABET, randomCode } from '../crypto/random-code.ts';
import { hmacHex } from '../crypto/hashing.ts';

/**
 * Access codes (评议码): 8 characters from a 31-symbol alphabet, shown as XXXX-XXXX.
 * 31^8 ≈ 8.5 × 10^11 (39.6 bits): with 10,000 unspent codes and 30 failed tries per address per hour,
 * one address needs on the order of 10^5 years to hit one by guessing.
 */
export const CODE_LENGTH = 8;
const VALID = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

export function newAccessCode(): string {
  return randomCode(CODE_LENGTH);
}

/** Accepts what people type: any case, spaces or hyphens anywhere. Returns null when it cannot be a code. */
export function normaliseAccessCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return VALID.test(code) ? code : null;
}

export function formatAccessCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What the database keeps instead of the code (decision 011). */
export function accessCodeHash(secret: string, code: string): string {
  return hmacHex(secret, `access-code:${code}`);
}
