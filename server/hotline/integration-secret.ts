import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../crypto/hashing.ts';

// An integration's secret: 32 random bytes, base64url, after a `pyi_` prefix that secret scanners and
// people recognise. Only its SHA-256 is stored; a caller is found by the hash of what it sends, so no
// comparison of secrets ever runs in the app (the index lookup is over hashes, not over secrets).

export const SECRET_PREFIX = 'pyi_';
/** `pyi_` and 43 base64url characters. */
const SECRET_SHAPE = /^pyi_[A-Za-z0-9_-]{43}$/;

export function newIntegrationSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

export function integrationSecretHash(secret: string): string {
  return sha256Hex(secret);
}

/** Whether the text could be a secret at all (anything else is refused without a query). */
export function looksLikeSecret(text: string): boolean {
  return SECRET_SHAPE.test(text);
}
