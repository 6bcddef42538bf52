import type { AppDeps } from '../app-deps.ts';
import { hmacHex } from '../crypto/hashing.ts';
import { AppError } from '../errors.ts';
import { hitRateCounter, peekRateCounter } from '../limits/rate-counter.ts';
import { accessCodeHash, normaliseAccessCode } from './access-code.ts';
import { findCode } from './codes.repository.ts';

const CODE_FAILURES = { seconds: 3600, max: 30 };

export type FoundCode = NonNullable<Awaited<ReturnType<typeof findCode>>>;

/**
 * The code someone typed, if it is one that may still be used (spent or not). Failed look-ups are counted
 * per address (hashed) and refused past the limit, so guessing codes is hopeless; the counter is global
 * because a wrong code names no campaign.
 */
export async function findValidCode(deps: AppDeps, input: string, address: string, now: Date): Promise<FoundCode> {
  const addressKey = hmacHex(deps.secret, `code-failures:${address}`);
  if ((await peekRateCounter(deps.db, 'code-failures', addressKey, CODE_FAILURES, now)) >= CODE_FAILURES.max) {
    throw new AppError(429, 'too_many_code_attempts', 'Too many wrong codes from this network. Try again in an hour.');
  }
  const code = normaliseAccessCode(input);
  const found = code ? await findCode(deps.db, accessCodeHash(deps.secret, code)) : undefined;
  if (!found) {
    await hitRateCounter(deps.db, 'code-failures', addressKey, CODE_FAILURES, now);
    throw new AppError(404, 'code_not_found', 'This code is not valid. Check the characters and try again.');
  }
  if (found.voided === 1) {
    throw new AppError(409, 'code_voided', 'This code has been withdrawn by the evaluation office.');
  }
  return found;
}
