import { isIP } from 'node:net';
import { AppError } from '../errors.ts';

// Which addresses an endpoint may have (decision 019): https anywhere; plain http only when
// WEBHOOKS_ALLOW_HTTP=on and only to this machine or a private network (a receiver beside the server, a
// test), because a signature does not hide the payload from whoever reads the wire. No other scheme, no
// credentials in the address.

const PRIVATE_V4 = [/^127\./, /^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./];

function privateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal'))
    return true;
  if (isIP(host) === 4) return PRIVATE_V4.some((range) => range.test(host));
  if (isIP(host) === 6) return host === '::1' || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe80:/.test(host);
  return false;
}

function refused(message: string): AppError {
  return new AppError(422, 'webhook_url_refused', message);
}

/** The address as stored, or a 422 webhook_url_refused saying why not. */
export function checkEndpointUrl(input: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw refused(`"${input}" is not a full address such as https://example.org/hooks/pingyi.`);
  }
  if (url.username || url.password) throw refused('An endpoint address must not carry a user name or password.');
  if (url.protocol === 'https:') return url.toString();
  if (url.protocol === 'http:') {
    if (!allowHttp)
      throw refused('Only https addresses are accepted (set WEBHOOKS_ALLOW_HTTP=on for a local receiver).');
    if (!privateHost(url.hostname))
      throw refused('Plain http is accepted only for this machine or a private network; use https for anything else.');
    return url.toString();
  }
  throw refused(`The scheme ${url.protocol} is not accepted: use https.`);
}
