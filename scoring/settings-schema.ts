// Zod schemas for the edge (server routes, admin import). The cross-field rules are not restated
// here: the refinements call the same checks the scoring functions use, so the two cannot drift.
import { z } from 'zod';
import { RATER_TYPES } from './rater-type.ts';
import { describeScaleProblem } from './scales.ts';
import type { Scale } from './scales.ts';
import { ITEM_COMBINATIONS, resolveResultSettings, ScoringSettingsError } from './settings.ts';
import type { ResultSettings, UnitInput } from './settings.ts';
import type { Ballot, TallySettings } from './tally.ts';

const raterTypeSchema = z.enum(RATER_TYPES);
const nonEmpty = z.string().min(1);

export const scaleSchema = z
  .object({
    id: nonEmpty,
    levels: z.array(z.object({ key: nonEmpty, label: z.string(), points: z.number() })),
    dontKnowKeys: z.array(nonEmpty),
  })
  .superRefine((scale, context) => {
    const problem = describeScaleProblem(scale);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem, path: ['levels'] });
  }) satisfies z.ZodType<Scale>;

const raterTypeTallySchema = z.object({
  scale: scaleSchema,
  items: z.array(z.object({ id: nonEmpty, weight: z.number().positive().optional() })),
  leniency: z.boolean().optional(),
});

export const tallySettingsSchema = z.object({
  unitIds: z.array(nonEmpty).refine((ids) => new Set(ids).size === ids.length, 'unit ids must be unique'),
  raterTypes: z.object({ superior: raterTypeTallySchema, peer: raterTypeTallySchema, recipient: raterTypeTallySchema }),
}) satisfies z.ZodType<TallySettings>;

const weightsSchema = z.object({ superior: z.number().min(0), peer: z.number().min(0), recipient: z.number().min(0) });
const minimumsSchema = z.object({ superior: z.int().min(1), peer: z.int().min(1), recipient: z.int().min(1) });
const statisticSchema = z.enum(['mean', 'trimmedMean']);
const boundaryTiesSchema = z.enum(['exclude', 'include']);

const gradingSchema = z.object({
  bands: z.array(z.object({ grade: nonEmpty, minScore: z.number() })).min(1),
  quotas: z.array(z.object({ grade: nonEmpty, maxShare: z.number().min(0).max(1) })).optional(),
  bottom: z
    .object({ grade: nonEmpty, below: z.number(), count: z.int().min(0) })
    .nullable()
    .optional(),
  vetoGrade: nonEmpty.nullable().optional(),
  boundaryTies: boundaryTiesSchema.optional(),
});

const rankRangeSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('ciOverlap') }),
  z.object({ method: z.literal('bootstrap'), replicates: z.int().min(1).max(100_000), seed: z.int() }),
]);

export const resultSettingsSchema = z
  .object({
    weights: weightsSchema,
    minimumBallots: minimumsSchema,
    categories: z.array(z.object({ id: nonEmpty, ranked: z.boolean(), weights: weightsSchema.nullable().optional() })),
    statistic: z
      .object({ superior: statisticSchema, peer: statisticSchema, recipient: statisticSchema })
      .partial()
      .optional(),
    itemCombination: z.enum(ITEM_COMBINATIONS).optional(),
    tieBreaks: z.array(z.enum(['recipientScore', 'superiorScore', 'peerScore', 'validBallots'])).optional(),
    precision: z.int().min(0).max(6).optional(),
    confidence: z.number().gt(0).lt(1).optional(),
    grading: gradingSchema.nullable().optional(),
    rankRange: rankRangeSchema.optional(),
  })
  .superRefine((settings, context) => {
    try {
      resolveResultSettings(settings);
    } catch (error) {
      if (!(error instanceof ScoringSettingsError)) throw error;
      // The code and its names and numbers travel with the issue, for a caller to word it in its own language.
      context.addIssue({ code: 'custom', message: error.message, params: { code: error.code, ...error.params } });
    }
  }) satisfies z.ZodType<ResultSettings>;

export const unitInputSchema = z.object({
  id: nonEmpty,
  categoryId: nonEmpty,
  veto: z.object({ reason: nonEmpty }).nullable().optional(),
}) satisfies z.ZodType<UnitInput>;

export const ballotSchema = z.object({
  raterType: raterTypeSchema,
  raterUnitId: nonEmpty.nullable().optional(),
  ratings: z.array(z.object({ unitId: nonEmpty, item: nonEmpty, points: z.number().nullable() })),
}) satisfies z.ZodType<Ballot>;
