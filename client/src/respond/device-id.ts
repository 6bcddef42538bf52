import { randomId } from './random-id.ts';

const KEY = 'pingyi.device';

/**
 * A random id this browser keeps, sent with open ratings so the server can limit ballots per device.
 * It is hashed under a per-campaign key derived from the server key, and the hashes are deleted when the
 * campaign closes (decision 011).
 */
export function deviceId(): string {
  try {
    const existing = localStorage.getItem(KEY);
    if (existing && existing.length >= 8) return existing;
    const fresh = randomId();
    localStorage.setItem(KEY, fresh);
    return fresh;
  } catch {
    return randomId();
  }
}
