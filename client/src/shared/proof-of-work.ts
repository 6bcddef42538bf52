import type { Challenge, Solution } from 'altcha-lib/types';
import { ApiError } from './api.ts';

// The page's half of the server's proof of work (server/limits/proof-of-work.ts): when a sign-in or an
// access code is answered with `proof_of_work_required`, solve the challenge the answer carries and send
// the same request again with the solution. A solution is kept for a few minutes, because the server
// takes one for a code look-up and the token exchange after it.

const KEEP_MS = 5 * 60 * 1000;
const MAX_ROUNDS = 3;
let kept: { payload: string; until: number } | null = null;

function encode(challenge: Challenge, solution: Solution): string {
  const json = JSON.stringify({ challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } });
  const bytes = new TextEncoder().encode(json);
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function solveInWorkers(challenge: Challenge): Promise<Solution | null> {
  const { solveChallengeWorkers } = await import('altcha-lib');
  return solveChallengeWorkers({
    challenge,
    concurrency: Math.min(4, navigator.hardwareConcurrency || 2),
    createWorker: () => new Worker(new URL('./pow-worker.ts', import.meta.url), { type: 'module' }),
  });
}

async function solveHere(challenge: Challenge): Promise<Solution | null> {
  const [{ solveChallenge }, { deriveKey }] = await Promise.all([
    import('altcha-lib'),
    import('altcha-lib/algorithms/web/pbkdf2'),
  ]);
  return solveChallenge({ challenge, deriveKey });
}

/** Solves a challenge: in workers where the browser has them, else on the page itself. */
export async function solveProofOfWork(challenge: Challenge): Promise<string> {
  let solution: Solution | null = null;
  try {
    solution = typeof Worker === 'undefined' ? await solveHere(challenge) : await solveInWorkers(challenge);
  } catch {
    solution = await solveHere(challenge);
  }
  if (!solution) throw new ApiError(429, 'proof_of_work_failed', 'The security check could not be completed.');
  return encode(challenge, solution);
}

/**
 * Sends a request that the server may answer with `proof_of_work_required`: solves what it asks
 * (telling `onSolving` while it works) and sends again, a few rounds at most.
 */
export async function withProofOfWork<T>(
  send: (proofOfWork: string | undefined) => Promise<T>,
  onSolving?: (solving: boolean) => void,
): Promise<T> {
  let payload = kept && kept.until > Date.now() ? kept.payload : undefined;
  for (let round = 0; ; round += 1) {
    try {
      return await send(payload);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'proof_of_work_required' || !error.challenge) throw error;
      if (round >= MAX_ROUNDS) throw error;
      onSolving?.(true);
      try {
        payload = await solveProofOfWork(error.challenge as Challenge);
      } finally {
        onSolving?.(false);
      }
      kept = { payload, until: Date.now() + KEEP_MS };
    }
  }
}
