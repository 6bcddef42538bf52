import { createHmac, randomBytes } from 'node:crypto';

// Standard Webhooks signatures (https://www.standardwebhooks.com, decision 019): the secret is `whsec_` +
// base64 of random bytes; a delivery is signed with HMAC-SHA256 over `${id}.${timestamp}.${body}` keyed
// with the secret's base64-decoded bytes, sent as `v1,` + base64 of the digest. Several signatures (the
// current secret and, for a day after a rotation, the previous one) go space-separated in one header.

export const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

function secretBytes(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', secretBytes(secret)).update(`${id}.${timestamp}.${body}`, 'utf8').digest();
  return `v1,${digest.toString('base64')}`;
}

/** The `webhook-signature` header: one `v1,…` per secret, space-separated. */
export function signatureHeader(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets.map((secret) => signWebhook(secret, id, timestamp, body)).join(' ');
}
