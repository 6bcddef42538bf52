// Two ways into the same scoring tally. `addRatingRows` feeds cards (one ballot's ratings of one unit)
// through the scoring module's own loop, as ballots (the recount). `addCellCounts` and
// `addBallotShapes` put grouped counts straight into the tally's sums: for integer points every sum is
// an exact integer, so n ballots added at once give the same bits as n ballots added one by one.
import type { RaterType } from '../../scoring/rater-type.ts';
import { ranksAbove, ranksBelow } from '../../scoring/tally-ballot.ts';
import { addBallotMeans } from '../../scoring/tally-means.ts';
import { addBallotBatch } from '../../scoring/tally.ts';
import type { Tally } from '../../scoring/tally.ts';
import type { CountedRating } from './results.repository.ts';

/** Maps stored unit ids to tally indices once, so rows need no string keys. */
export function unitIndexById(tally: Tally): Map<number, number> {
  return new Map(tally.settings.unitIds.map((id, index) => [Number(id), index]));
}

/**
 * Adds ratings ordered by ballot. Ratings of units outside the campaign's scope are skipped, and so
 * is a ballot left with none (as in the grouped path, which never sees it).
 */
export function addRatingRows(
  tally: Tally,
  units: ReadonlyMap<number, number>,
  raterType: RaterType,
  rows: readonly CountedRating[],
): void {
  const group = tally.groups[raterType];
  const ballotStarts: number[] = [0];
  const unitColumn = new Int32Array(rows.length);
  const itemColumn = new Int32Array(rows.length);
  const points = new Float64Array(rows.length);
  let count = 0;
  let ballot: string | null = null;
  for (const row of rows) {
    const unit = units.get(row.unit_id);
    if (unit === undefined) continue;
    if (row.card_id !== ballot) {
      if (ballot !== null) ballotStarts.push(count);
      ballot = row.card_id;
    }
    unitColumn[count] = unit;
    itemColumn[count] = itemIndex(group.itemIndex, raterType, row.item);
    points[count] = row.points;
    count++;
  }
  if (count === 0) return;
  ballotStarts.push(count);
  addBallotBatch(tally, {
    raterType,
    ballotStarts,
    units: unitColumn.subarray(0, count),
    items: itemColumn.subarray(0, count),
    points: points.subarray(0, count),
  });
}

export interface CellCount {
  readonly unit_id: number;
  readonly rater_type: RaterType;
  readonly item: string;
  readonly points: number;
  readonly n: number;
}

/** Item statistics and histograms: count, Σ, Σ², min, max and level counts per unit × item. */
export function addCellCounts(
  tally: Tally,
  units: ReadonlyMap<number, number>,
  rows: readonly CellCount[],
  raterTypes: ReadonlySet<RaterType>,
): void {
  for (const row of rows) {
    if (!raterTypes.has(row.rater_type)) continue;
    const unit = units.get(row.unit_id);
    if (unit === undefined) continue;
    const group = tally.groups[row.rater_type];
    const itemCount = group.itemIds.length;
    const cell = unit * itemCount + itemIndex(group.itemIndex, row.rater_type, row.item);
    const value = row.points;
    const level = group.levelPoints.indexOf(value);
    if (level < 0) throw new RangeError(`${value} points is not a level of the ${row.rater_type} scale`);
    const n = Number(row.n);
    group.cellCount[cell]! += n;
    group.cellSum[cell]! += n * value;
    group.cellSumSquares[cell]! += n * value * value;
    if (value < group.cellMin[cell]!) group.cellMin[cell] = value;
    if (value > group.cellMax[cell]!) group.cellMax[cell] = value;
    group.cellHistogram[cell * group.levelPoints.length + level]! += n;
  }
}

export interface BallotShape {
  readonly rater_type: RaterType;
  readonly unit_id: number;
  /** K: the ballot's valid answers about the unit. */
  readonly answers: number;
  /** P: the sum of their points. */
  readonly points: number;
  /** How many ballots gave exactly this. */
  readonly n: number;
}

/**
 * Ballot-level sums for ballots that each rated one unit, and the sums of their means P ÷ K ('raterMean').
 * Card K and P are unweighted: the server's items all weigh 1. Such a ballot cannot be standardised (the
 * leniency view needs two units), which the module counts; nothing else about it spans units.
 */
export function addBallotShapes(tally: Tally, units: ReadonlyMap<number, number>, rows: readonly BallotShape[]): void {
  for (const row of rows) {
    const unit = units.get(row.unit_id);
    if (unit === undefined) continue;
    const group = tally.groups[row.rater_type];
    const n = Number(row.n);
    const p = row.points;
    const k = row.answers;
    const first = group.unitBallots[unit] === 0;
    group.unitBallots[unit]! += n;
    group.unitSumP[unit]! += n * p;
    group.unitSumK[unit]! += n * k;
    group.unitSumPP[unit]! += n * p * p;
    group.unitSumKK[unit]! += n * k * k;
    group.unitSumPK[unit]! += n * p * k;
    addBallotMeans(group.ballotMeans, unit, p, k, n);
    if (first || ranksAbove(p, k, group.unitHighP[unit]!, group.unitHighK[unit]!)) {
      group.unitHighP[unit] = p;
      group.unitHighK[unit] = k;
    }
    if (first || ranksBelow(p, k, group.unitLowP[unit]!, group.unitLowK[unit]!)) {
      group.unitLowP[unit] = p;
      group.unitLowK[unit] = k;
    }
    group.counters.ballotsReceived += n;
    if (group.leniency) group.counters.unstandardisableBallots += n;
  }
}

function itemIndex(index: ReadonlyMap<string, number>, raterType: RaterType, item: string): number {
  const found = index.get(item);
  if (found === undefined) throw new RangeError(`${raterType} item "${item}" is not in the tally layout`);
  return found;
}
