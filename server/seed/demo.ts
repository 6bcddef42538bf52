import { PEER_TEMPLATE } from '../../surveys/templates/peer.ts';
import { RECIPIENT_TEMPLATE } from '../../surveys/templates/recipient.ts';
import { SUPERIOR_TEMPLATE } from '../../surveys/templates/superior.ts';
import { RATER_TYPES, type RaterType } from '../../scoring/rater-type.ts';
import { insertUser } from '../auth/users.repository.ts';
import { composeSettingsJson } from '../campaigns/campaign-settings.ts';
import {
  insertDraftCampaign,
  replaceCampaignRaterTypes,
  replaceCampaignUnits,
  transitionStatus,
} from '../campaigns/campaigns.repository.ts';
import { insertCategory, insertUnit } from '../catalog/catalog.repository.ts';
import type { Transaction } from 'kysely';
import type { Database, UnitLevel } from '../db/schema.ts';
import { insertQuestionnaire } from '../questionnaires/questionnaires.repository.ts';
import { issueDemoCodes } from './demo-codes.ts';
import { seedDemoBallots } from './demo-ballots.ts';
import { DEMO_SETTINGS } from './demo-settings.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import type { Db } from '../db/database.ts';
import { DEMO_CATEGORIES, DEMO_DEPARTMENTS, DEMO_LEADERS } from './demo-city.ts';
import { makeDemoPasswords, type DemoPasswords } from './demo-accounts.ts';
import { seedDemoLedger, type DemoLedgerSummary } from './demo-ledger.ts';
import { loadDemoEvidence, type DemoEvidence } from './demo-evidence.ts';
import type { EvidenceStore } from '../evidence/evidence-store.ts';

export const DEMO_CAMPAIGN_SLUG = 'demo-2026';
const DAY_MS = 24 * 60 * 60 * 1000;
/** The demo campaign opened three weeks ago: long enough for inbox items past their answer window. */
const OPEN_DAYS = 21;

export interface SeedSummary extends DemoLedgerSummary {
  units: number;
  leaders: number;
  ballots: number;
}

/**
 * Seeds the demo city and an open campaign, only when the database holds no units and no campaigns. The
 * demo's evidence photos go into `evidence`, the store the app serves them from.
 */
export async function seedDemoIfEmpty(
  db: Db,
  now: Date,
  secret: string,
  evidence: EvidenceStore,
): Promise<SeedSummary | null> {
  const existing = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .unionAll(db.selectFrom('campaigns').select((eb) => eb.fn.countAll<number>().as('n')))
    .execute();
  if (existing.some((row) => Number(row.n) > 0)) return null;
  // One transaction: a crash half-way leaves an empty database, which the next start seeds again.
  try {
    const passwords = makeDemoPasswords();
    const photos = await loadDemoEvidence(evidence);
    return await db.transaction().execute((trx) => seedDemo(trx, now, secret, passwords, photos));
  } catch (error) {
    // Another app server seeded the same empty database at the same moment; its seed stands.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

async function seedDemo(
  db: Transaction<Database>,
  now: Date,
  secret: string,
  passwords: Promise<DemoPasswords>,
  evidence: DemoEvidence,
): Promise<SeedSummary> {
  const createdAt = now.toISOString();
  const categoryIds = new Map<string, number>();
  const unrankedCategoryIds: number[] = [];
  for (const [index, [code, name, nameEn, ranked]] of DEMO_CATEGORIES.entries()) {
    const row = await insertCategory(db, { code, name, name_en: nameEn, ranked: ranked ? 1 : 0, sort_order: index });
    categoryIds.set(code, row.id);
    if (!ranked) unrankedCategoryIds.push(row.id);
  }

  const unit = (
    code: string,
    name: string,
    nameEn: string,
    level: UnitLevel,
    parentId: number | null,
    categoryId: number | null,
    sortOrder: number,
  ) =>
    insertUnit(db, {
      code,
      name,
      name_en: nameEn,
      level,
      parent_id: parentId,
      category_id: categoryId,
      sort_order: sortOrder,
      active: 1,
      created_at: createdAt,
    });
  const city = await unit('QX', '青溪市', 'Qingxi City', 'city', null, null, 0);
  const departments: { id: number; categoryId: number | null }[] = [];
  for (const [index, [code, name, nameEn, category]] of DEMO_DEPARTMENTS.entries()) {
    const categoryId = categoryIds.get(category) ?? null;
    const row = await unit(code, name, nameEn, 'department', city.id, categoryId, index + 1);
    departments.push({ id: row.id, categoryId });
  }
  const county = await unit('QX-YS', '云山县', 'Yunshan County', 'county', city.id, null, 100);
  await unit('QX-YS-T01', '桃源镇', 'Taoyuan Town', 'township', county.id, null, 101);

  for (const [username, displayName] of DEMO_LEADERS) {
    // '!' is no valid hash: leaders rate with access codes; they get passwords when an admin sets them.
    const leader = { username, displayName, role: 'leader' as const, unitId: null, passwordHash: '!' };
    await insertUser(db, { ...leader, mustChangePassword: true, createdAt });
  }

  const templates: Record<RaterType, [object, string]> = {
    superior: [SUPERIOR_TEMPLATE, '上级领导评议'],
    peer: [PEER_TEMPLATE, '同级部门评议'],
    recipient: [RECIPIENT_TEMPLATE, '服务对象满意度评议'],
  };
  const questionnaireIds = {} as Record<RaterType, number>;
  for (const [raterType, [definition, title]] of Object.entries(templates) as Array<[RaterType, [object, string]]>) {
    const family = `${raterType}-default`;
    const fields = { family, version: 1, raterType, title, definition: JSON.stringify(definition), createdAt };
    questionnaireIds[raterType] = await insertQuestionnaire(db, fields);
  }

  const startsAt = new Date(now.getTime() - OPEN_DAYS * DAY_MS).toISOString();
  const campaignId = await insertDraftCampaign(db, {
    slug: DEMO_CAMPAIGN_SLUG,
    name: '2026年度青溪市机关作风三评议（演示）',
    name_en: 'Qingxi City 2026 work-style evaluation (demo)',
    starts_at: startsAt,
    ends_at: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
    settings: composeSettingsJson(DEMO_SETTINGS, { unrankedCategoryIds }),
    created_at: createdAt,
  });
  await replaceCampaignUnits(
    db,
    campaignId,
    departments.map((d) => ({ unitId: d.id, categoryId: d.categoryId })),
  );
  const minimums: Record<RaterType, number> = { superior: 3, peer: 3, recipient: 5 };
  await replaceCampaignRaterTypes(
    db,
    campaignId,
    RATER_TYPES.map((raterType) => ({
      raterType,
      questionnaireId: questionnaireIds[raterType],
      minCount: minimums[raterType],
    })),
  );
  await transitionStatus(db, campaignId, ['draft'], 'open', { opened_at: startsAt });

  const departmentIds = departments.map((d) => d.id);
  await issueDemoCodes(db, secret, campaignId, departmentIds, createdAt);
  const units = DEMO_DEPARTMENTS.map(([code, name, nameEn], index) => ({
    id: departmentIds[index] as number,
    code,
    name,
    nameEn,
  }));
  const ballots = await seedDemoBallots(db, { campaignId, questionnaireIds, units }, now, OPEN_DAYS);
  const ledger = await seedDemoLedger(db, campaignId, now, await passwords, evidence);
  return { units: departmentIds.length + 3, leaders: DEMO_LEADERS.length, ballots, ...ledger };
}
