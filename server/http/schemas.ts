import { z } from '@hono/zod-openapi';

/** The one error shape, documented once and referenced by every route. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string().openapi({ example: 'body.answers: Required' }),
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
