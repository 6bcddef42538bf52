import type { Selectable } from 'kysely';
import type { VisitProblemTable, VisitTable } from '../db/schema-visits.ts';

export type Visit = Selectable<VisitTable>;
export type VisitProblem = Selectable<VisitProblemTable>;
