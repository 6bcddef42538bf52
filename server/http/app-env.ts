import type { UserRole } from '../db/schema.ts';

/** The signed-in user, as every handler sees it. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  unitId: number | null;
  mustChangePassword: boolean;
  sessionId: string;
}

/**
 * Hono environment shared by every sub-app. `session` is the live session, if any; `user` is the same
 * account only once it may act: null for anonymous requests and while a one-time password waits to be
 * changed (such a session may only read itself, change its password and sign out).
 */
export interface AppEnv {
  Variables: { user: SessionUser | null; session: SessionUser | null };
}
