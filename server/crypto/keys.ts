import { createHmac } from 'node:crypto';

/**
 * A key for one purpose, derived from the server key (HMAC-SHA-256 as a key-derivation function), so that
 * the hashes and ciphertexts of one purpose say nothing about another and nothing is stored to derive them.
 */
export function purposeKey(serverKey: string, purpose: string): Buffer {
  return createHmac('sha256', serverKey).update(`pingyi purpose key:${purpose}`, 'utf8').digest();
}

/** The key of one campaign's rate-limit and quality hashes (devices, addresses, answer patterns). */
export function campaignHashKey(serverKey: string, campaignId: number): string {
  return purposeKey(serverKey, `campaign:${campaignId}`).toString('base64url');
}
