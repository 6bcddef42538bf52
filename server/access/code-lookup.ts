import type { AppDeps } from '../app-deps.ts';
import { hmacHex } from '../crypto/hashing.ts';
import { AppError } from '../errors.ts';
import { powLevel, requireProofOfWork } from '../limits/proof-of-work.ts';
import { hitRateCounter, peekRateCounter } from '../limits/rate-counter.ts';
import { accessCodeHash, normaliseAccessCode } from './access-code.ts';
import { findCode } from './codes.repository.ts';

// Wrong codes from one network in an hour before a code attempt needs proof of work, and how many more
// for each doubling of the work. A right code is never refused for what others on the network did: a
// service hall on one Wi-Fi keeps working, each person's page solving a puzzle of about a second.
const CODE_FAILURES = { seconds: 3600, max: Number.MAX_SAFE_INTEGER };
const FREE_FAILURES = 20;
const FAILURES_PER_LEVEL = 20;
// Wrong codes from all networks together in an hour: a campaign's honest typos stay far below this, so
// past it someone is guessing from many addresses, and every code attempt anywhere carries some work.
const FREE_FAILURES_EVERYWHERE = 2000;
const FAILURES_EVERYWHERE_PER_LEVEL = 2000;
const EVERYWHERE = 'all';

export type FoundCode = NonNullable<Awaited<ReturnType<typeof findCode>>>;

/** A code someone typed, the proof of work their page sent (if any), and the network it came from. */
export interface CodeAttempt {
  code: string;
  proofOfWork?: string | undefined;
  address: string;
}

/**
 * The code someone typed, if it is one that may still be used (spent or not). Failed look-ups are counted
 * per network (under a keyed hash); past FREE_FAILURES every attempt from there must carry a solved
 * puzzle, shared by the look-up and the token exchange that follows it; past FREE_FAILURES_EVERYWHERE
 * from all networks in the hour, every attempt does. The counters are global because a wrong code names
 * no campaign.
 */
export async function findValidCode(deps: AppDeps, attempt: CodeAttempt, now: Date): Promise<FoundCode> {
  const addressKey = hmacHex(deps.secret, `code-failures:${attempt.address}`);
  const [fromHere, everywhere] = await Promise.all([
    peekRateCounter(deps.db, 'code-failures', addressKey, CODE_FAILURES, now),
    peekRateCounter(deps.db, 'code-failures', EVERYWHERE, CODE_FAILURES, now),
  ]);
  const level = Math.max(
    powLevel(fromHere, FREE_FAILURES, FAILURES_PER_LEVEL),
    powLevel(everywhere, FREE_FAILURES_EVERYWHERE, FAILURES_EVERYWHERE_PER_LEVEL),
  );
  await requireProofOfWork(deps, { purpose: 'code', level, payload: attempt.proofOfWork, maxUses: 2 }, now);
  const code = normaliseAccessCode(attempt.code);
  const found = code ? await findCode(deps.db, accessCodeHash(deps.secret, code)) : undefined;
  if (!found) {
    await hitRateCounter(deps.db, 'code-failures', addressKey, CODE_FAILURES, now);
    const total = await hitRateCounter(deps.db, 'code-failures', EVERYWHERE, CODE_FAILURES, now);
    if (total.count === FREE_FAILURES_EVERYWHERE) {
      deps.logger.warn('many wrong access codes this hour, from many networks: someone may be guessing codes', {
        wrongCodesThisHour: total.count,
      });
    }
    throw new AppError(404, 'code_not_found', 'This code is not valid. Check the characters and try again.');
  }
  if (found.voided === 1) {
    throw new AppError(409, 'code_voided', 'This code has been withdrawn by the evaluation office.');
  }
  return found;
}
