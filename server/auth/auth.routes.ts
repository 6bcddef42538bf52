import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { createSignInRoutes } from './sign-in.routes.ts';
import { createUserRoutes } from './users.routes.ts';

/** Accounts: /auth/* (sign in and out, the password) and /users (the office's accounts). */
export function createAuthRoutes(deps: AppDeps) {
  return createRouter().route('/', createSignInRoutes(deps)).route('/', createUserRoutes(deps));
}
