import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { describe, expect, it } from 'vitest';
import {
  blindSign,
  BlindSignatureError,
  generateBlindKeyPair,
  importPrivateKey,
  importPublicKey,
  verifyToken,
} from '../../server/crypto/blind-rsa.ts';

const suite = RSABSSA.SHA384.PSS.Randomized();

async function clientKey(spki: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('spki', Buffer.from(spki, 'base64url'), { name: 'RSA-PSS', hash: 'SHA-384' }, true, [
    'verify',
  ]);
}

describe('blind RSA signatures (RFC 9474) between the browser library and the server', () => {
  it('signs a blinded token the client unblinds, and the server verifies the token it never saw', async () => {
    const keys = await generateBlindKeyPair();
    const publicKey = await clientKey(keys.publicKey);
    const token = crypto.getRandomValues(new Uint8Array(32));
    const prepared = suite.prepare(token);
    const { blindedMsg, inv } = await suite.blind(publicKey, prepared);
    const blindSignature = blindSign(importPrivateKey(keys.privateKey), blindedMsg);
    const signature = await suite.finalize(publicKey, prepared, blindSignature, inv);
    expect(verifyToken(importPublicKey(keys.publicKey), prepared, signature)).toBe(true);
    // The server saw only blindedMsg: neither the token nor its signature appears in it.
    expect(Buffer.from(blindedMsg).includes(Buffer.from(prepared.subarray(0, 16)))).toBe(false);
    expect(Buffer.from(blindSignature).equals(Buffer.from(signature))).toBe(false);
  });

  it('refuses a forged or altered token, and a blinded message that is not a number below the modulus', async () => {
    const keys = await generateBlindKeyPair();
    const other = await generateBlindKeyPair();
    const publicKey = await clientKey(keys.publicKey);
    const prepared = suite.prepare(crypto.getRandomValues(new Uint8Array(32)));
    const { blindedMsg, inv } = await suite.blind(publicKey, prepared);
    const signature = await suite.finalize(
      publicKey,
      prepared,
      blindSign(importPrivateKey(keys.privateKey), blindedMsg),
      inv,
    );
    const altered = Uint8Array.from(prepared);
    altered[40]! ^= 1;
    expect(verifyToken(importPublicKey(keys.publicKey), altered, signature)).toBe(false);
    expect(verifyToken(importPublicKey(other.publicKey), prepared, signature)).toBe(false);
    expect(() => blindSign(importPrivateKey(keys.privateKey), new Uint8Array(256).fill(0xff))).toThrow(
      BlindSignatureError,
    );
    expect(() => blindSign(importPrivateKey(keys.privateKey), new Uint8Array(10))).toThrow(BlindSignatureError);
  });
});
