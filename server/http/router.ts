import { OpenAPIHono } from '@hono/zod-openapi';
import { validationHook } from '../errors.ts';
import type { AppEnv } from './app-env.ts';

/** Every sub-app is made here so that schema failures answer in the one error shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
