import {
  constants,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  privateDecrypt,
  publicEncrypt,
  verify,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';

// The server's half of RSA blind signatures (RFC 9474, suite RSABSSA-SHA384-PSS-Randomized): it signs a
// blinded message it cannot read, and later verifies the unblinded token it has never seen. The client's
// half (prepare, blind, finalize) is @cloudflare/blindrsa-ts in the browser. Signing is one raw RSA
// private-key operation done by Node's native crypto (OpenSSL), about a millisecond for 2048 bits.

const MODULUS_BITS = 2048;
const SALT_LENGTH = 48; // SHA-384's output length, as the suite specifies
const generate = promisify(generateKeyPair);

export interface BlindKeyPair {
  /** SPKI, DER, base64url: what the client imports to blind and finalize. */
  publicKey: string;
  /** PKCS #8, DER, base64url. */
  privateKey: string;
}

export class BlindSignatureError extends Error {}

export async function generateBlindKeyPair(): Promise<BlindKeyPair> {
  const { publicKey, privateKey } = await generate('rsa', { modulusLength: MODULUS_BITS, publicExponent: 0x10001 });
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64url'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64url'),
  };
}

export function importPrivateKey(pkcs8: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(pkcs8, 'base64url'), format: 'der', type: 'pkcs8' });
}

export function importPublicKey(spki: string): KeyObject {
  return createPublicKey({ key: Buffer.from(spki, 'base64url'), format: 'der', type: 'spki' });
}

/**
 * BlindSign (RFC 9474 §4.3): s = m^d mod n over the blinded message, then the check that s^e = m, so a
 * fault in the signing operation never leaks the key.
 */
export function blindSign(privateKey: KeyObject, blindedMessage: Uint8Array): Uint8Array {
  const modulusBytes = MODULUS_BITS / 8;
  if (blindedMessage.length !== modulusBytes) {
    throw new BlindSignatureError(`the blinded message must be ${modulusBytes} bytes`);
  }
  let signature: Buffer;
  try {
    signature = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, blindedMessage);
  } catch {
    // OpenSSL refuses a message that is not smaller than the modulus.
    throw new BlindSignatureError('the blinded message is not a number below the modulus');
  }
  const check = publicEncrypt({ key: createPublicKey(privateKey), padding: constants.RSA_NO_PADDING }, signature);
  if (!Buffer.from(blindedMessage).equals(check)) throw new BlindSignatureError('signing failure');
  return signature;
}

/** Verify (RFC 9474 §4.5): RSASSA-PSS with SHA-384, MGF1-SHA-384 and a 48-byte salt over the prepared message. */
export function verifyToken(publicKey: KeyObject, preparedMessage: Uint8Array, signature: Uint8Array): boolean {
  return verify(
    'sha384',
    preparedMessage,
    { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: SALT_LENGTH },
    signature,
  );
}
