// The published results (通报): per category the units with their composite, rank, rank range, grade,
// flags and per rater type score and count, each unit's scores by item (its own report), and the exact
// settings used. Units and categories have the same shape as the live results. Built only from the
// scoring module's results, where a rater group below its minimum has already lost every figure but its
// count; comments are never part of it. The official parts of the notice (issuer, 文号, title,
// addressee, signature, date: publication-notice.ts) and its method paragraph, written from the settings
// (publication-method.ts), are frozen with the figures. No clock and no version inside: the same
// ballots, settings and notice give the same document and the same hash. Versions published before the
// notice existed have neither `notice` nor `method` and are shown without them.
import { resolveResultSettings } from '../../scoring/settings.ts';
import type { CampaignResults } from '../results/results-compute.ts';
import { categoryViews, unitViews } from '../results/results-view.ts';
import { raterTypeCounts, unitRecipientCounts } from './publication-counts.ts';
import type { ReceivedCounts } from './publication-counts.ts';
import { explainUnit } from './publication-explain.ts';
import { noticeMethod } from './publication-method.ts';
import type { PublicationNotice } from './publication-notice.ts';

/**
 * 3 adds, per unit, the weights used, the unrounded composite, how the grade was decided, every group's
 * counts by name and the "how this was computed" lines, and `ballotCounts` per rater type; 2 added
 * `notice` and `method`; version 1 documents have neither.
 */
export const PUBLICATION_FORMAT = 'pingyi-publication/3';

export function publicationDocument(computed: CampaignResults, notice: PublicationNotice, received: ReceivedCounts) {
  const { context, results, items, tallySettings } = computed;
  const resolved = resolveResultSettings(computed.settings);
  const codes = new Map(context.units.map((unit) => [unit.id, unit.code]));
  const { campaign } = context;
  const figures = {
    format: PUBLICATION_FORMAT,
    campaign: {
      slug: campaign.slug,
      name: campaign.name,
      nameEn: campaign.name_en,
      startsAt: campaign.starts_at,
      endsAt: campaign.ends_at,
      closedAt: campaign.closed_at,
    },
    settings: {
      raterTypes: context.raterTypes.map(({ raterType, minCount }) => ({
        raterType,
        /** Anonymity threshold and minimum to count: below it a group shows its count only. */
        minimumBallots: minCount,
        statistic: resolved.statistic[raterType],
        scale: tallySettings.raterTypes[raterType].scale.levels.map((level) => ({
          label: level.label,
          points: level.points,
        })),
        items: items[raterType].map((item) => ({ item: item.id, label: item.label, labelEn: item.labelEn })),
      })),
      weights: resolved.weights,
      categoryWeights: resolved.categories.flatMap((category) =>
        category.weights ? [{ category: category.id, weights: category.weights }] : [],
      ),
      itemCombination: resolved.itemCombination,
      precision: resolved.precision,
      confidence: resolved.confidence,
      tieBreaks: resolved.tieBreaks,
      rankRange: results.method.rankRange,
      grading: resolved.grading,
      vetoes: (context.scoring?.vetoes ?? []).map((veto) => ({
        unit: codes.get(veto.unitId) ?? null,
        reason: veto.reason,
      })),
    },
    /** The counted ballots (计分票) per rater type. */
    ballots: Object.fromEntries(
      context.raterTypes.map(({ raterType }) => [raterType, results.raterTypes[raterType].ballotsReceived]),
    ),
    /** received = excluded + onlyDontKnow + counted, per rater type (publication-counts.ts). */
    ballotCounts: raterTypeCounts(computed, received),
    mappingProblems: results.mappingProblems,
    categories: categoryViews(computed),
    units: publishedUnits(computed, received, resolved),
  };
  const method = noticeMethod({ ...figures, issuer: notice.issuer });
  return { ...figures, notice, method };
}

/** The units as the live results show them, with the counts and the explanation only a publication has. */
function publishedUnits(
  computed: CampaignResults,
  received: ReceivedCounts,
  resolved: ReturnType<typeof resolveResultSettings>,
) {
  const ranked = new Map(computed.context.categories.map((category) => [category.key, category.ranked]));
  return unitViews(computed).map((view) => {
    const unit = {
      ...view,
      groups: view.groups.map((group) =>
        // A group below its minimum keeps its counted ballots only: no breakdown (decision 011).
        group.raterType === 'recipient' && group.status === 'ok'
          ? { ...group, counts: unitRecipientCounts(received, view.unitId, group.ballots) }
          : group,
      ),
    };
    const explanation = explainUnit(unit, ranked.get(unit.categoryKey) ?? false, {
      precision: resolved.precision,
      grading: resolved.grading,
    });
    return { ...unit, explanation: { zh: [...explanation.zh], en: [...explanation.en] } };
  });
}

export type PublicationDocument = ReturnType<typeof publicationDocument>;
