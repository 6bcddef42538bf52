// Issue 19's proof: a publication explains itself. Two schemes (8 and 14 units: per-category weights, a
// 25% quota with a tie at its boundary, a veto, a superior group below its minimum whose weight went to the
// recipients, ballots that answered only 不了解 and one excluded after review) are published through the
// API; then every composite is recomputed from the published JSON alone — and again from the Excel export
// — and must match to 0.01, and every rank and grade must follow from the published numbers and rules.
// Nothing below the fetch reads the database.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { insertBallot } from '../../server/ballots/ballots.repository.ts';
import type { Db } from '../../server/db/database.ts';
import { RECIPIENT_TEMPLATE } from '../../surveys/templates/recipient.ts';
import { SUPERIOR_TEMPLATE } from '../../surveys/templates/superior.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import {
  addBallot,
  excludeBallot,
  postJson,
  signInAdminAndLeader,
  type TinyCampaign,
} from '../server/results-factory.ts';

const BANDS = [
  { grade: '满意', minScore: 85 },
  { grade: '比较满意', minScore: 75 },
  { grade: '基本满意', minScore: 60 },
  { grade: '不满意', minScore: 0 },
];
const WEIGHTS = { superior: 0.4, peer: 0, recipient: 0.6 };
const SMALL_CATEGORY_WEIGHTS = { superior: 0.3, peer: 0, recipient: 0.7 };
const QUOTA_SHARE = 0.25;

interface Scheme {
  campaign: TinyCampaign;
  unitIds: number[];
  /** Recipient ballots written, per unit: all, the ones with no rating, the excluded one. */
  recipients: Map<number, { received: number; onlyDontKnow: number; excluded: number }>;
}

let sequence = 0;

/**
 * A closed campaign of `size` units: the last two in a small category with its own weights, the rest in
 * a large one. Units 0, 2, 4 … (one more than the quota allows) score 100 and tie at the top; unit 1 has
 * one superior only (minimum 2); unit 3 is vetoed.
 */
async function createScheme(db: Db, size: number): Promise<Scheme> {
  const n = ++sequence;
  const now = new Date().toISOString();
  const tag = `${n}-${randomUUID().slice(0, 6)}`;
  const category = async (code: string, order: number) =>
    (
      await db
        .insertInto('categories')
        .values({ code: `${code}-${tag}`, name: `${code}类`, name_en: code, ranked: 1, sort_order: order })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const large = await category('large', 0);
  const small = await category('small', 1);
  const unitIds: number[] = [];
  for (let i = 0; i < size; i++) {
    const row = await db
      .insertInto('units')
      .values({
        code: `R${i}-${tag}`,
        name: `单位${i}`,
        name_en: `Unit ${i}`,
        parent_id: null,
        level: 'department',
        category_id: i >= size - 2 ? small : large,
        sort_order: i,
        active: 1,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    unitIds.push(row.id);
  }
  const questionnaire = async (raterType: 'superior' | 'recipient', definition: object) =>
    (
      await db
        .insertInto('questionnaires')
        .values({
          family: `${raterType}-${tag}`,
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
  const slug = `recompute-${tag}`;
  const scoring = {
    weights: WEIGHTS,
    categories: [{ categoryId: small, weights: SMALL_CATEGORY_WEIGHTS }],
    grading: { bands: BANDS, quotas: [{ grade: '满意', maxShare: QUOTA_SHARE }], boundaryTies: 'exclude' },
    vetoes: [{ unitId: unitIds[3]!, reason: '发生重大安全责任事故' }],
  };
  const campaign = await db
    .insertInto('campaigns')
    .values({
      slug,
      name: `核算评议${n}`,
      name_en: `Recompute ${n}`,
      status: 'closed',
      starts_at: now,
      ends_at: now,
      settings: JSON.stringify({ scoring }),
      created_at: now,
      opened_at: now,
      closed_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('campaign_units')
    .values(
      unitIds.map((unitId, i) => ({
        campaign_id: campaign.id,
        unit_id: unitId,
        category_id: i >= size - 2 ? small : large,
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
  const tiny = { id: campaign.id, slug, units: {}, questionnaires } as unknown as TinyCampaign;
  const scheme: Scheme = { campaign: tiny, unitIds, recipients: new Map() };
  await addBallots(db, scheme, size);
  return scheme;
}

const POINTS = [100, 80, 60, 0];

async function addBallots(db: Db, scheme: Scheme, size: number): Promise<void> {
  const { campaign, unitIds } = scheme;
  const tied = new Set(Array.from({ length: Math.floor(QUOTA_SHARE * (size - 2)) + 1 }, (_, k) => 2 * k));
  for (let s = 0; s < 3; s++) {
    const ratings = unitIds.flatMap((unitId, i): [number, string, number][] => {
      if (i === 1 && s > 0) return []; // 不了解: unit 1 keeps one superior, below the minimum of 2
      return [[unitId, 'overall', tied.has(i) ? 100 : POINTS[(i * 7 + s * 3) % 3]!]];
    });
    await addBallot(db, campaign, 'superior', ratings);
  }
  for (const [i, unitId] of unitIds.entries()) {
    const counts = { received: 0, onlyDontKnow: 0, excluded: 0 };
    const ballots = 3 + (i % 3);
    for (let b = 0; b < ballots; b++) {
      const attitude = tied.has(i) ? 100 : POINTS[(i + b) % 4]!;
      const overall = tied.has(i) ? 100 : (i + b) % 5 === 0 ? null : POINTS[(i * 3 + b) % 3]!;
      await addBallot(
        db,
        campaign,
        'recipient',
        overall === null
          ? [[unitId, 'attitude', attitude]]
          : [
              [unitId, 'attitude', attitude],
              [unitId, 'overall', overall],
            ],
      );
      counts.received++;
    }
    if (i % 2 === 1) {
      await onlyDontKnow(db, campaign, unitId);
      counts.received++;
      counts.onlyDontKnow++;
    }
    if (i === 5) {
      const id = (await addBallot(db, campaign, 'recipient', [[unitId, 'attitude', 0]]))!;
      await excludeBallot(db, id);
      counts.received++;
      counts.excluded++;
    }
    scheme.recipients.set(unitId, counts);
  }
}

/** A recipient ballot whose every answer was 不了解: received, but no rating. */
async function onlyDontKnow(db: Db, campaign: TinyCampaign, unitId: number): Promise<void> {
  await insertBallot(
    db,
    {
      id: randomUUID(),
      campaign_id: campaign.id,
      rater_type: 'recipient',
      questionnaire_id: campaign.questionnaires.recipient,
      target_unit_id: unitId,
      receipt: randomUUID().slice(0, 10),
      submission_hash: randomUUID(),
      submitted_hour: '2026-11-22T08:00:00Z',
      answers: JSON.stringify({}),
      flags: null,
      review_status: null,
    },
    null,
  );
}

// ——— Everything below reads the published figures only. ———

type Weights = Record<'superior' | 'peer' | 'recipient', number>;

interface PublishedGroup {
  raterType: 'superior' | 'peer' | 'recipient';
  status: 'ok' | 'suppressed' | 'missing';
  ballots: number;
  minCount: number;
  score: number | null;
  counts: { received: number | null; excluded: number | null; onlyDontKnow: number | null; counted: number };
}

interface PublishedUnit {
  unitId: number;
  code: string;
  categoryKey: string;
  composite: number | null;
  compositeUnrounded: number | null;
  rank: number | null;
  grade: string | null;
  bandGrade: string | null;
  gradeBasis: string | null;
  weights: { raterType: string; configured: number; used: number }[];
  flags: { code: string; [key: string]: unknown }[];
  groups: PublishedGroup[];
  explanation: { zh: string[]; en: string[] };
}

interface Published {
  format: string;
  settings: {
    weights: Weights;
    categoryWeights: { category: string; weights: Weights }[];
    precision: number;
    tieBreaks: string[];
    grading: {
      bands: typeof BANDS;
      quotas?: { grade: string; maxShare: number }[];
      boundaryTies?: 'exclude' | 'include';
      vetoGrade?: string | null;
    };
    vetoes: { unit: string | null; reason: string }[];
  };
  ballots: Record<string, number>;
  ballotCounts: { raterType: string; received: number; excluded: number; onlyDontKnow: number; counted: number }[];
  categories: { key: string; ranked: boolean }[];
  units: PublishedUnit[];
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** Σ used × score, the used weights renormalised from the configured over the groups that could count. */
function recomputeComposite(unit: PublishedUnit, published: Published): number | null {
  const own = published.settings.categoryWeights.find((c) => c.category === unit.categoryKey)?.weights;
  const configured = own ?? published.settings.weights;
  const counting = unit.groups.filter((g) => g.status === 'ok' && configured[g.raterType] > 0);
  const total = counting.reduce((sum, g) => sum + configured[g.raterType], 0);
  if (total === 0) return null;
  for (const weight of unit.weights) {
    const group = counting.find((g) => g.raterType === weight.raterType);
    expect(weight.configured).toBe(configured[weight.raterType as keyof Weights]);
    expect(weight.used).toBeCloseTo(group ? configured[group.raterType] / total : 0, 12);
  }
  return counting.reduce((sum, g) => sum + (configured[g.raterType] / total) * g.score!, 0);
}

/** Rank = 1 + the units of the category ahead on the composite, then on each tie-break in turn. */
function expectedRanks(members: PublishedUnit[], published: Published): Map<number, number> {
  const keys = (unit: PublishedUnit) => [
    unit.composite!,
    ...published.settings.tieBreaks.map((tieBreak) => {
      if (tieBreak === 'validBallots')
        return unit.groups.reduce(
          (sum, g) => sum + ((unit.weights.find((w) => w.raterType === g.raterType)?.used ?? 0) > 0 ? g.ballots : 0),
          0,
        );
      const type = tieBreak.replace('Score', '');
      const score = unit.groups.find((g) => g.raterType === type)?.score ?? null;
      return score === null ? -Infinity : round(score, published.settings.precision);
    }),
  ];
  const ahead = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
    return false;
  };
  const scored = members.filter((u) => u.composite !== null);
  return new Map(scored.map((u) => [u.unitId, 1 + scored.filter((o) => ahead(keys(o), keys(u))).length]));
}

/** Band by the published composite, the quota top-down with its boundary rule, the veto over all. */
function expectedGrades(members: PublishedUnit[], ranks: Map<number, number>, published: Published) {
  const { bands, quotas = [], boundaryTies = 'exclude', vetoGrade } = published.settings.grading;
  const vetoed = new Set(published.settings.vetoes.map((v) => v.unit));
  const grades = new Map<number, string>();
  for (const unit of members) {
    if (unit.composite === null) continue;
    grades.set(unit.unitId, bands.find((band) => unit.composite! >= band.minScore)!.grade);
  }
  const eligible = members.filter((u) => u.composite !== null && !vetoed.has(u.code));
  for (let b = 0; b < bands.length - 1; b++) {
    const quota = quotas.find((q) => q.grade === bands[b]!.grade);
    if (!quota) continue;
    const cap = Math.floor(quota.maxShare * members.filter((u) => u.composite !== null).length + 1e-9);
    const holders = eligible
      .filter((u) => grades.get(u.unitId) === quota.grade)
      .sort((x, y) => ranks.get(x.unitId)! - ranks.get(y.unitId)!);
    if (holders.length <= cap) continue;
    const boundary = ranks.get(holders[cap]!.unitId)!;
    const tiedAcross = cap > 0 && ranks.get(holders[cap - 1]!.unitId) === boundary;
    const keep = holders.filter((u) => {
      const rank = ranks.get(u.unitId)!;
      if (!tiedAcross) return holders.indexOf(u) < cap;
      return boundaryTies === 'include' ? rank <= boundary : rank < boundary;
    });
    for (const unit of holders) if (!keep.includes(unit)) grades.set(unit.unitId, bands[b + 1]!.grade);
  }
  for (const unit of members)
    if (vetoed.has(unit.code)) grades.set(unit.unitId, vetoGrade ?? bands[bands.length - 1]!.grade);
  return grades;
}

function checkPublication(published: Published, scheme: Scheme, size: number) {
  expect(published.format).toBe('pingyi-publication/3');
  expect(published.units).toHaveLength(size);
  const precision = published.settings.precision;
  for (const unit of published.units) {
    const recomputed = recomputeComposite(unit, published);
    expect(recomputed === null).toBe(unit.composite === null);
    if (recomputed !== null) {
      expect(Math.abs(round(recomputed, precision) - unit.composite!)).toBeLessThan(0.01);
      expect(unit.compositeUnrounded!).toBeCloseTo(recomputed, 9);
      // The explanation carries the same sum and the published figure.
      expect(unit.explanation.zh.join('')).toContain(`保留${precision}位小数为 ${unit.composite!.toFixed(precision)}`);
      expect(unit.explanation.en.join(' ')).toContain(`rounded to ${precision} decimal places`);
    }
    for (const group of unit.groups) {
      expect(group.counts.counted).toBe(group.ballots);
      if (group.status !== 'ok') {
        expect(group.score).toBeNull();
        expect(group.counts.received).toBeNull();
        continue;
      }
      expect(group.ballots).toBeGreaterThanOrEqual(group.minCount);
      if (group.raterType === 'recipient') {
        const { received, excluded, onlyDontKnow, counted } = group.counts;
        expect(received).toBe(excluded! + onlyDontKnow! + counted);
        expect({ received, excluded, onlyDontKnow }).toEqual(scheme.recipients.get(unit.unitId));
      }
    }
  }
  for (const counts of published.ballotCounts) {
    expect(counts.received).toBe(counts.excluded + counts.onlyDontKnow + counts.counted);
    expect(counts.counted).toBe(published.ballots[counts.raterType]);
  }
  for (const category of published.categories) {
    const members = published.units.filter((u) => u.categoryKey === category.key);
    const ranks = expectedRanks(members, published);
    if (category.ranked) for (const unit of members) expect(unit.rank).toBe(ranks.get(unit.unitId) ?? null);
    const grades = expectedGrades(members, ranks, published);
    for (const unit of members) expect(unit.grade).toBe(grades.get(unit.unitId) ?? null);
  }
  // The scheme's features are all there, so the checks above were not vacuous.
  const flags = published.units.flatMap((u) => u.flags.map((f) => f.code));
  expect(flags).toContain('raterTypeSuppressed');
  expect(flags).toContain('vetoed');
  expect(flags).toContain('quotaBoundaryTie');
  expect(flags).toContain('demotedByQuota');
  expect(published.units.some((u) => u.weights.some((w) => w.configured === SMALL_CATEGORY_WEIGHTS.recipient))).toBe(
    true,
  );
  const renormalised = published.units.find((u) => u.flags.some((f) => f.code === 'raterTypeSuppressed'))!;
  expect(renormalised.weights.find((w) => w.raterType === 'recipient')!.used).toBe(1);
  expect(renormalised.explanation.zh.join('')).toContain('按比例分配给其他评议主体，实际使用的权重');
  expect(renormalised.explanation.zh.join('')).not.toMatch(/上级领导评：得分/);
}

/** The workbook's 通报 sheet: Σ 实际权重 × score per row gives the composite to 0.01. */
async function checkWorkbook(bytes: ArrayBuffer, published: Published) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const sheet = workbook.getWorksheet('通报')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const column = (name: string, from = 0) => header.indexOf(name, from) + 1;
  let checked = 0;
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const code = row.getCell(column('单位编码')).value;
    const unit = published.units.find((u) => u.code === code);
    if (!unit) return;
    const composite = row.getCell(column('综合得分')).value as number | null;
    let sum = 0;
    for (const raterType of ['上级领导评', '服务对象评']) {
      const at = column(raterType);
      const score = row.getCell(at).value;
      const weight = row.getCell(at + 2).value as number;
      expect(header[at]).toBe('计分票');
      expect(header[at + 1]).toBe('实际权重');
      if (typeof score === 'number') sum += weight * score;
      else expect(weight).toBe(0);
    }
    if (composite === null) return;
    expect(Math.abs(round(sum, 2) - composite)).toBeLessThan(0.01 + 1e-9);
    checked++;
  });
  expect(checked).toBe(published.units.filter((u) => u.composite !== null).length);
  const method = workbook.getWorksheet('计算方法')!;
  const texts: string[] = [];
  method.eachRow((row) => texts.push(String(row.getCell(3).value ?? '')));
  expect(texts.some((text) => text.includes('收到的评价票') && text.includes('计分票'))).toBe(true);
  expect(texts.filter((text) => text.startsWith('综合得分 = Σ'))).toHaveLength(
    published.units.filter((u) => u.composite !== null).length,
  );
}

describeEachDialect('publication recomputed from its own figures', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let admin: string;

  beforeAll(async () => {
    app = createTestApp(database()).app;
    admin = (await signInAdminAndLeader(database().db, app)).admin;
  });

  for (const size of [8, 14]) {
    it(`recomputes every composite, rank and grade of a ${size}-unit scheme from the JSON and the workbook`, async () => {
      const scheme = await createScheme(database().db, size);
      const created = await postJson(app, `/api/campaigns/${scheme.campaign.id}/publish`, admin);
      expect(created.status, await created.clone().text()).toBe(201);
      const response = await app.request(`/api/publications/${scheme.campaign.slug}`);
      expect(response.status).toBe(200);
      const published = (await response.json()) as Published;
      checkPublication(published, scheme, size);
      const exported = await app.request(`/api/publications/${scheme.campaign.slug}/versions/1/export.xlsx`);
      expect(exported.status).toBe(200);
      await checkWorkbook(await exported.arrayBuffer(), published);
    });
  }
});
