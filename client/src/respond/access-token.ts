import { api, ApiError, call } from '../shared/api.ts';
import { withProofOfWork } from '../shared/proof-of-work.ts';
import type { RatingSession } from './rating-session.ts';

// The page's half of the code → token exchange (RFC 9474, decision 011): it blinds a random token, the
// server spends the code and signs the blinded token without seeing it, the page unblinds the signature
// and sends its ballot with the token, never with the code. What the page must remember to retry safely
// (the blinded request and its secret) is kept on the device before the request goes out, so a retry
// sends the same request and gets the same signature.

type SessionToken = NonNullable<RatingSession['token']>;

export interface BallotToken {
  keyClass: string;
  message: string;
  signature: string;
}

interface StoredToken {
  keyClass: string;
  message: string;
  blindedMessage: string;
  inv: string;
  signature?: string;
}

const keyOf = (scope: string) => `pingyi.token.${scope}`;

function load(scope: string): StoredToken | null {
  try {
    const raw = localStorage.getItem(keyOf(scope));
    return raw ? (JSON.parse(raw) as StoredToken) : null;
  } catch {
    return null;
  }
}

function save(scope: string, token: StoredToken): void {
  localStorage.setItem(keyOf(scope), JSON.stringify(token));
}

export function hasStoredToken(scope: string): boolean {
  return load(scope) !== null;
}

export function forgetToken(scope: string): void {
  try {
    localStorage.removeItem(keyOf(scope));
  } catch {
    // Nothing to forget.
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

async function publicKey(spki: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('spki', fromBase64Url(spki), { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['verify']);
}

/** The token for this code: made, exchanged and unblinded once, then kept until the ballot is accepted. */
export async function ensureToken(scope: string, code: string, session: SessionToken): Promise<BallotToken> {
  // Web Crypto, which blinds the token, exists only on a secure (HTTPS) page (docs/deploy.md, "HTTPS").
  if (!globalThis.crypto?.subtle) {
    throw new ApiError(
      400,
      'insecure_context',
      'A code can only be used on a secure (https://) page; this one is not.',
    );
  }
  let stored = load(scope);
  if (stored?.signature) return { keyClass: stored.keyClass, message: stored.message, signature: stored.signature };
  if (!stored && session.exchanged) {
    // The code was exchanged by another page (or this one lost its token): it cannot be used again.
    throw new ApiError(409, 'code_spent', 'This code has already been used; each code can be used once.');
  }
  const { RSABSSA } = await import('@cloudflare/blindrsa-ts');
  const suite = RSABSSA.SHA384.PSS.Randomized();
  const key = await publicKey(session.publicKey);
  if (!stored) {
    const prepared = suite.prepare(crypto.getRandomValues(new Uint8Array(32)));
    const { blindedMsg, inv } = await suite.blind(key, prepared);
    stored = {
      keyClass: session.keyClass,
      message: toBase64Url(prepared),
      blindedMessage: toBase64Url(blindedMsg),
      inv: toBase64Url(inv),
    };
    save(scope, stored);
  }
  const blindedMessage = stored.blindedMessage;
  // The look-up's proof of work, if it needed one, also covers this exchange.
  const issued = await withProofOfWork((proofOfWork) =>
    call(api.tokens.$post({ json: { code, blindedMessage, ...(proofOfWork ? { proofOfWork } : {}) } })),
  );
  const signature = await suite.finalize(
    key,
    fromBase64Url(stored.message),
    fromBase64Url(issued.blindSignature),
    fromBase64Url(stored.inv),
  );
  stored = { ...stored, signature: toBase64Url(signature) };
  save(scope, stored);
  return { keyClass: stored.keyClass, message: stored.message, signature: stored.signature! };
}
