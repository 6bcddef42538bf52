import type { AppDeps } from '../app-deps.ts';
import { assertAcceptingBallots } from '../campaigns/campaign-window.ts';
import { findCampaignOr404 } from '../campaigns/campaign-loader.ts';
import { blindSign, BlindSignatureError } from '../crypto/blind-rsa.ts';
import { sha256Hex } from '../crypto/hashing.ts';
import { AppError } from '../errors.ts';
import { findValidCode, type CodeAttempt } from './code-lookup.ts';
import { findExchange, recordExchange } from './codes.repository.ts';
import { keyClassOf, tokenKey } from './token-keys.ts';

export interface TokenExchange {
  keyClass: string;
  /** base64url: the signature of the blinded message, which the page unblinds into its token's. */
  blindSignature: string;
  /** True when this code had already been exchanged for this same blinded message: the same answer again. */
  replayed: boolean;
}

const codeSpent = () => new AppError(409, 'code_spent', 'This code has already been used; each code can be used once.');

/**
 * Spends a code for a blind signature (RFC 9474) in one transaction: the code row records that it was
 * exchanged, and the blinded request and its signature, which say nothing about the token the page
 * unblinds. The ballot is stored later, in another transaction, with the token: nothing the database or
 * its log keeps joins the two (decision 011). A retry with the same blinded message gets the same
 * signature; a different one for a spent code is refused, so one code gives one token.
 */
export async function exchangeCodeForToken(
  deps: AppDeps,
  attempt: CodeAttempt,
  blindedMessage: string,
  now: Date,
): Promise<TokenExchange> {
  const code = await findValidCode(deps, attempt, now);
  assertAcceptingBallots(await findCampaignOr404(deps.db, code.campaign_id), now);
  const keyClass = keyClassOf(code);
  const blinded = Buffer.from(blindedMessage, 'base64url');
  const blindedHash = sha256Hex(blindedMessage);
  const key = await tokenKey(deps.db, deps.secret, code.campaign_id, keyClass);
  const earlier = await findExchange(deps.db, code.code_hash);
  if (earlier?.spent === 1) {
    if (earlier.blinded_hash === blindedHash && earlier.blind_signature) {
      return { keyClass, blindSignature: earlier.blind_signature, replayed: true };
    }
    throw codeSpent();
  }
  let signature: string;
  try {
    signature = Buffer.from(blindSign(key.privateKeyObject, blinded)).toString('base64url');
  } catch (error) {
    if (error instanceof BlindSignatureError) {
      throw new AppError(400, 'invalid_token_request', `The token request cannot be signed: ${error.message}.`);
    }
    throw error;
  }
  if (await recordExchange(deps.db, code.code_hash, blindedHash, signature)) {
    return { keyClass, blindSignature: signature, replayed: false };
  }
  // Spent between the look-up and the update: by this same request retried, or by another.
  const now2 = await findExchange(deps.db, code.code_hash);
  if (now2?.blinded_hash === blindedHash && now2.blind_signature) {
    return { keyClass, blindSignature: now2.blind_signature, replayed: true };
  }
  throw codeSpent();
}
