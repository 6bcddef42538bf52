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

/** Hono environment shared by every sub-app. `user` is null for anonymous requests. */
export interface AppEnv {
  Variables: { user: SessionUser | null };
}
