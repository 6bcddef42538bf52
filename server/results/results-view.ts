// The live results as the API shows them: the scoring module's results with unit codes and names,
// group by group. Suppression already happened in the module (a group below its minimum arrives with
// its count only), so nothing here can show a suppressed figure.
import { z } from '@hono/zod-openapi';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { RaterType } from '../../scoring/rater-type.ts';
import type { RaterGroupResult, UnitResult } from '../../scoring/result-types.ts';
import type { CampaignResults } from './results-compute.ts';
import type { ResultCategory, ResultUnit } from './results-context.ts';
import { totalBallots } from './results.service.ts';

const IntervalSchema = z.object({ low: z.number(), high: z.number() });
export const FlagSchema = z.object({ code: z.string() }).catchall(z.unknown()).openapi('ResultFlag');

/**
 * The ballot counts, named the same on every screen and export (scoring/result-types.ts, BallotCountName):
 * received = excluded + onlyDontKnow + counted. Only `counted` went into the score; the others are known
 * for recipients only (a leader's or peer's ballot that said 不了解 about a unit leaves nothing for that
 * unit) and only in a publication, for a group at or above its minimum.
 */
const GroupCountsSchema = z
  .object({
    received: z.number().nullable(),
    excluded: z.number().nullable(),
    onlyDontKnow: z.number().nullable(),
    counted: z.number(),
  })
  .openapi('GroupBallotCounts');

/** One rater type's part of a unit's composite: configured weight, the weight after redistribution. */
const UnitWeightSchema = z.object({
  raterType: z.enum(RATER_TYPES),
  /** The campaign's weight, or the category's where it has its own. */
  configured: z.number(),
  /** After the weight of groups below their minimum was shared out in proportion; Σ used = 1. */
  used: z.number(),
});

const GroupSchema = z.object({
  raterType: z.enum(RATER_TYPES),
  status: z.enum(['ok', 'suppressed', 'missing']),
  /** The counted ballots (计分票): at least one valid rating for this unit from this rater type. */
  ballots: z.number(),
  /** The same count by name, with what became of the others where known; absent before format 3. */
  counts: GroupCountsSchema.optional(),
  minCount: z.number(),
  /** True when fewer ballots than the minimum: no score and no items are shown (anonymity). */
  suppressed: z.boolean(),
  /** The figure weighted into the composite (mean or trimmed mean, per the settings). */
  score: z.number().nullable(),
  mean: z.number().nullable(),
  ci: IntervalSchema.nullable(),
  items: z.array(
    z.object({
      item: z.string(),
      label: z.string(),
      n: z.number(),
      suppressed: z.boolean(),
      mean: z.number().nullable(),
    }),
  ),
});

export const LiveResultsSchema = z
  .object({
    campaign: z.object({ id: z.number(), slug: z.string(), name: z.string(), status: z.string() }),
    computedAt: z.string(),
    /** Ballots with at least one counted rating. */
    totalBallots: z.number(),
    /** True when the campaign has no scoring settings yet and equal weights were used. */
    settingsDefaulted: z.boolean(),
    /**
     * True while voting runs (for everyone, the office included: decision 011) and, for everyone but the
     * office, until publication: only counts are shown.
     */
    scoresHidden: z.boolean(),
    /** Ballots counted per rater type (leaders and peers: per rater type only, never per unit while hidden). */
    raterTypeBallots: z.array(z.object({ raterType: z.enum(RATER_TYPES), ballots: z.number() })),
    categories: z.array(
      z.object({
        key: z.string(),
        code: z.string().nullable(),
        name: z.string(),
        nameEn: z.string(),
        ranked: z.boolean(),
        gradeCounts: z.array(z.object({ grade: z.string(), count: z.number() })),
      }),
    ),
    units: z.array(
      z.object({
        unitId: z.number(),
        code: z.string(),
        name: z.string(),
        nameEn: z.string(),
        categoryKey: z.string(),
        composite: z.number().nullable(),
        /** Σ used weight × score before rounding; absent from publications before format 3. */
        compositeUnrounded: z.number().nullable().optional(),
        compositeCi: IntervalSchema.nullable(),
        /** The weights actually used, per rater type taking part; absent from publications before format 3. */
        weights: z.array(UnitWeightSchema).optional(),
        rank: z.number().nullable(),
        rankRange: z.object({ best: z.number(), worst: z.number() }).nullable(),
        grade: z.string().nullable(),
        /** How the grade was decided (score band, quota, 末位, veto) and the band's own grade. */
        gradeBasis: z.enum(['band', 'quota', 'bottom', 'veto']).nullable().optional(),
        bandGrade: z.string().nullable().optional(),
        flags: z.array(FlagSchema),
        groups: z.array(GroupSchema),
      }),
    ),
  })
  .openapi('LiveResults');

export type LiveResults = z.infer<typeof LiveResultsSchema>;

export function liveResultsView(computed: CampaignResults, computedAt: Date): LiveResults {
  const { campaign } = computed.context;
  return {
    campaign: { id: campaign.id, slug: campaign.slug, name: campaign.name, status: campaign.status },
    computedAt: computedAt.toISOString(),
    totalBallots: totalBallots(computed),
    settingsDefaulted: computed.settingsDefaulted,
    scoresHidden: false,
    raterTypeBallots: computed.context.raterTypes.map(({ raterType }) => ({
      raterType,
      ballots: computed.results.raterTypes[raterType].ballotsReceived,
    })),
    categories: categoryViews(computed),
    units: unitViews(computed),
  };
}

/** A unit's figures while scores are hidden: none. */
export const HIDDEN_UNIT_FIGURES = {
  composite: null,
  compositeUnrounded: null,
  compositeCi: null,
  // Which groups reached their minimum would show through the weights: none while hidden.
  weights: [],
  gradeBasis: null,
  bandGrade: null,
  rank: null,
  rankRange: null,
  grade: null,
  flags: [],
} as const satisfies Partial<LiveResults['units'][number]>;

/**
 * What is shown while scores are hidden: counts, no score, rank, grade or distribution. While voting runs
 * this is all anyone sees, the office included: a live figure read before and after one known person
 * voted would give away that person's ballot (decision 011). Per unit, only the recipients' count: a
 * leader's or peer's ballot counts for every unit it rated, and for a peer, the unit whose count did not
 * move would be its own.
 */
export function countsOnly(results: LiveResults): LiveResults {
  return {
    ...results,
    scoresHidden: true,
    categories: results.categories.map((category) => ({ ...category, gradeCounts: [] })),
    units: results.units.map((unit) => ({
      ...unit,
      ...HIDDEN_UNIT_FIGURES,
      groups: unit.groups
        .filter((group) => group.raterType === 'recipient')
        .map((group) => ({
          ...group,
          counts: countedOnly(group.ballots),
          score: null,
          mean: null,
          ci: null,
          items: [],
        })),
    })),
  };
}

/** Categories in display order with their grade counts (shared with publications). */
export function categoryViews(computed: CampaignResults): LiveResults['categories'] {
  const gradeCounts = new Map(
    computed.results.categories.map((category) => [category.categoryId, category.gradeCounts]),
  );
  return computed.context.categories.map((category) =>
    categoryView(category, [...(gradeCounts.get(category.key) ?? [])]),
  );
}

/** A category as the views show it, with its grade counts (none while scores are hidden). */
export function categoryView(
  category: ResultCategory,
  gradeCounts: LiveResults['categories'][number]['gradeCounts'],
): LiveResults['categories'][number] {
  const { key, code, name, nameEn, ranked } = category;
  return { key, code, name, nameEn, ranked, gradeCounts };
}

/** What names a unit in every view: id, code, names and category. */
export function unitIdentity(unit: ResultUnit) {
  return { unitId: unit.id, code: unit.code, name: unit.name, nameEn: unit.nameEn, categoryKey: unit.categoryKey };
}

/** Units in display order with composite, rank, grade and their rater groups (shared with publications). */
export function unitViews(computed: CampaignResults): LiveResults['units'] {
  const { context, results } = computed;
  const byId = new Map(results.units.map((unit) => [unit.unitId, unit]));
  return context.units.map((unit) => {
    const result = byId.get(String(unit.id))!;
    return {
      ...unitIdentity(unit),
      composite: result.composite.score,
      compositeUnrounded: result.composite.unrounded,
      compositeCi: result.composite.ci,
      weights: unitWeights(result, context.raterTypes),
      rank: result.rank,
      rankRange: result.rankRange,
      grade: result.grade?.grade ?? null,
      gradeBasis: result.grade?.basis ?? null,
      bandGrade: result.grade?.bandGrade ?? null,
      flags: [...result.flags],
      groups: context.raterTypes.map(({ raterType }) =>
        groupView(raterType, result.raterGroups[raterType], computed.items[raterType]),
      ),
    };
  });
}

function unitWeights(result: UnitResult, raterTypes: CampaignResults['context']['raterTypes']) {
  return raterTypes.map(({ raterType }) => ({
    raterType,
    configured: result.weights.configured[raterType],
    used: result.weights.used[raterType],
  }));
}

/** A group's counts where only the counted ballots are known (live results, leaders and peers). */
export function countedOnly(counted: number) {
  return { received: null, excluded: null, onlyDontKnow: null, counted };
}

function groupView(raterType: RaterType, group: RaterGroupResult, items: CampaignResults['items'][RaterType]) {
  const labels = new Map(items.map((item) => [item.id, item.label]));
  return {
    raterType,
    status: group.status,
    ballots: group.ballots,
    counts: countedOnly(group.ballots),
    minCount: group.minimum,
    suppressed: group.status !== 'ok',
    score: group.score,
    mean: group.mean,
    ci: group.ci,
    items: group.items.map((item) => ({
      item: item.item,
      label: labels.get(item.item) ?? item.item,
      n: item.validVotes,
      suppressed: item.suppressed,
      mean: item.mean,
    })),
  };
}
