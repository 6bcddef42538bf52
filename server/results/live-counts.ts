// What the live results show while voting runs, computed from counts alone. Nobody sees a figure then,
// the office included (decision 011): only how many ballots each rater type has and, per unit, how many
// recipients rated it. Those are a few hundred rows of the running tallies, so a screen polling them costs
// the same at a hundred ballots and at a million and never competes with the ballots for long (decision
// 013). The figures are exactly those of countsOnly(liveResultsView(…)) over the full computation, which
// the tests check.
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { RaterType } from '../../scoring/rater-type.ts';
import { loadCampaign } from '../campaigns/campaign-loader.ts';
import type { Db } from '../db/database.ts';
import type { Campaign } from '../db/schema.ts';
import type { PreparedQuestionnaireCache } from '../questionnaires/prepared-cache.ts';
import { resultsContextOf } from './results-context.ts';
import { ratedBallotCounts, recipientCardsPerUnit } from './results.repository.ts';
import { categoryView, countedOnly, HIDDEN_UNIT_FIGURES, unitIdentity, type LiveResults } from './results-view.ts';

export function computeLiveCounts(
  db: Db,
  questionnaires: PreparedQuestionnaireCache,
  campaign: Campaign,
  computedAt: Date,
): Promise<LiveResults> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const context = resultsContextOf(await loadCampaign(trx, campaign), questionnaires);
      const inScope = new Set(context.units.map((unit) => unit.id));
      const perUnit = new Map<number, number>();
      for (const row of await recipientCardsPerUnit(trx, campaign.id)) {
        if (inScope.has(row.unit_id)) perUnit.set(row.unit_id, Number(row.cards));
      }
      const rated = await ratedBallotCounts(trx, campaign.id);
      const received = (raterType: RaterType) =>
        raterType === 'recipient' ? [...perUnit.values()].reduce((sum, n) => sum + n, 0) : (rated.get(raterType) ?? 0);
      const recipient = context.raterTypes.find((r) => r.raterType === 'recipient');
      return {
        campaign: { id: campaign.id, slug: campaign.slug, name: campaign.name, status: campaign.status },
        computedAt: computedAt.toISOString(),
        totalBallots: RATER_TYPES.reduce((sum, raterType) => sum + received(raterType), 0),
        settingsDefaulted: context.scoring === null,
        scoresHidden: true,
        raterTypeBallots: context.raterTypes.map(({ raterType }) => ({ raterType, ballots: received(raterType) })),
        categories: context.categories.map((category) => categoryView(category, [])),
        units: context.units.map((unit) => {
          const ballots = perUnit.get(unit.id) ?? 0;
          return {
            ...unitIdentity(unit),
            ...HIDDEN_UNIT_FIGURES,
            groups: recipient
              ? [
                  {
                    raterType: 'recipient' as const,
                    status:
                      ballots === 0
                        ? ('missing' as const)
                        : ballots < recipient.minCount
                          ? ('suppressed' as const)
                          : ('ok' as const),
                    ballots,
                    counts: countedOnly(ballots),
                    minCount: recipient.minCount,
                    suppressed: ballots < recipient.minCount,
                    score: null,
                    mean: null,
                    ci: null,
                    items: [],
                  },
                ]
              : [],
          };
        }),
      };
    });
}
