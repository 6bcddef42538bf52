import type { Kysely } from 'kysely';
import type { RaterType } from '../../scoring/rater-type.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

/**
 * One row per ballot × unit: the sum and the number of that ballot's counted ratings of the unit,
 * kept by triggers on `ratings` (migration 0005, decision 005). Derived data: the recount reads the
 * ratings themselves and must agree with it.
 */
export interface BallotUnitScoreTable {
  ballot_id: string;
  unit_id: number;
  campaign_id: number;
  rater_type: RaterType;
  /** Σ points of the counted ratings (P in the scoring module). */
  points: number;
  /** Number of counted ratings (K in the scoring module, item weights being 1). */
  answers: number;
}

export type ResultsDb = Kysely<Database & { ballot_unit_scores: BallotUnitScoreTable }>;

/** The database seen with the results tables, which live outside the shared schema file. */
export function resultsDb(db: Db): ResultsDb {
  return db.withTables<{ ballot_unit_scores: BallotUnitScoreTable }>();
}
