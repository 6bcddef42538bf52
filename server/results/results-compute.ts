// Results of one campaign from its stored ratings, two independent ways (decisions 005 and 011). Ratings
// are stored by card (one ballot's ratings of one unit), which is all the scoring needs: every ballot-level
// sum is per unit. What cards cannot give is a rater's whole ballot, so the leniency-adjusted view is not
// computed (it was never published), and the number of many-unit ballots comes from the mixer's count.
// - 'live': the running tallies straight into the scoring tally (item cells and card shapes, decision 013);
// - 'recount': every counted rating, card by card in pages, through the scoring module's own loop.
// Both read inside one read-only transaction, so each sees one consistent state of the ballots.
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { RaterType } from '../../scoring/rater-type.ts';
import type { ScoringResults } from '../../scoring/result-types.ts';
import { computeResults } from '../../scoring/results.ts';
import type { ResultSettings } from '../../scoring/settings.ts';
import { createTally } from '../../scoring/tally.ts';
import type { Tally, TallySettings } from '../../scoring/tally.ts';
import type { Db } from '../db/database.ts';
import type { Campaign } from '../db/schema.ts';
import type { PreparedQuestionnaireCache } from '../questionnaires/prepared-cache.ts';
import { resultSettingsFor, unitInputsFor } from '../campaigns/campaign-scoring.ts';
import { loadCampaign } from '../campaigns/campaign-loader.ts';
import { resultsContextOf } from './results-context.ts';
import type { ResultsContext } from './results-context.ts';
import {
  aggregateCardShapes,
  aggregateCells,
  listCardIds,
  listCountedRatings,
  listObservedValues,
  ratedBallotCounts,
} from './results.repository.ts';
import { addBallotShapes, addCellCounts, addRatingRows, unitIndexById } from './tally-fill.ts';
import { tallyLayout } from './tally-layout.ts';
import type { ItemLabel, TallyLayout } from './tally-layout.ts';

export type ResultsMethod = 'live' | 'recount';

/** Rater types whose ballots rate many units: stored as unlinked cards, counted by the mixer. */
const MANY_UNIT_TYPES: ReadonlySet<RaterType> = new Set(['superior', 'peer']);

/** Ratings per page of the recount: a few megabytes of rows, whatever the campaign's size. */
const RATINGS_PER_PAGE = 20_000;
const MAX_CARDS_PER_PAGE = 2_000;

export interface CampaignResults {
  readonly context: ResultsContext;
  readonly items: Readonly<Record<RaterType, readonly ItemLabel[]>>;
  /** The scales and items the ratings were counted with. */
  readonly tallySettings: TallySettings;
  readonly settings: ResultSettings;
  /** True when the campaign stores no scoring settings and equal weights were used. */
  readonly settingsDefaulted: boolean;
  readonly results: ScoringResults;
}

export function computeCampaignResults(
  db: Db,
  questionnaires: PreparedQuestionnaireCache,
  campaign: Campaign,
  method: ResultsMethod,
): Promise<CampaignResults> {
  return readSnapshot(db, async (trx) => {
    const context = resultsContextOf(await loadCampaign(trx, campaign), questionnaires);
    return method === 'live' ? liveResults(trx, context) : recountResults(trx, context);
  });
}

/** Both methods over the same state of the data, for the office's check that they agree. */
export function computeBothWays(db: Db, questionnaires: PreparedQuestionnaireCache, campaign: Campaign) {
  return readSnapshot(db, async (trx) => {
    const context = resultsContextOf(await loadCampaign(trx, campaign), questionnaires);
    const liveStart = performance.now();
    const live = await liveResults(trx, context);
    const recountStart = performance.now();
    const recount = await recountResults(trx, context);
    return { live, recount, liveMs: recountStart - liveStart, recountMs: performance.now() - recountStart };
  });
}

/**
 * One read-only transaction. On PostgreSQL `repeatable read` gives every statement the same snapshot
 * without blocking writers; on SQLite a transaction reads one snapshot of the WAL.
 */
function readSnapshot<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work);
}

async function liveResults(db: Db, context: ResultsContext): Promise<CampaignResults> {
  const id = context.campaign.id;
  const cells = await aggregateCells(db, id);
  const observed = cells.map((row) => ({ raterType: row.rater_type, item: row.item, points: row.points }));
  const layout = tallyLayout(
    context.units.map((unit) => unit.id),
    context.questionnaires,
    observed,
  );
  const tally = createTally(layout.settings);
  const units = unitIndexById(tally);
  addCellCounts(tally, units, cells, new Set(RATER_TYPES));
  addBallotShapes(tally, units, await aggregateCardShapes(db, id));
  setManyUnitBallots(tally, await ratedBallotCounts(db, id));
  return scored(context, layout, tally);
}

async function recountResults(db: Db, context: ResultsContext): Promise<CampaignResults> {
  const id = context.campaign.id;
  const observed = (await listObservedValues(db, id)).map((row) => ({
    raterType: row.rater_type,
    item: row.item,
    points: row.points,
  }));
  const layout = tallyLayout(
    context.units.map((unit) => unit.id),
    context.questionnaires,
    observed,
  );
  const tally = createTally(layout.settings);
  const units = unitIndexById(tally);
  for (const raterType of RATER_TYPES) await streamRatings(db, tally, units, id, raterType);
  setManyUnitBallots(tally, await ratedBallotCounts(db, id));
  return scored(context, layout, tally);
}

/**
 * The scoring loop counts each card as a ballot; for superiors and peers a ballot is several cards, and
 * the number of ballots is the mixer's count of those with a valid answer.
 */
function setManyUnitBallots(tally: Tally, counts: ReadonlyMap<RaterType, number>): void {
  for (const raterType of MANY_UNIT_TYPES)
    tally.groups[raterType].counters.ballotsReceived = counts.get(raterType) ?? 0;
}

/**
 * Pages through a rater type's cards by key and feeds each page's counted ratings to the tally. The
 * page size adapts so that a page holds about RATINGS_PER_PAGE ratings.
 */
async function streamRatings(
  db: Db,
  tally: Tally,
  units: ReadonlyMap<number, number>,
  campaignId: number,
  raterType: RaterType,
): Promise<void> {
  let after = '';
  let pageSize = 100;
  for (;;) {
    const ids = await listCardIds(db, campaignId, raterType, after, pageSize);
    if (ids.length === 0) return;
    const rows = await listCountedRatings(db, campaignId, raterType, ids);
    addRatingRows(tally, units, raterType, rows);
    if (ids.length < pageSize) return;
    after = ids[ids.length - 1]!;
    const perCard = Math.max(1, rows.length / ids.length);
    pageSize = Math.max(1, Math.min(MAX_CARDS_PER_PAGE, Math.floor(RATINGS_PER_PAGE / perCard)));
  }
}

function scored(context: ResultsContext, layout: TallyLayout, tally: Tally): CampaignResults {
  const settings = resultSettingsFor(context.scoring, context);
  const results = computeResults(tally, unitInputsFor(context.scoring, context), settings);
  return {
    context,
    items: layout.items,
    tallySettings: layout.settings,
    settings,
    settingsDefaulted: context.scoring === null,
    results,
  };
}
