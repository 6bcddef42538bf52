import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { errorBody } from '../errors.ts';

/**
 * Hosts that certainly make a URL, checked without parsing one: a name whose labels start with a letter
 * (so it cannot be read as an IPv4 number) and hold no punycode, or a dotted quad, each with an optional
 * port. Anything else is parsed.
 */
const PLAIN_HOST =
  /^(?:(?!xn--)[a-z][a-z0-9-]*(?:\.(?!xn--)[a-z][a-z0-9-]*)*|(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))(?::(\d{1,5}))?$/i;

function plainHost(host: string): boolean {
  const match = PLAIN_HOST.exec(host);
  return match !== null && (match[1] === undefined || Number(match[1]) <= 65_535);
}

function makesUrl(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/**
 * A Host header that makes no URL (`999.1.1.1`, `xn--`, `0x100000000`) is refused before anything reads
 * the request: the platform's Request cannot be built from it, so reading the body would throw.
 */
export const refuseUnusableHost: MiddlewareHandler = async (c, next) => {
  if (!plainHost(c.req.header('host') ?? '') && !makesUrl(c.req.url)) {
    return c.json(errorBody('invalid_host', 'The Host header does not name a valid host.'), 400, {
      connection: 'close',
    });
  }
  await next();
};

/** How long, and how much, of a body the handler did not read is taken off the socket before answering. */
const DRAIN_MS = 2_000;

/**
 * A request answered without its body being read (refused before the handler parsed it: 401, 403, 404)
 * leaves the rest of the body on the socket. Answering at once would make the client meet a broken pipe
 * while it still sends, and the adapter's short drain would drop the connection under its next request.
 * So the rest of a body within the size limit is read and discarded first (for at most DRAIN_MS), and the
 * connection carries on; a larger or slower one gets `Connection: close`, so no client reuses it.
 */
export function drainUnreadBody(maxBytes: number): MiddlewareHandler<{ Bindings: { incoming?: IncomingMessage } }> {
  return async (c, next) => {
    await next();
    const incoming = c.env?.incoming;
    if (!incoming || incoming.readableEnded || incoming.destroyed) return;
    const length = c.req.header('content-length');
    const declared = length === undefined ? null : Number(length);
    if (declared === 0 || (declared === null && c.req.header('transfer-encoding') === undefined)) return;
    const drained = declared !== null && declared <= maxBytes && (await discardRest(c.req.raw, maxBytes));
    if (!drained) c.res.headers.set('connection', 'close');
  };
}

/** Reads and drops what is left of a request body; false when it is too large, too slow or already taken. */
async function discardRest(request: Request, maxBytes: number): Promise<boolean> {
  if (request.bodyUsed || !request.body) return false;
  const reader = request.body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), DRAIN_MS)));
  try {
    for (let bytes = 0; bytes <= maxBytes;) {
      const chunk = await Promise.race([reader.read(), late]);
      if (chunk === 'late') return false;
      if (chunk.done) return true;
      bytes += chunk.value.byteLength;
    }
    return false;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    // A read still pending after the deadline is abandoned with the lock; the adapter drains the rest.
    try {
      reader.releaseLock();
    } catch {
      // released already
    }
  }
}
