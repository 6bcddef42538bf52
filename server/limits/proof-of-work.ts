import { createChallenge, randomInt, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { z } from 'zod';
import { sha256Hex } from '../crypto/hashing.ts';
import { purposeKey } from '../crypto/keys.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';

/**
 * Proof of work (ALTCHA, self-hosted: no outside service) instead of lockouts. Past a number of failures
 * a sign-in or code attempt must carry the solution of a fresh challenge: the rightful user's page
 * solves it in about a second and gets in, while guessing becomes expensive. Nobody is refused for
 * what someone else did. The work doubles with each level (decision 012 has the figures).
 */

export type PowPurpose = 'login' | 'code';

/** PBKDF2-SHA-256 iterations per attempt, and the mean number of attempts at level 1. */
export const POW_COST = 1000;
export const POW_BASE_ATTEMPTS = 1000;
export const POW_MAX_LEVEL = 5;
const LIFETIME_SECONDS = 600;
const MAX_PAYLOAD_CHARS = 4096;

/** What a client sends: base64url of the JSON `{ challenge, solution: { counter, derivedKey } }`. */
export const ProofOfWorkField = z.string().max(MAX_PAYLOAD_CHARS).optional();

/**
 * The level a count of recent failures calls for: 0 (no work) below `free`, then one more level every
 * `step` failures, up to POW_MAX_LEVEL.
 */
export function powLevel(failures: number, free: number, step: number): number {
  if (failures < free) return 0;
  return Math.min(POW_MAX_LEVEL, 1 + Math.floor((failures - free) / step));
}

function secrets(serverKey: string) {
  return {
    hmacSignatureSecret: purposeKey(serverKey, 'pow-challenge').toString('hex'),
    hmacKeySignatureSecret: purposeKey(serverKey, 'pow-derived-key').toString('hex'),
  };
}

/** A signed challenge of the given level; the server derives its answer once and keeps nothing. */
export async function createPowChallenge(
  serverKey: string,
  purpose: PowPurpose,
  level: number,
  now: Date,
): Promise<Challenge> {
  const mean = POW_BASE_ATTEMPTS * 2 ** (level - 1);
  return createChallenge({
    algorithm: 'PBKDF2/SHA-256',
    cost: POW_COST,
    counter: randomInt(Math.round(mean * 1.5), Math.round(mean * 0.5)),
    deriveKey,
    data: { purpose, level },
    expiresAt: new Date(now.getTime() + LIFETIME_SECONDS * 1000),
    ...secrets(serverKey),
  });
}

async function powRequired(serverKey: string, purpose: PowPurpose, level: number, now: Date, why: string) {
  return new AppError(
    429,
    'proof_of_work_required',
    `${why} The page solves a short computing puzzle and sends again automatically; this slows down guessing and locks nobody out.`,
    { challenge: await createPowChallenge(serverKey, purpose, level, now) },
  );
}

const PayloadSchema = z.object({
  challenge: z.object({
    // Exactly the fields createPowChallenge signs: anything else would not verify anyway.
    parameters: z.object({
      algorithm: z.string().max(32),
      nonce: z.string().max(64),
      salt: z.string().max(64),
      cost: z.number(),
      keyLength: z.number(),
      keyPrefix: z.string().max(128),
      keySignature: z.string().max(128).optional(),
      expiresAt: z.number().optional(),
      data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    }),
    signature: z.string().max(256).optional(),
  }),
  solution: z.object({ counter: z.number(), derivedKey: z.string().max(256) }),
});

function parsePayload(payload: string) {
  try {
    const parsed = PayloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Lets the request through when no work is required, or when `payload` solves a challenge this server
 * signed, for this purpose, of at least this level, not expired and used fewer than `maxUses` times
 * (a code look-up and its token exchange share one). Otherwise refuses with a fresh challenge.
 */
export async function requireProofOfWork(
  deps: { db: Db; secret: string },
  request: { purpose: PowPurpose; level: number; payload: string | undefined; maxUses: number },
  now: Date,
): Promise<void> {
  const { purpose, level, payload, maxUses } = request;
  if (level <= 0) return;
  if (!payload) throw await powRequired(deps.secret, purpose, level, now, 'Many failed attempts came from here.');
  const parsed = parsePayload(payload);
  const data = parsed?.challenge.parameters.data;
  const verified =
    parsed &&
    data?.purpose === purpose &&
    typeof data.level === 'number' &&
    data.level >= level &&
    (
      await verifySolution({
        challenge: parsed.challenge,
        solution: parsed.solution,
        deriveKey,
        ...secrets(deps.secret),
      })
    ).verified;
  if (!verified) throw await powRequired(deps.secret, purpose, level, now, 'The puzzle answer is missing or stale.');
  const row = await deps.db
    .insertInto('spent_challenges')
    .values({
      nonce_hash: sha256Hex(parsed.challenge.parameters.nonce),
      uses: 1,
      expires_at: new Date(now.getTime() + LIFETIME_SECONDS * 1000).toISOString(),
    })
    .onConflict((oc) => oc.column('nonce_hash').doUpdateSet((eb) => ({ uses: eb('spent_challenges.uses', '+', 1) })))
    .returning('uses')
    .executeTakeFirstOrThrow();
  if (Number(row.uses) > maxUses) {
    throw await powRequired(deps.secret, purpose, level, now, 'This puzzle answer has been used already.');
  }
}

/** Drops the record of challenges that have expired (a replay of them fails on the expiry anyway). */
export async function pruneSpentChallenges(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('spent_challenges').where('expires_at', '<', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
