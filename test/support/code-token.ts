import { createHash } from 'node:crypto';
import { RSABSSA } from '@cloudflare/blindrsa-ts';

// What the respondent page does with an access code (client/src/respond/access-token.ts), in Node: open
// the rating, blind a random token for the key it names, exchange the code for a blind signature,
// unblind. Tests then send ballots with the token, as the page does.

type AppLike = { request(path: string, init?: RequestInit): Response | Promise<Response> };

/** What POST /api/respond/code answers, as far as tests read it. */
export interface CodeSession {
  raterType: string;
  unit: { id: number } | null;
  questionnaire: { id: number; definition: Record<string, unknown> };
  token: { keyClass: string; publicKey: string; exchanged: boolean };
}

export interface BallotToken {
  keyClass: string;
  message: string;
  signature: string;
}

const suite = RSABSSA.SHA384.PSS.Randomized();
const headers = { 'content-type': 'application/json' };

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

export async function openWithCode(app: AppLike, code: string): Promise<Response> {
  return app.request('/api/respond/code', { method: 'POST', headers, body: JSON.stringify({ code }) });
}

/** A blinded token request for the session's key: what the page keeps before it asks. */
export async function blindedRequest(publicKeySpki: string) {
  const key = await crypto.subtle.importKey(
    'spki',
    Buffer.from(publicKeySpki, 'base64url'),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
  const prepared = suite.prepare(crypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await suite.blind(key, prepared);
  return {
    key,
    prepared,
    inv,
    blindedMessage: b64(blindedMsg),
    async finalize(blindSignature: string): Promise<Uint8Array> {
      return suite.finalize(key, prepared, Buffer.from(blindSignature, 'base64url'), inv);
    },
  };
}

export function exchange(app: AppLike, code: string, blindedMessage: string): Promise<Response> {
  return Promise.resolve(
    app.request('/api/tokens', { method: 'POST', headers, body: JSON.stringify({ code, blindedMessage }) }),
  );
}

/** Opens the rating a code grants and exchanges the code for a token; throws with the refusal if any. */
export async function tokenForCode(
  app: AppLike,
  code: string,
): Promise<{ session: CodeSession; token: BallotToken; blindedHash: string }> {
  const opened = await openWithCode(app, code);
  const session = (await opened.json()) as CodeSession;
  if (opened.status !== 200) throw new Error(`opening ${code}: ${opened.status} ${JSON.stringify(session)}`);
  const request = await blindedRequest(session.token.publicKey);
  const issued = await exchange(app, code, request.blindedMessage);
  const body = (await issued.json()) as { keyClass: string; blindSignature: string };
  if (issued.status !== 200) throw new Error(`exchanging ${code}: ${issued.status} ${JSON.stringify(body)}`);
  const signature = await request.finalize(body.blindSignature);
  return {
    session,
    token: { keyClass: body.keyClass, message: b64(request.prepared), signature: b64(signature) },
    // What the code's row keeps of the request (server/access/token-exchange.service.ts).
    blindedHash: createHash('sha256').update(request.blindedMessage, 'utf8').digest('hex'),
  };
}
