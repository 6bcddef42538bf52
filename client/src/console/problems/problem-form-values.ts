// The problem form's values and the request bodies made from them: pure, so they are tested without a browser.
import type { ProblemSource } from '../../../../server/db/schema.ts';
import type { api, ResponseOf } from '../../shared/api.ts';

type Problem = ResponseOf<(typeof api.problems)[':id']['$get']>;

/** What the form edits, as the inputs hold it (empty string: not set). */
export interface ProblemValues {
  unitId: string;
  title: string;
  detail: string;
  source: ProblemSource;
  sourceRef: string;
  typeId: string;
  leader: string;
  owner: string;
  measures: string;
  deadline: string;
  visibility: 'public' | 'internal';
  /** Office only, on creation: straight into filed (an assigned problem, an inspection's finding). */
  fileAtOnce: boolean;
}

export const EMPTY_VALUES: ProblemValues = {
  unitId: '',
  title: '',
  detail: '',
  source: 'self',
  sourceRef: '',
  typeId: '',
  leader: '',
  owner: '',
  measures: '',
  deadline: '',
  visibility: 'public',
  fileAtOnce: false,
};

export function valuesOf(problem: Problem): ProblemValues {
  return {
    unitId: String(problem.unit.id),
    title: problem.title,
    detail: problem.detail,
    source: problem.source,
    sourceRef: problem.sourceRef ?? '',
    typeId: problem.type ? String(problem.type.id) : '',
    leader: problem.leader ?? '',
    owner: problem.owner ?? '',
    measures: problem.measures ?? '',
    deadline: problem.deadline ?? '',
    visibility: problem.visibility,
    fileAtOnce: false,
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** The fields of an edit (PATCH): every field, empty ones as null, so clearing a field clears it. */
export function editBody(values: ProblemValues) {
  return {
    title: values.title.trim(),
    detail: values.detail.trim(),
    source: values.source,
    sourceRef: orNull(values.sourceRef),
    typeId: values.typeId ? Number(values.typeId) : null,
    leader: orNull(values.leader),
    owner: orNull(values.owner),
    measures: orNull(values.measures),
    deadline: orNull(values.deadline),
    visibility: values.visibility,
  };
}

/** A new problem (POST): what is left empty is left out, so the server suggests the deadline. */
export function createBody(values: ProblemValues, office: boolean) {
  const body = editBody(values);
  return {
    unitId: Number(values.unitId),
    title: body.title,
    detail: body.detail,
    source: body.source,
    ...(body.sourceRef !== null && { sourceRef: body.sourceRef }),
    ...(body.typeId !== null && { typeId: body.typeId }),
    ...(body.leader !== null && { leader: body.leader }),
    ...(body.owner !== null && { owner: body.owner }),
    ...(body.measures !== null && { measures: body.measures }),
    ...(body.deadline !== null && { deadline: body.deadline }),
    visibility: body.visibility,
    ...(office && values.fileAtOnce && { initial: 'filed' as const }),
  };
}

/** The day after `day` (YYYY-MM-DD): the earliest new deadline an extension may set. */
export function dayAfter(day: string | null): string | undefined {
  if (!day) return undefined;
  const time = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(time) ? undefined : new Date(time + 86_400_000).toISOString().slice(0, 10);
}
