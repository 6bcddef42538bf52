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
  error: {
    code: string;
    message: string;
    challenge?: unknown;
    count?: number;
    problems?: readonly unknown[];
    published?: boolean;
  };
}

/** What a refusal may carry beside its code and message, for the client to act on or to word it. */
export interface ErrorExtra {
  /** With `proof_of_work_required`: the challenge to solve. */
  challenge?: unknown;
  /** How many things the refusal is about (e.g. `flagged_unreviewed`), for the UI's own wording. */
  count?: number;
  /** With `invalid_settings` and `setting_moved`: each problem with its path and a stable code, to show beside its field. */
  problems?: readonly unknown[];
  /** With `problem_wrong_state`: the problem's state now (someone else may have moved it). */
  state?: string;
  /** With `campaign_closed` on a respondent's page: whether its results are published (at /p/{slug}). */
  published?: boolean;
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

/**
 * Every `code` an error answer can carry, in one list: the pages word each in the UI's language
 * (client/src/shared/error-text.ts, typed by this list, so a code without Chinese words does not compile),
 * and test/structure/message-codes.test.ts fails on a code the server throws that is not listed here.
 */
export const ERROR_CODES = [
  'account_disabled',
  'archive_unpublished',
  'bad_request',
  'ballots_not_reviewable',
  'campaign_closed',
  'campaign_frozen',
  'campaign_incomplete',
  'campaign_not_active',
  'campaign_not_closed',
  'campaign_not_started',
  'campaign_settings_invalid',
  'cannot_disable_self',
  'category_code_taken',
  'category_in_use',
  'category_not_in_scope',
  'client_aborted',
  'client_not_built',
  'code_not_found',
  'code_spent',
  'code_voided',
  'cross_site_request',
  'database_unavailable',
  'deadline_not_later',
  'definition_too_large',
  'empty_file',
  'evidence_empty',
  'evidence_too_large',
  'evidence_too_many',
  'evidence_type_refused',
  'evidence_unavailable',
  'evidence_unreadable',
  'file_too_large',
  'fix_already_rated',
  'flagged_unreviewed',
  'followup_not_found',
  'followup_not_ratable',
  'forbidden',
  'hotline_problem_not_handed_off',
  'hotline_problem_unknown',
  'inactive_parent',
  'inbox_already_answered',
  'inbox_wrong_status',
  'integration_name_taken',
  'integration_secret_invalid',
  'internal_error',
  'invalid_answers',
  'invalid_credentials',
  'invalid_definition',
  'invalid_host',
  'invalid_notice',
  'invalid_parent_level',
  'invalid_mobile',
  'invalid_phone',
  'invalid_rater_types',
  'invalid_request',
  'invalid_rows',
  'invalid_settings',
  'invalid_token_request',
  'invalid_transition',
  'invalid_units',
  'invalid_week',
  'invalid_window',
  'merge_target_invalid',
  'method_not_allowed',
  'no_units_in_scope',
  'not_found',
  'not_published',
  'note_required',
  'one_time_password_expired',
  'open_rating_disabled',
  'parent_required',
  'password_change_required',
  'payload_too_large',
  'problem_incomplete',
  'problem_not_editable',
  'problem_report_too_long',
  'problem_wrong_state',
  'proof_of_work_required',
  'public_url_missing',
  'publication_conflict',
  'questionnaire_changed',
  'rater_type_not_in_campaign',
  'rating_limit_reached',
  'results_after_close',
  'results_mismatch',
  'results_published',
  'review_filter_too_narrow',
  'review_set_changed',
  'review_set_too_large',
  'scoring_settings_invalid',
  'scoring_settings_missing',
  'setting_moved',
  'slug_taken',
  'sms_not_configured',
  'sms_template_missing',
  'sub_units_conflict',
  'title_required',
  'token_invalid',
  'too_many_codes',
  'too_many_requests',
  'too_many_rows',
  'tree_cycle',
  'unauthorized',
  'unit_code_frozen',
  'unit_code_taken',
  'unit_has_sub_units',
  'unit_in_use',
  'unit_not_found',
  'unit_not_in_campaign',
  'unit_required',
  'unknown_campaign',
  'unknown_category',
  'unknown_parent',
  'unknown_problem_type',
  'unreadable_file',
  'unsupported_format',
  'unsupported_media_type',
  'username_taken',
  'version_conflict',
  'weak_password',
  'webhook_delivery_pending',
  'webhook_url_refused',
  'week_in_future',
  'weekly_progress_required',
  'weekly_report_submitted',
  'feedback_not_expected',
  'not_team_member',
  'unknown_cadre',
  'unknown_team',
  'visit_conflict',
  'visit_edit_closed',
  'visit_in_future',
  'visit_problem_answered',
  'visit_problem_not_accepted',
  'visit_target_outside',
  'credit_code_taken',
  'household_label_taken',
  'invalid_credit_code',
  'not_a_township',
  'team_name_taken',
  'unknown_user',
  'unknown_village',
  'village_name_taken',
  'village_not_in_township',
  'visit_target_in_use',
  'wrong_password',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
