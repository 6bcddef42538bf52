import { ensureFirstAdmin } from '../../server/auth/auth.service.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { insertUser } from '../../server/auth/users.repository.ts';
import type { CampaignStatus } from '../../server/db/schema.ts';
import type { RaterType } from '../../scoring/rater-type.ts';
import { createTestApp } from '../support/test-app.ts';
import type { TestDatabase } from '../support/test-db.ts';
import { signIn } from '../support/sign-in.ts';

/** Helpers for the questionnaire API tests: a signed-in admin and a leader, and factories for rows. */

type App = ReturnType<typeof createTestApp>['app'];

const login = (app: App, username: string, password: string) => signIn(app, username, password);

export interface Client {
  app: App;
  /** JSON request with the admin's session cookie; a string body is sent as is. */
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  /** The same, as a signed-in leader (not an admin). */
  leader(method: string, path: string, body?: unknown): Promise<Response>;
}

export async function signedInClient(database: TestDatabase): Promise<Client> {
  const { app } = createTestApp(database);
  const admin = await ensureFirstAdmin({ db: database.db }, new Date());
  if (!admin) throw new Error('an admin already exists in this test database');
  const adminCookie = await login(app, admin.username, admin.password);
  const leaderPassword = 'leader-password-123';
  await insertUser(database.db, {
    username: 'leader-q',
    displayName: '市领导',
    role: 'leader',
    unitId: null,
    passwordHash: await hashPassword(leaderPassword),
    mustChangePassword: false,
    createdAt: new Date().toISOString(),
  });
  const leaderCookie = await login(app, 'leader-q', leaderPassword);
  const as = (cookie: string) => async (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { app, admin: as(adminCookie), leader: as(leaderCookie) };
}

let campaignCount = 0;

/** A campaign in the given status answering the questionnaire version, written straight to the database. */
export async function campaignUsing(
  database: TestDatabase,
  questionnaireId: number,
  raterType: RaterType,
  status: CampaignStatus,
): Promise<number> {
  campaignCount += 1;
  const now = new Date();
  const campaign = await database.db
    .insertInto('campaigns')
    .values({
      slug: `q-test-${campaignCount}-${now.getTime()}`,
      name: `测试活动 ${campaignCount}`,
      name_en: `Test campaign ${campaignCount}`,
      status,
      starts_at: new Date(now.getTime() - 86_400_000).toISOString(),
      ends_at: new Date(now.getTime() + 86_400_000).toISOString(),
      settings: '{}',
      created_at: now.toISOString(),
      opened_at: status === 'draft' ? null : now.toISOString(),
      closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('campaign_rater_types')
    .values({ campaign_id: campaign.id, rater_type: raterType, questionnaire_id: questionnaireId, min_count: 3 })
    .execute();
  return campaign.id;
}

export async function storedDefinitionText(database: TestDatabase, id: number): Promise<string | undefined> {
  const row = await database.db
    .selectFrom('questionnaires')
    .select('definition')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.definition;
}

/** A small recipient questionnaire: one scored radio question and a comment. */
export function recipientDefinition(title = '窗口服务评价'): Record<string, unknown> {
  return {
    title,
    pages: [
      {
        name: 'p1',
        elements: [
          {
            type: 'radiogroup',
            name: 'satisfaction',
            title: '满意度',
            isRequired: true,
            pyScored: true,
            pyItem: 'overall',
            choices: [
              { value: 'good', text: '满意', pyPoints: 100 },
              { value: 'fair', text: '基本满意', pyPoints: 70 },
              { value: 'bad', text: '不满意', pyPoints: 30 },
              { value: 'unknown', text: '不了解', pyNotCounted: true },
            ],
          },
          { type: 'comment', name: 'comment', title: '意见', maxLength: 200 },
        ],
      },
    ],
  };
}
