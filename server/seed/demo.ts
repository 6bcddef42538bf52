import { PEER_TEMPLATE } from '../../surveys/templates/peer.ts';
import { RECIPIENT_TEMPLATE } from '../../surveys/templates/recipient.ts';
import { SUPERIOR_TEMPLATE } from '../../surveys/templates/superior.ts';
import type { RaterType } from '../../scoring/rater-type.ts';
import { issueDemoCodes } from './demo-codes.ts';
import { seedDemoBallots } from './demo-ballots.ts';
import { DEMO_SETTINGS } from './demo-settings.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import type { Db } from '../db/database.ts';
import { DEMO_CATEGORIES, DEMO_DEPARTMENTS, DEMO_LEADERS } from './demo-city.ts';

export const DEMO_CAMPAIGN_SLUG = 'demo-2026';
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SeedSummary {
  units: number;
  leaders: number;
  ballots: number;
}

/** Seeds the demo city and an open campaign, only when the database holds no units and no campaigns. */
export async function seedDemoIfEmpty(db: Db, now: Date, secret: string): Promise<SeedSummary | null> {
  const existing = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .unionAll(db.selectFrom('campaigns').select((eb) => eb.fn.countAll<number>().as('n')))
    .execute();
  if (existing.some((row) => Number(row.n) > 0)) return null;
  // One transaction: a crash half-way leaves an empty database, which the next start seeds again.
  try {
    return await db.transaction().execute((trx) => seedDemo(trx, now, secret));
  } catch (error) {
    // Another app server seeded the same empty database at the same moment; its seed stands.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

async function seedDemo(db: Db, now: Date, secret: string): Promise<SeedSummary> {
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

  const insertUnit = (
    code: string,
    name: string,
    nameEn: string,
    level: 'city' | 'county' | 'township' | 'department',
    parentId: number | null,
    categoryId: number | null,
    sortOrder: number,
  ) =>
    db
      .insertInto('units')
      .values({
        code,
        name,
        name_en: nameEn,
        level,
        parent_id: parentId,
        category_id: categoryId,
        sort_order: sortOrder,
        active: 1,
        created_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const city = await insertUnit('QX', '青溪市', 'Qingxi City', 'city', null, null, 0);
  const departmentIds: number[] = [];
  for (const [index, [code, name, nameEn, category]] of DEMO_DEPARTMENTS.entries()) {
    const unit = await insertUnit(
      code,
      name,
      nameEn,
      'department',
      city.id,
      categoryIds.get(category) ?? null,
      index + 1,
    );
    departmentIds.push(unit.id);
  }
  const county = await insertUnit('QX-YS', '云山县', 'Yunshan County', 'county', city.id, null, 100);
  await insertUnit('QX-YS-T01', '桃源镇', 'Taoyuan Town', 'township', county.id, null, 101);

  for (const [username, displayName] of DEMO_LEADERS) {
    // '!' is no valid hash: leaders rate with access codes; they get passwords when an admin sets them.
    await db
      .insertInto('users')
      .values({
        username,
        display_name: displayName,
        role: 'leader',
        unit_id: null,
        password_hash: '!',
        must_change_password: 1,
        disabled: 0,
        created_at: createdAt,
      })
      .execute();
  }

  const templates: Record<RaterType, [object, string]> = {
    superior: [SUPERIOR_TEMPLATE, '上级领导评议'],
    peer: [PEER_TEMPLATE, '同级部门评议'],
    recipient: [RECIPIENT_TEMPLATE, '服务对象满意度评议'],
  };
  const questionnaireIds = {} as Record<RaterType, number>;
  for (const [raterType, [definition, title]] of Object.entries(templates) as Array<[RaterType, [object, string]]>) {
    const row = await db
      .insertInto('questionnaires')
      .values({
        family: `${raterType}-default`,
        version: 1,
        rater_type: raterType,
        title,
        definition: JSON.stringify(definition),
        created_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    questionnaireIds[raterType] = row.id;
  }

  const campaign = await db
    .insertInto('campaigns')
    .values({
      slug: DEMO_CAMPAIGN_SLUG,
      name: '2026年度青溪市机关作风三评议（演示）',
      name_en: 'Qingxi City 2026 work-style evaluation (demo)',
      status: 'open',
      starts_at: new Date(now.getTime() - 7 * DAY_MS).toISOString(),
      ends_at: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
      settings: JSON.stringify(DEMO_SETTINGS),
      created_at: createdAt,
      opened_at: createdAt,
      closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('campaign_units')
    .values(
      DEMO_DEPARTMENTS.map(([, , , category], index) => ({
        campaign_id: campaign.id,
        unit_id: departmentIds[index] as number,
        category_id: categoryIds.get(category) ?? null,
      })),
    )
    .execute();
  const minimums: Record<RaterType, number> = { superior: 3, peer: 3, recipient: 5 };
  for (const raterType of ['superior', 'peer', 'recipient'] as const) {
    await db
      .insertInto('campaign_rater_types')
      .values({
        campaign_id: campaign.id,
        rater_type: raterType,
        questionnaire_id: questionnaireIds[raterType],
        min_count: minimums[raterType],
      })
      .execute();
  }

  await issueDemoCodes(db, secret, campaign.id, departmentIds, createdAt);
  const units = DEMO_DEPARTMENTS.map(([code, name, nameEn], index) => ({
    id: departmentIds[index] as number,
    code,
    name,
    nameEn,
  }));
  const ballots = await seedDemoBallots(db, { campaignId: campaign.id, questionnaireIds, units }, now);
  return { units: departmentIds.length + 3, leaders: DEMO_LEADERS.length, ballots };
}
