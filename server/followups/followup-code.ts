import { createHmac, randomInt } from 'node:crypto';
import { purposeKey } from '../crypto/keys.ts';
import { sha256Hex } from '../crypto/hashing.ts';
import { CODE_ALPHABET } from '../crypto/random-code.ts';
import { seal, unseal } from '../crypto/sealing.ts';

// A follow-up code (decision 017): 12 characters of the unambiguous code alphabet (31 symbols, about 59
// bits), shown grouped 4-4-4. A recipient's code is derived from the submission id the page sends with the
// ballot — HMAC under a key of its own from the server key — so a retried submission gets the same code
// and nothing new is stored with the ballot. The database keeps only its SHA-256 (and, while a phone is
// kept for the SMS, the code sealed under another purpose key). The ballot keeps the submission id only as
// a SHA-256 too, so neither side can be computed from the other (threat model, decision 011).

export const FOLLOWUP_CODE_LENGTH = 12;

/** The largest multiple of the alphabet's size below 256: bytes at or above it are skipped (no bias). */
const BYTE_LIMIT = Math.floor(256 / CODE_ALPHABET.length) * CODE_ALPHABET.length;

/** The code of a recipient's problem report, from the ballot's submission id. */
export function deriveFollowupCode(serverKey: string, submissionId: string): string {
  const key = purposeKey(serverKey, 'followup');
  let code = '';
  for (let block = 0; code.length < FOLLOWUP_CODE_LENGTH; block += 1) {
    const bytes = createHmac('sha256', key).update(`${block}\u0000${submissionId}`, 'utf8').digest();
    for (const byte of bytes) {
      if (byte >= BYTE_LIMIT) continue;
      code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
      if (code.length === FOLLOWUP_CODE_LENGTH) break;
    }
  }
  return code;
}

/** A code for a raiser known by name (a visit, the 12345 hotline): random, nothing to derive it from. */
export function randomFollowupCode(): string {
  let code = '';
  for (let i = 0; i < FOLLOWUP_CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * What someone typed or a link carried, as a code: upper case, without spaces and hyphens. Returns null
 * for anything that cannot be a code, so a malformed one is answered exactly like an unknown one.
 */
export function normaliseFollowupCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== FOLLOWUP_CODE_LENGTH) return null;
  for (const char of code) if (!CODE_ALPHABET.includes(char)) return null;
  return code;
}

/** 4-4-4, as the receipt, the SMS and the page show it. */
export function formatFollowupCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** What `problem_followups.code_hash` holds: the SHA-256 of the code (12 characters, no hyphens). */
export function followupCodeHash(code: string): string {
  return sha256Hex(code);
}

function smsKey(serverKey: string): Buffer {
  return purposeKey(serverKey, 'followup-sms');
}

export function sealFollowupCode(serverKey: string, code: string): string {
  return seal(smsKey(serverKey), code);
}

export function unsealFollowupCode(serverKey: string, sealed: string): string {
  return unseal(smsKey(serverKey), sealed);
}
