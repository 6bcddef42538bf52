// Streaming tally of ballots: fixed-size typed arrays per rater type, so a million ballots cost a
// few passes over memory and no per-ballot allocation on the columnar path. Everything the results
// need (means, SDs, CIs, trimmed means, histograms, leniency z-scores) is derived from these sums.
import { RATER_TYPES } from './rater-type.ts';
import type { RaterType } from './rater-type.ts';
import { describeScaleProblem } from './scales.ts';
import type { Scale } from './scales.ts';
import { tallyBallot } from './tally-ballot.ts';
import { createGroupTally } from './tally-group.ts';
import type { RaterGroupTally } from './tally-group.ts';

export interface TallyItem {
  readonly id: string;
  /** Relative weight of the item inside a ballot's score for a unit; default 1. Must be > 0. */
  readonly weight?: number;
}

export interface RaterTypeTallySettings {
  readonly scale: Scale;
  readonly items: readonly TallyItem[];
  /**
   * Standardise each ballot across the units it rated (leniency-adjusted view). Meant for
   * superiors and peers, who rate every unit; a recipient rates one unit, so there is nothing to
   * standardise against. Default: true for superior and peer, false for recipient.
   */
  readonly leniency?: boolean;
}

export interface TallySettings {
  readonly unitIds: readonly string[];
  readonly raterTypes: Readonly<Record<RaterType, RaterTypeTallySettings>>;
}

export interface Tally {
  readonly settings: TallySettings;
  readonly unitIndex: ReadonlyMap<string, number>;
  readonly groups: Readonly<Record<RaterType, RaterGroupTally>>;
}

export interface Rating {
  readonly unitId: string;
  readonly item: string;
  /** Points from the scale (see pointsFor); null for "don't know" (不了解). */
  readonly points: number | null;
}

export interface Ballot {
  readonly raterType: RaterType;
  /** The unit the rater belongs to (peer raters): ratings of that unit are dropped and counted. */
  readonly raterUnitId?: string | null;
  readonly ratings: readonly Rating[];
}

/**
 * Many ballots of one rater type in columns (compressed rows): ballot b owns ratings
 * ballotStarts[b] … ballotStarts[b + 1] − 1. Units and items are indices into the tally settings'
 * unitIds and that rater type's items; points NaN means "don't know".
 */
export interface BallotBatch {
  readonly raterType: RaterType;
  readonly ballotStarts: ArrayLike<number>;
  readonly units: ArrayLike<number>;
  readonly items: ArrayLike<number>;
  readonly points: ArrayLike<number>;
  /** Per ballot: index of the rater's own unit, or −1. */
  readonly raterUnits?: ArrayLike<number>;
}

export function createTally(settings: TallySettings): Tally {
  const unitIndex = new Map<string, number>();
  settings.unitIds.forEach((id, index) => {
    if (unitIndex.has(id)) throw new RangeError(`Unit "${id}" is listed twice`);
    unitIndex.set(id, index);
  });
  const groups = {} as Record<RaterType, RaterGroupTally>;
  for (const raterType of RATER_TYPES) {
    const typeSettings = settings.raterTypes[raterType];
    const problem = describeScaleProblem(typeSettings.scale);
    if (problem !== null) throw new RangeError(`${raterType} scale "${typeSettings.scale.id}": ${problem}`);
    groups[raterType] = createGroupTally(raterType, typeSettings, settings.unitIds.length);
  }
  return { settings, unitIndex, groups };
}

/** Adds one ballot given by ids (the convenient path; see addBallotBatch for the fast one). */
export function addBallot(tally: Tally, ballot: Ballot): void {
  const group = tally.groups[ballot.raterType];
  const count = ballot.ratings.length;
  const units = new Int32Array(count);
  const items = new Int32Array(count);
  const points = new Float64Array(count);
  ballot.ratings.forEach((rating, r) => {
    units[r] = lookUp(tally.unitIndex, rating.unitId, 'unit');
    items[r] = lookUp(group.itemIndex, rating.item, `${ballot.raterType} item`);
    points[r] = rating.points === null ? Number.NaN : rating.points;
  });
  const raterUnitId = ballot.raterUnitId ?? null;
  const raterUnit = raterUnitId === null ? -1 : lookUp(tally.unitIndex, raterUnitId, 'rater unit');
  tallyBallot(group, units, items, points, 0, count, raterUnit);
}

/** Adds many ballots of one rater type from columns: the path for bulk recounts. */
export function addBallotBatch(tally: Tally, batch: BallotBatch): void {
  const group = tally.groups[batch.raterType];
  const starts = batch.ballotStarts;
  const ballotCount = starts.length - 1;
  if (batch.units.length !== batch.points.length || batch.items.length !== batch.points.length) {
    throw new RangeError('Ballot batch columns units, items and points must have the same length');
  }
  if (ballotCount < 0 || starts[0] !== 0 || starts[ballotCount] !== batch.points.length) {
    throw new RangeError('ballotStarts must begin at 0 and end at the number of ratings');
  }
  const raterUnits = batch.raterUnits;
  if (raterUnits !== undefined && raterUnits.length !== ballotCount) {
    throw new RangeError('raterUnits must have one entry per ballot');
  }
  for (let b = 0; b < ballotCount; b++) {
    const start = starts[b]!;
    const end = starts[b + 1]!;
    if (!(end >= start)) throw new RangeError(`ballotStarts must not decrease (ballot ${b})`);
    const raterUnit = raterUnits === undefined ? -1 : raterUnits[b]!;
    tallyBallot(group, batch.units, batch.items, batch.points, start, end, raterUnit);
  }
}

function lookUp(index: ReadonlyMap<string, number>, id: string, what: string): number {
  const found = index.get(id);
  if (found === undefined) throw new RangeError(`Unknown ${what} "${id}"`);
  return found;
}
