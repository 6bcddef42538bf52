import type { IncomingMessage } from 'node:http';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '../config.ts';

type TrustFn = (address: string, hop: number) => boolean;

const compiled = new WeakMap<TrustProxy, TrustFn>();

/** The proxy-addr trust function of a TRUST_PROXY setting, compiled once per configuration. */
function trustOf(setting: TrustProxy): TrustFn {
  let trust = compiled.get(setting);
  if (!trust) {
    if (setting.kind === 'off') trust = () => false;
    else if (setting.kind === 'hops') trust = (_address, hop) => hop < setting.hops;
    else trust = proxyaddr.compile(setting.list);
    compiled.set(setting, trust);
  }
  return trust;
}

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // app.request() in tests has no socket.
    return undefined;
  }
}

/**
 * The address the request came from, as Express computes it: walking X-Forwarded-For from the right,
 * past the trusted proxies only (a client can put anything on the left of that header, never on the
 * right of what its proxy appended). Without TRUST_PROXY the header is ignored.
 */
export function remoteAddress(c: Context, trustProxy: TrustProxy): string {
  const socket = socketAddress(c);
  if (!socket) return 'unknown';
  if (trustProxy.kind === 'off') return socket;
  const request = {
    headers: { 'x-forwarded-for': c.req.header('x-forwarded-for') ?? '' },
    socket: { remoteAddress: socket },
  } as unknown as IncomingMessage;
  return proxyaddr(request, trustOf(trustProxy));
}

/**
 * The caller's network, for rate limits only (it is hashed with a keyed hash before storage and never
 * logged): an IPv4 address, or the /64 prefix of an IPv6 one, since a single household or phone is
 * handed a whole /64 and can use any address in it.
 */
export function clientAddress(c: Context, trustProxy: TrustProxy): string {
  return networkOf(remoteAddress(c, trustProxy));
}

/** An address as a rate-limit key: IPv4 as it is (mapped IPv6 turned back into IPv4), IPv6 by its /64. */
export function networkOf(address: string): string {
  if (!ipaddr.isValid(address)) return address.slice(0, 64);
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const parts = v6.parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(':')}::/64`;
}

/** Whether the browser reached Pingyi over HTTPS: X-Forwarded-Proto counts only from a trusted proxy. */
export function isHttps(c: Context, trustProxy: TrustProxy): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  const socket = socketAddress(c);
  if (!socket || trustProxy.kind === 'off' || !trustOf(trustProxy)(socket, 0)) return false;
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https';
}
