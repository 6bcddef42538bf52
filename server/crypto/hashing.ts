import { createHash, createHmac } from 'node:crypto';

/** SHA-256 of UTF-8 text, as lower-case hex. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** HMAC-SHA-256 of UTF-8 text under a secret, as lower-case hex. */
export function hmacHex(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value, 'utf8').digest('hex');
}
