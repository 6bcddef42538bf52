import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import { AppError, notFound } from '../errors.ts';
import { integrationSecretHash, newIntegrationSecret } from './integration-secret.ts';
import {
  findIntegration,
  insertIntegration,
  listIntegrations,
  markDisabled,
  setSecretHash,
  type IntegrationRow,
} from './integrations.repository.ts';

// The office's integrations: made with a secret shown once, listed without it, disabled, re-keyed. The
// audit log names what was done to which integration, never the secret or its hash.

export interface IntegrationView {
  id: number;
  name: string;
  kind: 'hotline';
  createdAt: string;
  disabledAt: string | null;
  lastUsedAt: string | null;
}

export interface IssuedSecret {
  integration: IntegrationView;
  /** Shown this once: Pingyi keeps only its SHA-256. */
  secret: string;
}

export function integrationView(row: IntegrationRow): IntegrationView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    lastUsedAt: row.last_used_at,
  };
}

export async function integrations(deps: AppDeps): Promise<IntegrationView[]> {
  return (await listIntegrations(deps.db)).map(integrationView);
}

export async function createIntegration(
  deps: AppDeps,
  actorUserId: number,
  name: string,
  now: Date,
): Promise<IssuedSecret> {
  const secret = newIntegrationSecret();
  let id: number;
  try {
    id = await insertIntegration(deps.db, {
      name,
      secretHash: integrationSecretHash(secret),
      createdBy: actorUserId,
      now: now.toISOString(),
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(409, 'integration_name_taken', `An integration named "${name}" already exists.`);
    throw error;
  }
  await recordAudit(
    deps.db,
    { actorUserId, action: 'integration_created', entityType: 'integration', entityId: id, detail: { name } },
    now,
  );
  return { integration: integrationView((await findIntegration(deps.db, id))!), secret };
}

export async function rotateIntegration(
  deps: AppDeps,
  actorUserId: number,
  id: number,
  now: Date,
): Promise<IssuedSecret> {
  const row = await existing(deps, id);
  const secret = newIntegrationSecret();
  // The old hash is overwritten: from this statement on, the old secret finds nothing.
  await setSecretHash(deps.db, id, integrationSecretHash(secret));
  await recordAudit(
    deps.db,
    { actorUserId, action: 'integration_rotated', entityType: 'integration', entityId: id, detail: { name: row.name } },
    now,
  );
  return { integration: integrationView(row), secret };
}

export async function disableIntegration(
  deps: AppDeps,
  actorUserId: number,
  id: number,
  now: Date,
): Promise<IntegrationView> {
  const row = await existing(deps, id);
  if (row.disabled_at === null) {
    await markDisabled(deps.db, id, now.toISOString());
    await recordAudit(
      deps.db,
      {
        actorUserId,
        action: 'integration_disabled',
        entityType: 'integration',
        entityId: id,
        detail: { name: row.name },
      },
      now,
    );
  }
  return integrationView((await findIntegration(deps.db, id))!);
}

async function existing(deps: AppDeps, id: number): Promise<IntegrationRow> {
  const row = await findIntegration(deps.db, id);
  if (!row) throw notFound('The integration');
  return row;
}
