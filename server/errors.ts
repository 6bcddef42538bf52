import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { Logger } from './logger.ts';

/**
 * The one error shape every endpoint answers with: `{"error":{"code","message"}}`. A refusal the client
 * can resolve by itself carries what it needs beside them (a proof-of-work `challenge`).
 */
export interface ErrorBody {
  error: { code: string; message: string; challenge?: unknown; count?: number; problems?: readonly unknown[] };
}

/** What a refusal may carry beside its code and message, for the client to act on or to word it. */
export interface ErrorExtra {
  /** With `proof_of_work_required`: the challenge to solve. */
  challenge?: unknown;
  /** How many things the refusal is about (e.g. `flagged_unreviewed`), for the UI's own wording. */
  count?: number;
  /** With `invalid_settings`: each problem with its path and a stable code, to show beside its field. */
  problems?: readonly unknown[];
}

/** A refusal the client can act on: a 4xx with a stable code and a message a person can read. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: ErrorExtra = {},
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, extra: ErrorExtra = {}): ErrorBody {
  return { error: { code, message, ...extra } };
}

const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** Maps every thrown error to the one shape; only unexpected errors are logged. */
export function createErrorHandler(logger: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.extra), err.status);
    if (err instanceof HTTPException && err.status < 500) {
      const code = HTTP_CODES[err.status] ?? 'bad_request';
      return c.json(errorBody(code, err.message || 'The request could not be processed.'), err.status);
    }
    if (c.req.raw.signal.aborted) {
      // The client went away (closed the tab, lost signal) while its request was read: nothing to answer.
      logger.debug('client aborted the request', { method: c.req.method, path: c.req.path });
      return c.json(errorBody('client_aborted', 'The request was aborted by the client.'), 400);
    }
    logger.error('unexpected error', { method: c.req.method, path: c.req.path, error: errorText(err) });
    return c.json(errorBody('internal_error', 'An unexpected error occurred on the server. Please try again.'), 500);
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** Turns a zod error into one sentence that names each offending field. */
export function describeZodError(error: ZodError, target: string): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${target}.${path}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return parts.join('; ') + more;
}

/** The defaultHook for every OpenAPIHono sub-app: schema failures become 400s in the one shape. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target: string },
  c: Context,
) {
  if (!result.success) return c.json(errorBody('invalid_request', describeZodError(result.error, result.target)), 400);
  return undefined;
}

export function notFound(what: string): AppError {
  return new AppError(404, 'not_found', `${what} was not found.`);
}
