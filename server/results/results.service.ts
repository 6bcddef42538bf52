import { RATER_TYPES } from '../../scoring/rater-type.ts';
import { ScoringSettingsError } from '../../scoring/settings.ts';
import type { AppDeps } from '../app-deps.ts';
import type { Campaign } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { computeBothWays, computeCampaignResults } from './results-compute.ts';
import type { CampaignResults, ResultsMethod } from './results-compute.ts';
import { diffResults } from './results-diff.ts';
import type { ResultDifference } from './results-diff.ts';

export interface VerifyReport {
  readonly equal: boolean;
  readonly ballots: number;
  /** The first differences (at most MAX_DIFFERENCES); `totalDifferences` counts them all. */
  readonly differences: readonly ResultDifference[];
  readonly totalDifferences: number;
  readonly liveMs: number;
  readonly recountMs: number;
}

const MAX_DIFFERENCES = 100;

/** Results of a campaign; settings the scoring module refuses become a 409 that names the problem. */
export async function resultsOf(
  deps: Pick<AppDeps, 'db' | 'questionnaires'>,
  campaign: Campaign,
  method: ResultsMethod,
): Promise<CampaignResults> {
  return withScoringErrors(() => computeCampaignResults(deps.db, deps.questionnaires, campaign, method));
}

/** The live figures and a full recount of every stored rating, over one state of the data. */
export function verifiedResults(deps: Pick<AppDeps, 'db' | 'questionnaires'>, campaign: Campaign) {
  return withScoringErrors(() => computeBothWays(deps.db, deps.questionnaires, campaign));
}

/** The office's check: the live figures against a full recount of every stored rating. */
export async function verifyResults(
  deps: Pick<AppDeps, 'db' | 'questionnaires'>,
  campaign: Campaign,
): Promise<VerifyReport> {
  const { live, recount, liveMs, recountMs } = await verifiedResults(deps, campaign);
  const { differences, total } = diffResults(live.results, recount.results, MAX_DIFFERENCES);
  return {
    equal: total === 0,
    ballots: totalBallots(recount),
    differences,
    totalDifferences: total,
    liveMs,
    recountMs,
  };
}

export function totalBallots(computed: CampaignResults): number {
  return RATER_TYPES.reduce((sum, raterType) => sum + computed.results.raterTypes[raterType].ballotsReceived, 0);
}

async function withScoringErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ScoringSettingsError) {
      throw new AppError(
        409,
        'scoring_settings_invalid',
        `The campaign's scoring settings cannot be used: ${error.message}.`,
        { problems: [{ code: error.code, params: error.params, message: error.message }] },
      );
    }
    throw error;
  }
}
