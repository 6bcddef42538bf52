import { randomUUID } from 'node:crypto';
import { prepareQuestionnaire } from '../../surveys/prepare.ts';
import { RECIPIENT_TEMPLATE } from '../../surveys/templates/recipient.ts';
import { randomCode, sha256Hex } from '../access/random-code.ts';
import { insertBallot } from '../ballots/ballots.repository.ts';
import { hourOf } from '../ballots/ballot.service.ts';
import type { Db } from '../db/database.ts';
import { demoRecipientAnswers, seededRandom } from './demo-answers.ts';
import { DEMO_CATEGORIES, DEMO_DEPARTMENTS, DEMO_LEADERS } from './demo-city.ts';

export const DEMO_CAMPAIGN_SLUG = 'demo-2026';
const DEMO_BALLOTS = 360;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SeedSummary {
  units: number;
  leaders: number;
  ballots: number;
}

/** Seeds the demo city and an open campaign, only when the database holds no units and no campaigns. */
export async function seedDemoIfEmpty(db: Db, now: Date): Promise<SeedSummary | null> {
  const existing = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .unionAll(db.selectFrom('campaigns').select((eb) => eb.fn.countAll<number>().as('n')))
    .execute();
  if (existing.some((row) => Number(row.n) > 0)) return null;
  // One transaction: a crash half-way leaves an empty database, which the next start seeds again.
  return db.transaction().execute((trx) => seedDemo(trx, now));
}

async function seedDemo(db: Db, now: Date): Promise<SeedSummary> {
  const createdAt = now.toISOString();
  const categoryIds = new Map<string, number>();
  for (const [index, [code, name, nameEn, ranked]] of DEMO_CATEGORIES.entries()) {
    const row = await db
      .insertInto('categories')
      .values({ code, name, name_en: nameEn, ranked: ranked ? 1 : 0, sort_order: index })
      .returning('id')
      .executeTakeFirstOrThrow();
    categoryIds.set(code, row.id);
  }

  const insertUnit = (code: string, name: string, nameEn: string, level: 'city' | 'county' | 'township' | 'department', parentId: number | null, categoryId: number | null, sortOrder: number) =>
    db
      .insertInto('units')
      .values({ code, name, name_en: nameEn, level, parent_id: parentId, category_id: categoryId, sort_order: sortOrder, active: 1, created_at: createdAt })
      .returning('id')
      .executeTakeFirstOrThrow();
  const city = await insertUnit('QX', '青溪市', 'Qingxi City', 'city', null, null, 0);
  const departmentIds: number[] = [];
  for (const [index, [code, name, nameEn, category]] of DEMO_DEPARTMENTS.entries()) {
    const unit = await insertUnit(code, name, nameEn, 'department', city.id, categoryIds.get(category) ?? null, index + 1);
    departmentIds.push(unit.id);
  }
  const county = await insertUnit('QX-YS', '云山县', 'Yunshan County', 'county', city.id, null, 100);
  await insertUnit('QX-YS-T01', '桃源镇', 'Taoyuan Town', 'township', county.id, null, 101);

  for (const [username, displayName] of DEMO_LEADERS) {
    // '!' is no valid hash: leaders rate with access codes; they get passwords when an admin sets them.
    await db
      .insertInto('users')
      .values({ username, display_name: displayName, role: 'leader', unit_id: null, password_hash: '!', must_change_password: 1, disabled: 0, created_at: createdAt })
      .execute();
  }

  const questionnaire = await db
    .insertInto('questionnaires')
    .values({ family: 'recipient-default', version: 1, rater_type: 'recipient', title: '服务对象满意度评议', definition: JSON.stringify(RECIPIENT_TEMPLATE), created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();

  const campaign = await db
    .insertInto('campaigns')
    .values({
      slug: DEMO_CAMPAIGN_SLUG,
      name: '2026年度青溪市机关作风三评议（演示）',
      name_en: 'Qingxi City 2026 work-style evaluation (demo)',
      status: 'open',
      starts_at: new Date(now.getTime() - 7 * DAY_MS).toISOString(),
      ends_at: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
      settings: JSON.stringify({ weights: { superior: 0.3, peer: 0.2, recipient: 0.5 } }),
      created_at: createdAt,
      opened_at: createdAt,
      closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('campaign_units')
    .values(DEMO_DEPARTMENTS.map(([, , , category], index) => ({ campaign_id: campaign.id, unit_id: departmentIds[index] as number, category_id: categoryIds.get(category) ?? null })))
    .execute();
  await db.insertInto('campaign_rater_types').values({ campaign_id: campaign.id, rater_type: 'recipient', questionnaire_id: questionnaire.id, min_count: 5 }).execute();

  const ballots = await seedRecipientBallots(db, campaign.id, questionnaire.id, departmentIds, now);
  return { units: departmentIds.length + 3, leaders: DEMO_LEADERS.length, ballots };
}

/** Generated ballots go through the same validation as real ones, so the demo's figures are honest. */
async function seedRecipientBallots(db: Db, campaignId: number, questionnaireId: number, unitIds: number[], now: Date): Promise<number> {
  const random = seededRandom(20261122);
  const quality = unitIds.map(() => 0.35 + random() * 0.6);
  const prepared = new Map(unitIds.map((unitId) => [unitId, prepareQuestionnaire(RECIPIENT_TEMPLATE, { targetUnitId: unitId })]));
  for (let i = 0; i < DEMO_BALLOTS; i += 1) {
    const index = Math.floor(random() * unitIds.length);
    const unitId = unitIds[index] as number;
    const checked = prepared.get(unitId)!.validate(demoRecipientAnswers(random, quality[index] as number));
    if (!checked.ok) throw new Error(`Demo ballot failed validation: ${JSON.stringify(checked.errors)}`);
    const id = randomUUID();
    const submittedAt = new Date(now.getTime() - random() * 6 * DAY_MS);
    await insertBallot(
      db,
      {
        id,
        campaign_id: campaignId,
        rater_type: 'recipient',
        questionnaire_id: questionnaireId,
        target_unit_id: unitId,
        receipt: randomCode(10),
        submission_hash: sha256Hex(randomUUID()),
        submitted_hour: hourOf(submittedAt),
        answers: JSON.stringify(checked.answers),
        flags: null,
      },
      checked.ratings.map((r) => ({ ballot_id: id, campaign_id: campaignId, rater_type: 'recipient' as const, unit_id: r.unitId, item: r.item, points: r.points })),
    );
  }
  return DEMO_BALLOTS;
}
