import { hc, type ClientResponse } from 'hono/client';
import type { AppType } from '../../../server/app.ts';

// The one way the client talks to the server: Hono's typed client over the server's own route
// definitions (server/app.ts exports AppType), so every path, parameter, body and answer is checked by
// `npm run typecheck` against what the server really serves. Nothing here retypes a server response.

/** The one error shape every endpoint answers with. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    challenge?: unknown;
    count?: number;
    published?: boolean;
    problems?: readonly unknown[];
  };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** With `proof_of_work_required`: the challenge to solve (see proof-of-work.ts). */
    readonly challenge?: unknown,
    /** With `flagged_unreviewed`: how many flagged ballots are undecided. */
    readonly count?: number,
    /** With `campaign_closed` on a QR page: whether the campaign's results are published. */
    readonly published?: boolean,
    /** With `campaign_incomplete`, `invalid_answers` and others: each problem with a stable code (problem-text.ts). */
    readonly problems?: readonly unknown[],
  ) {
    super(message);
  }
}

/** Thrown when the request never got an answer (offline, weak signal): safe to retry. */
export class NetworkError extends Error {}

/**
 * Every write is sent as JSON, an empty object when the route takes no body: the server refuses a signed-in
 * write that is not application/json (its guard against cross-site forms).
 */
const sendJson: typeof fetch = (input, init) => {
  const method = (init?.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD' || init?.body !== undefined) return fetch(input, init);
  const headers = new Headers(init?.headers);
  headers.set('content-type', 'application/json');
  return fetch(input, { ...init, headers, body: '{}' });
};

/** The typed API: `api.campaigns[':id'].results.$get({ param: { id: '1' } })`. */
export const api = hc<AppType>('/', { fetch: sendJson }).api;

type SuccessStatus = 200 | 201;

/** What a successful (2xx JSON) answer of a typed request holds. */
export type Success<R> =
  R extends ClientResponse<infer T, infer S, infer F>
    ? S extends SuccessStatus
      ? F extends 'json'
        ? T
        : never
      : never
    : never;

/** The successful answer of one endpoint of `api`, by its request function: `ResponseOf<typeof api.units.$get>`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any request function of the typed client
export type ResponseOf<F extends (...args: any[]) => Promise<unknown>> = Success<Awaited<ReturnType<F>>>;

/** What a request sends, by its request function. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any request function of the typed client
export type RequestOf<F extends (...args: any[]) => Promise<unknown>> = Parameters<F>[0];

/**
 * Awaits a typed request and returns its successful answer; a refusal becomes an ApiError with the
 * server's code and message, no answer at all a NetworkError.
 */
export async function call<R extends ClientResponse<unknown, number, string>>(
  request: Promise<R>,
): Promise<Success<R>> {
  let response: R;
  try {
    response = await request;
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (body as ApiErrorBody | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `HTTP ${response.status}`,
      error?.challenge,
      error?.count,
      error?.published,
      error?.problems,
    );
  }
  return body as Success<R>;
}
