// A tiny campaign with hand-countable ballots, written straight into the database through the same
// repository function the ballot service uses (so the migration's triggers run as in production).
import { randomUUID } from 'node:crypto';
import { SUPERIOR_TEMPLATE } from '../../surveys/templates/superior.ts';
import { RECIPIENT_TEMPLATE } from '../../surveys/templates/recipient.ts';
import { ensureFirstAdmin } from '../../server/auth/auth.service.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { insertUser } from '../../server/auth/users.repository.ts';
import { cardsOf, insertCards } from '../../server/ballots/ballot-cards.ts';
import { addBallotCounts, insertBallot, setBallotReview } from '../../server/ballots/ballots.repository.ts';
import type { Db } from '../../server/db/database.ts';
import type { CampaignStatus } from '../../server/db/schema.ts';
import { signIn } from '../support/sign-in.ts';

let sequence = 0;

export interface TinyCampaign {
  id: number;
  slug: string;
  /** Unit ids by code: U1–U3 in a ranked category, U4 in an unranked one. */
  units: Record<'U1' | 'U2' | 'U3' | 'U4', number>;
  questionnaires: Record<'superior' | 'recipient', number>;
}

export const TINY_SCORING = {
  weights: { superior: 0.4, peer: 0, recipient: 0.6 },
  grading: {
    bands: [
      { grade: '满意', minScore: 85 },
      { grade: '比较满意', minScore: 75 },
      { grade: '基本满意', minScore: 60 },
      { grade: '不满意', minScore: 0 },
    ],
  },
};

/** Superiors need 2 ballots to show, recipients 3 (the anonymity thresholds). */
export async function createTinyCampaign(db: Db, status: CampaignStatus = 'open'): Promise<TinyCampaign> {
  const n = ++sequence;
  const now = new Date().toISOString();
  const category = async (code: string, ranked: 0 | 1) =>
    (
      await db
        .insertInto('categories')
        .values({
          code: `${code}-${n}-${randomUUID().slice(0, 6)}`,
          name: code,
          name_en: code,
          ranked,
          sort_order: ranked ? 0 : 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const ranked = await category('ranked', 1);
  const unranked = await category('unranked', 0);
  const units = {} as TinyCampaign['units'];
  for (const [index, code] of (['U1', 'U2', 'U3', 'U4'] as const).entries()) {
    const row = await db
      .insertInto('units')
      .values({
        code: `${code}-${n}-${randomUUID().slice(0, 6)}`,
        name: `单位${code}`,
        name_en: `Unit ${code}`,
        parent_id: null,
        level: 'department',
        category_id: code === 'U4' ? unranked : ranked,
        sort_order: index,
        active: 1,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    units[code] = row.id;
  }
  const questionnaire = async (raterType: 'superior' | 'recipient', definition: object) =>
    (
      await db
        .insertInto('questionnaires')
        .values({
          family: `${raterType}-${n}-${randomUUID()}`,
          version: 1,
          rater_type: raterType,
          title: raterType,
          definition: JSON.stringify(definition),
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const questionnaires = {
    superior: await questionnaire('superior', SUPERIOR_TEMPLATE),
    recipient: await questionnaire('recipient', RECIPIENT_TEMPLATE),
  };
  const slug = `tiny-${n}-${randomUUID().slice(0, 8)}`;
  const campaign = await db
    .insertInto('campaigns')
    .values({
      slug,
      name: `小型评议${n}`,
      name_en: `Tiny ${n}`,
      status,
      starts_at: now,
      ends_at: now,
      // The scope is the one home of the ranked choice: U4's category is rated, not ranked.
      settings: JSON.stringify({ scoring: TINY_SCORING, scope: { unrankedCategoryIds: [unranked] } }),
      created_at: now,
      opened_at: now,
      closed_at: status === 'open' ? null : now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('campaign_units')
    .values(
      Object.values(units).map((unitId, index) => ({
        campaign_id: campaign.id,
        unit_id: unitId,
        category_id: index === 3 ? unranked : ranked,
      })),
    )
    .execute();
  await db
    .insertInto('campaign_rater_types')
    .values([
      { campaign_id: campaign.id, rater_type: 'superior', questionnaire_id: questionnaires.superior, min_count: 2 },
      { campaign_id: campaign.id, rater_type: 'recipient', questionnaire_id: questionnaires.recipient, min_count: 3 },
    ])
    .execute();
  return { id: campaign.id, slug, units, questionnaires };
}

export type Ratings = ReadonlyArray<readonly [unitId: number, item: string, points: number]>;

/**
 * Stores one ballot with its ratings (a "don't know" answer is simply no rating) as the server does: a
 * recipient's as a ballot row with its card, returning its id; a superior's as unlinked cards and a count,
 * as the mixer writes them (decision 011), returning null.
 */
export async function addBallot(
  db: Db,
  campaign: TinyCampaign,
  raterType: 'superior' | 'recipient',
  ratings: Ratings,
  comment = '',
): Promise<string | null> {
  const cards = cardsOf(ratings.map(([unitId, item, points]) => ({ unitId, item, points })));
  if (raterType !== 'recipient') {
    await insertCards(db, campaign.id, raterType, cards);
    await addBallotCounts(db, campaign.id, raterType, 1, cards.length > 0 ? 1 : 0);
    return null;
  }
  const id = randomUUID();
  await insertBallot(
    db,
    {
      id,
      campaign_id: campaign.id,
      rater_type: raterType,
      questionnaire_id: campaign.questionnaires[raterType],
      target_unit_id: ratings[0]![0],
      receipt: randomUUID().slice(0, 10),
      submission_hash: randomUUID(),
      submitted_hour: '2026-11-22T08:00:00Z',
      answers: JSON.stringify({ comment }),
      flags: null,
      review_status: null,
    },
    cards[0] ?? null,
  );
  return id;
}

/** What the office does to a ballot it excludes after review: its ratings stop counting. */
export async function excludeBallot(db: Db, ballotId: string): Promise<void> {
  const ballot = await db
    .selectFrom('ballots')
    .select(['campaign_id', 'target_unit_id'])
    .where('id', '=', ballotId)
    .executeTakeFirstOrThrow();
  await db
    .transaction()
    .execute((trx) =>
      setBallotReview(trx, { id: ballotId, campaignId: ballot.campaign_id, unitId: ballot.target_unit_id }, 'excluded'),
    );
}

/**
 * The hand-counted ballots (points per the default templates):
 * superiors rate every unit's `overall` grade; recipients rate one unit's `attitude` and `overall`.
 */
export async function addTinyBallots(db: Db, campaign: TinyCampaign): Promise<{ excluded: string }> {
  const { U1, U2, U3, U4 } = campaign.units;
  await addBallot(db, campaign, 'superior', [
    [U1, 'overall', 100],
    [U2, 'overall', 80],
    [U3, 'overall', 60],
    [U4, 'overall', 80],
  ]);
  await addBallot(db, campaign, 'superior', [
    [U1, 'overall', 80],
    [U2, 'overall', 80],
    [U3, 'overall', 40],
    [U4, 'overall', 60],
  ]);
  const recipient = (unit: number, attitude: number, overall: number | null, comment = '') =>
    addBallot(
      db,
      campaign,
      'recipient',
      overall === null
        ? [[unit, 'attitude', attitude]]
        : [
            [unit, 'attitude', attitude],
            [unit, 'overall', overall],
          ],
      comment,
    );
  await recipient(U1, 100, 100, '窗口人员王某态度很好');
  await recipient(U1, 80, 60);
  await recipient(U1, 100, null); // 不了解 on overall
  await recipient(U2, 60, 60);
  await recipient(U2, 80, 80);
  await recipient(U2, 100, 100);
  const excluded = (await recipient(U2, 0, 0, '刷票'))!;
  await recipient(U3, 0, 0, '办事拖拉，张三推诿');
  await recipient(U3, 30, 30);
  await recipient(U4, 60, 80);
  await recipient(U4, 60, 60);
  await recipient(U4, 100, 100);
  await excludeBallot(db, excluded);
  return { excluded };
}

const jsonHeaders = { 'content-type': 'application/json' };

type AppLike = { request(path: string, init?: RequestInit): Response | Promise<Response> };

export { signIn };

/** Session cookies of an administrator and of a leader (a signed-in user who is not an admin). */
export async function signInAdminAndLeader(db: Db, app: AppLike): Promise<{ admin: string; leader: string }> {
  const created = await ensureFirstAdmin({ db }, new Date());
  const adminName = created?.username ?? `admin-${++sequence}`;
  let adminPassword = created?.password;
  if (!adminPassword) {
    adminPassword = `pw-${randomUUID()}`;
    await insertUser(db, {
      username: adminName,
      displayName: 'admin',
      role: 'admin',
      unitId: null,
      passwordHash: await hashPassword(adminPassword),
      mustChangePassword: false,
      createdAt: new Date().toISOString(),
    });
  }
  const leaderName = `leader-${++sequence}-${randomUUID().slice(0, 6)}`;
  const leaderPassword = `pw-${randomUUID()}`;
  await insertUser(db, {
    username: leaderName,
    displayName: 'leader',
    role: 'leader',
    unitId: null,
    passwordHash: await hashPassword(leaderPassword),
    mustChangePassword: false,
    createdAt: new Date().toISOString(),
  });
  return { admin: await signIn(app, adminName, adminPassword), leader: await signIn(app, leaderName, leaderPassword) };
}

export function postJson(app: AppLike, path: string, cookie: string | null, body: unknown = {}): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: cookie ? { ...jsonHeaders, cookie } : jsonHeaders,
      body: JSON.stringify(body),
    }),
  );
}
