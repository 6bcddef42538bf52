import { z } from '@hono/zod-openapi';

/** The one error shape, documented once and referenced by every route. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string().openapi({ example: 'body.answers: Required' }),
      challenge: z
        .unknown()
        .optional()
        .openapi({ description: 'With proof_of_work_required: the ALTCHA challenge to solve and send back' }),
      count: z
        .number()
        .optional()
        .openapi({ description: 'With flagged_unreviewed: how many flagged ballots are still undecided' }),
      problems: z
        .array(z.unknown())
        .optional()
        .openapi({
          description:
            'With campaign_incomplete, invalid_answers, invalid_definition, scoring_settings_invalid and invalid_settings: ' +
            'each problem with a stable `code` (and its `params`) for a client to word in its own language',
        }),
    }),
  })
  .openapi('Error');

export function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: ErrorSchema } } };
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** Ids are 32-bit integer columns: a larger number must be a 400 here, not a database error. */
export const IdParam = z.coerce
  .number()
  .int()
  .positive()
  .max(2_147_483_647)
  .openapi({ param: { in: 'path' }, example: 1 });

/** Refusals every admin route can give before its handler runs. */
export const ADMIN_ERRORS = {
  401: errorResponse('Not signed in'),
  403: errorResponse('Signed in without the admin role, or a cross-site request'),
} as const;

/** Refusals every admin write with a JSON body can give before its handler runs. */
export const WRITE_ERRORS = {
  ...ADMIN_ERRORS,
  400: errorResponse('The body is not valid JSON or breaks the schema (unknown keys included)'),
  413: errorResponse('The body is larger than 1 MB'),
  415: errorResponse('A signed-in write that is not application/json'),
} as const;

/** How deep a JSON value from a client may nest: SurveyJS answers and definitions need fewer than ten. */
export const MAX_JSON_DEPTH = 32;

/** True when no array or object in the value is nested more than `max` levels deep (checked without recursion). */
export function nestsAtMost(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) return false;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return true;
}

/** A JSON object from a client whose values are checked later (answers, definitions), nested at most MAX_JSON_DEPTH. */
export const JsonObjectSchema = z
  .record(z.string(), z.unknown())
  .refine((value) => nestsAtMost(value, MAX_JSON_DEPTH), `is nested more than ${MAX_JSON_DEPTH} levels deep`);
