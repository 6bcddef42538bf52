import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Authenticated encryption (AES-256-GCM) of small records the database must hold but must not be able
// to read: ballots waiting to be mixed, token-signing keys. The plaintext is padded to a multiple of
// `padTo` bytes so that a ciphertext's length says little about what it holds.

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SealError extends Error {}

/** Seals text as base64url (for text columns). */
export function seal(key: Buffer, plaintext: string, padTo = 1): string {
  return sealBytes(key, plaintext, padTo).toString('base64url');
}

export function unseal(key: Buffer, sealed: string): string {
  return unsealBytes(key, Buffer.from(sealed, 'base64url'));
}

/** Seals text into bytes: a 12-byte nonce, the 16-byte tag, then the padded ciphertext. */
export function sealBytes(key: Buffer, plaintext: string, padTo = 1): Buffer {
  const body = Buffer.from(plaintext, 'utf8');
  const padded = Buffer.alloc(Math.ceil((4 + body.length) / padTo) * padTo);
  padded.writeUInt32BE(body.length, 0);
  body.copy(padded, 4);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const encrypted = Buffer.concat([cipher.update(padded), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), encrypted]);
}

export function unsealBytes(key: Buffer, sealed: Uint8Array): string {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.length < IV_BYTES + TAG_BYTES + 4) throw new SealError('sealed record too short');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  let padded: Buffer;
  try {
    padded = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealError('sealed record does not open with this key');
  }
  const length = padded.readUInt32BE(0);
  return padded.subarray(4, 4 + length).toString('utf8');
}
