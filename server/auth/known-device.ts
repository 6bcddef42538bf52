import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { purposeKey } from '../crypto/keys.ts';

/**
 * A browser where an account signed in before (the "device cookie" of OWASP's advice against lockouts):
 * failures by strangers slow down sign-in to that account from unknown devices only, never from here.
 * The cookie holds, for up to MAX_ENTRIES accounts, `userId.issuedAt.nonce.mac` under a key derived
 * from the server key; nothing is stored on the server.
 */
export const DEVICE_COOKIE = 'pingyi_device';
export const DEVICE_DAYS = 180;
const MAX_ENTRIES = 5;

interface DeviceEntry {
  userId: number;
  issuedAt: number;
  nonce: string;
}

function mac(serverKey: string, entry: DeviceEntry): string {
  return createHmac('sha256', purposeKey(serverKey, 'known-device'))
    .update(`${entry.userId}.${entry.issuedAt}.${entry.nonce}`)
    .digest('base64url')
    .slice(0, 32);
}

function parse(serverKey: string, cookie: string | undefined, now: Date): DeviceEntry[] {
  if (!cookie || cookie.length > 1024) return [];
  const oldest = now.getTime() / 1000 - DEVICE_DAYS * 86400;
  const entries: DeviceEntry[] = [];
  for (const part of cookie.split('~').slice(0, MAX_ENTRIES)) {
    const [userId, issuedAt, nonce, tag] = part.split('.');
    if (!userId || !issuedAt || !nonce || !tag || !/^\d{1,10}$/.test(userId) || !/^\d{1,12}$/.test(issuedAt)) continue;
    const entry = { userId: Number(userId), issuedAt: Number(issuedAt), nonce };
    const expected = Buffer.from(mac(serverKey, entry));
    const given = Buffer.from(tag);
    if (given.length === expected.length && timingSafeEqual(given, expected) && entry.issuedAt > oldest) {
      entries.push(entry);
    }
  }
  return entries;
}

/** The device's id for this account (its nonce, for the device's own failure counter), or null. */
export function knownDeviceOf(serverKey: string, cookie: string | undefined, userId: number | undefined, now: Date) {
  if (userId === undefined) return null;
  return parse(serverKey, cookie, now).find((entry) => entry.userId === userId)?.nonce ?? null;
}

/** The cookie value after a successful sign-in: this account (re)issued first, others kept. */
export function rememberDevice(serverKey: string, cookie: string | undefined, userId: number, now: Date): string {
  const fresh: DeviceEntry = {
    userId,
    issuedAt: Math.floor(now.getTime() / 1000),
    nonce: randomBytes(12).toString('base64url'),
  };
  const others = parse(serverKey, cookie, now).filter((entry) => entry.userId !== userId);
  return [fresh, ...others]
    .slice(0, MAX_ENTRIES)
    .map((entry) => `${entry.userId}.${entry.issuedAt}.${entry.nonce}.${mac(serverKey, entry)}`)
    .join('~');
}
