import type { Context } from 'hono';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether the request was addressed to this machine itself (a trial run on one computer). */
function addressedToLoopback(c: Context): boolean {
  let hostname: string;
  try {
    hostname = new URL(c.req.url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost');
}

/**
 * The address printed into QR codes, posters and SMS: PUBLIC_URL, never the request's Host or
 * X-Forwarded-Host (a forged header must not put a phishing address onto a printed poster). Without
 * PUBLIC_URL only a request to localhost gets one, for trying Pingyi on one machine; elsewhere the
 * office is told which variable to set.
 */
export function publicBaseUrl(config: Pick<Config, 'PUBLIC_URL'>, c: Context): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL;
  if (addressedToLoopback(c)) return new URL(c.req.url).origin;
  throw publicUrlMissing();
}

export function publicUrlMissing(): AppError {
  return new AppError(
    409,
    'public_url_missing',
    'PUBLIC_URL is not set: Pingyi does not know the address phones should open, so it prints no QR code, poster or SMS link. Set PUBLIC_URL (e.g. https://pingyi.example.gov.cn) and restart; see docs/deploy.md.',
  );
}
