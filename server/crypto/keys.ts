import { createHmac } from 'node:crypto';

/**
 * A key for one purpose, derived from the server key (HMAC-SHA-256 as a key-derivation function), so that
 * the hashes and ciphertexts of one purpose say nothing about another and nothing is stored to derive them.
 */
export function purposeKey(serverKey: string, purpose: string): Buffer {
  const id = `${purpose}\u0000${serverKey}`;
  let key = derived.get(id);
  if (!key) {
    key = createHmac('sha256', serverKey).update(`pingyi purpose key:${purpose}`, 'utf8').digest();
    if (derived.size >= MAX_DERIVED) derived.delete(derived.keys().next().value!);
    derived.set(id, key);
  }
  return key;
}

/** Derived keys, kept in memory only (the ballot path derives the same few on every ballot). */
const derived = new Map<string, Buffer>();
const MAX_DERIVED = 1024;

/** The key of one campaign's rate-limit and quality hashes (devices, addresses, answer patterns). */
export function campaignHashKey(serverKey: string, campaignId: number): string {
  return purposeKey(serverKey, `campaign:${campaignId}`).toString('base64url');
}
