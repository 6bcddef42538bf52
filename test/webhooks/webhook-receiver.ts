// A local receiver (node:http on 127.0.0.1) that checks each delivery's signature the way the Standard
// Webhooks specification says, written here apart from the server's signer so the two check each other.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  id: string;
  timestamp: string;
  body: string;
  signature: string;
  verified: boolean;
}

/** Verifies `webhook-signature` against every secret: any `v1,` signature made with one of them passes. */
export function verifyStandardWebhook(secrets: string[], id: string, timestamp: string, body: string, header: string) {
  const signed = `${id}.${timestamp}.${body}`;
  const offered = header
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => Buffer.from(s.slice(3), 'base64'));
  return secrets.some((secret) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const expected = createHmac('sha256', key).update(signed).digest();
    return offered.some((sig) => sig.length === expected.length && timingSafeEqual(sig, expected));
  });
}

export interface Receiver {
  url: string;
  secrets: string[];
  received: Received[];
  /** Answers to give, in order (then 200 for good): e.g. [500, 500] fails twice. */
  answers: number[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const state: Omit<Receiver, 'url' | 'close'> = { secrets: [], received: [], answers: [] };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const id = String(req.headers['webhook-id'] ?? '');
      const timestamp = String(req.headers['webhook-timestamp'] ?? '');
      const signature = String(req.headers['webhook-signature'] ?? '');
      const verified = verifyStandardWebhook(state.secrets, id, timestamp, body, signature);
      state.received.push({ id, timestamp, body, signature, verified });
      const status = state.answers.length > 0 ? state.answers.shift()! : verified ? 200 : 401;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/hooks`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
